// The dialogs of client/widgets with real data and their validation: a fresh
// mnemonic confirmed word by word (wrong words, short or mismatched passwords
// refused), restore with live BIP39 checks (unknown word, checksum, word
// count), the asynchronous unlock, a real Tx0Builder preview, a send with
// addresses checked for the network and a real SpendBuilder preview, and the
// settings' validation. Screenshots go to build/screenshots/ (also in German,
// French and Spanish).
#include "guitest.h"

#include <widgets/formatting.h>
#include <widgets/newwalletdialog.h>
#include <widgets/passwordfields.h>
#include <widgets/receivedialog.h>
#include <widgets/restorewalletdialog.h>
#include <widgets/senddialog.h>
#include <widgets/settingsdialog.h>
#include <widgets/translator.h>
#include <widgets/tx0orderdialog.h>
#include <widgets/tx0previewdialog.h>
#include <widgets/unlockdialog.h>

#include <wallet/addressbook.h>
#include <wallet/spendbuilder.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableWidget>
#include <QGuiApplication>
#include <QTimer>

using namespace wp;
using namespace wp::gui;
using namespace wp::guitest;

namespace {

constexpr char kVector[] = "legal winner thank year wave sausage worth useful legal winner thank yellow";

QString regtestAddress(char fill)
{
    return *btc::scriptToAddress(btc::Script::p2wpkh(*btc::Hash160::fromBytes(QByteArray(20, fill))),
                                 btc::networkParams(btc::Network::Regtest));
}

QString mainnetAddress(char fill)
{
    return *btc::scriptToAddress(btc::Script::p2wpkh(*btc::Hash160::fromBytes(QByteArray(20, fill))),
                                 btc::networkParams(btc::Network::Main));
}

client::FeePresets presets()
{
    client::FeePresets p;
    p.fast = {25, 2, true};
    p.normal = {12, 6, true};
    p.slow = {2, 24, false};
    p.note = QStringLiteral("no estimate for 24 blocks");
    return p;
}

GuiSettings sampleSettings()
{
    GuiSettings s;
    s.bootstrap = {
        {QStringLiteral("a"), QStringLiteral("coordinator-a"), QStringLiteral("http://127.0.0.1:8081"),
         QStringLiteral("http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion")},
        {QString(), QStringLiteral("coordinator-b"), QStringLiteral("https://b.example.org"), QString()},
        {QStringLiteral("c"), QStringLiteral("coordinator-c"), QStringLiteral("http://127.0.0.1:8083"), QString()},
    };
    s.proxyHost = QStringLiteral("127.0.0.1");
    s.proxyPort = 9050;
    s.nodeUrl = QStringLiteral("http://127.0.0.1:18443");
    s.nodeUser = QStringLiteral("rpcuser");
    s.nodePassword = QStringLiteral("rpcpassword");
    s.feeDefaults = {30, 10, 3};
    s.language = QStringLiteral("fr");
    s.maxConcurrent = 5;
    s.autoRemix = true;
    s.remixTarget = 10;
    return s;
}

} // namespace

class TestDialogs : public QObject {
    Q_OBJECT

    Translator *m_translator = nullptr;

    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_translator = new Translator(this);
    }

    void cleanup() { QVERIFY(m_translator->setLanguage(QStringLiteral("en"))); }

    void passwordStrength()
    {
        QCOMPARE(gui::passwordStrength(QString()), PasswordStrength::Empty);
        QCOMPARE(gui::passwordStrength(QStringLiteral("abc123")), PasswordStrength::TooShort);
        QCOMPARE(gui::passwordStrength(QStringLiteral("password123")), PasswordStrength::Weak);
        QCOMPARE(gui::passwordStrength(QStringLiteral("abcdefghij")), PasswordStrength::Weak);
        QCOMPARE(gui::passwordStrength(QStringLiteral("aaaaaaaaaaaaaaaa")), PasswordStrength::Weak);
        QCOMPARE(gui::passwordStrength(QStringLiteral("sunshine42x")), PasswordStrength::Fair);
        QCOMPARE(gui::passwordStrength(QStringLiteral("Tr0ub4dor&3")), PasswordStrength::Strong);
        QCOMPARE(gui::passwordStrength(QStringLiteral("correct horse battery staple")), PasswordStrength::Strong);
    }

    void newWalletShowsWordsAndConfirmsThem()
    {
        NewWalletDialog d;
        const QStringList words = d.mnemonic().split(QLatin1Char(' '));
        QCOMPARE(words.size(), 12);
        QVERIFY(btc::validateMnemonic(d.mnemonic()));
        NewWalletDialog other;
        QVERIFY(other.mnemonic() != d.mnemonic()); // fresh entropy each time
        for (const QString &w : words)
            QVERIFY(showsText(&d, w));
        QVERIFY(!screenshot(&d, QStringLiteral("newwallet-1-words")).isNull());

        // Not before the words are written down.
        QVERIFY(!d.next());
        QCOMPARE(d.page(), NewWalletDialog::WordsPage);
        d.writtenDownCheck()->setChecked(true);
        QVERIFY(d.next());
        QCOMPARE(d.page(), NewWalletDialog::ConfirmPage);
        const QList<int> positions = d.confirmationPositions();
        QCOMPARE(positions.size(), 3);
        // A wrong word is refused, naming its position.
        for (int i = 0; i < 3; ++i)
            type(d.confirmationEdit(i), words[positions[i] - 1]);
        type(d.confirmationEdit(1), words[positions[1] - 1] == QLatin1String("zoo") ? QStringLiteral("abandon")
                                                                                   : QStringLiteral("zoo"));
        QVERIFY(!d.next());
        QVERIFY2(d.errorText().contains(QStringLiteral("#%1").arg(positions[1])), qPrintable(d.errorText()));
        QVERIFY(!screenshot(&d, QStringLiteral("newwallet-2-confirm-wrong")).isNull());
        // Case and surrounding spaces do not matter.
        type(d.confirmationEdit(1), QStringLiteral("  ") + words[positions[1] - 1].toUpper() + QStringLiteral(" "));
        QVERIFY(d.next());
        QCOMPARE(d.page(), NewWalletDialog::PasswordPage);

        // Passwords: too short, then different, then fine; a passphrase typed twice.
        type(d.passwordFields()->passwordEdit(), QStringLiteral("short"));
        type(d.passwordFields()->repeatEdit(), QStringLiteral("short"));
        QVERIFY(!d.next());
        QVERIFY(d.errorText().contains(QLatin1String("at least 8")));
        type(d.passwordFields()->passwordEdit(), QStringLiteral("a long sentence I remember"));
        type(d.passwordFields()->repeatEdit(), QStringLiteral("a long sentence I remembre"));
        QVERIFY(!d.next());
        QCOMPARE(d.errorText(), QStringLiteral("The two passwords differ."));
        QVERIFY(!screenshot(&d, QStringLiteral("newwallet-3-password-mismatch")).isNull());
        type(d.passwordFields()->repeatEdit(), QStringLiteral("a long sentence I remember"));
        d.usePassphraseCheck()->setChecked(true);
        type(d.passphraseEdit(), QStringLiteral("extra words"));
        type(d.passphraseRepeatEdit(), QStringLiteral("extra word"));
        QVERIFY(!d.next());
        QCOMPARE(d.errorText(), QStringLiteral("The two passphrases differ."));
        type(d.passphraseRepeatEdit(), QStringLiteral("extra words"));
        QVERIFY(!screenshot(&d, QStringLiteral("newwallet-3-password")).isNull());
        // Back and forth keeps what was typed.
        d.back();
        QCOMPARE(d.page(), NewWalletDialog::ConfirmPage);
        QVERIFY(d.next());
        QVERIFY(d.next());
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(d.password(), QStringLiteral("a long sentence I remember"));
        QCOMPARE(d.passphrase(), QStringLiteral("extra words"));
        QCOMPARE(d.mnemonic(), words.join(QLatin1Char(' ')));
    }

    void restoreChecksTheWordsAsTyped()
    {
        RestoreWalletDialog d;
        QVERIFY(!d.restoreButton()->isEnabled());
        const QString typo = QStringLiteral("legal winner thank year wave sausage worth useful legal winner thank yelow");
        d.mnemonicEdit()->setPlainText(typo);
        QVERIFY2(d.mnemonicProblem().contains(QLatin1String("Word 12 (\"yelow\")")), qPrintable(d.mnemonicProblem()));
        QVERIFY(showsText(&d, QStringLiteral("is not a BIP39 English word")));
        QVERIFY(!screenshot(&d, QStringLiteral("restore-unknown-word")).isNull());
        d.mnemonicEdit()->setPlainText(QStringLiteral("legal winner thank year wave sausage worth useful legal winner thank"));
        QVERIFY(d.mnemonicProblem().startsWith(QLatin1String("11 words typed")));
        d.mnemonicEdit()->setPlainText(QStringLiteral("legal winner thank year wave sausage worth useful legal winner yellow thank"));
        QVERIFY(d.mnemonicProblem().contains(QLatin1String("checksum")));
        QVERIFY(!d.restoreButton()->isEnabled());

        // Any spacing and case; then the password decides.
        d.mnemonicEdit()->setPlainText(QStringLiteral("  Legal winner thank year\nwave sausage worth useful   legal winner thank YELLOW "));
        QVERIFY(d.mnemonicProblem().isEmpty());
        QCOMPARE(d.mnemonic(), QString::fromLatin1(kVector));
        QVERIFY(showsText(&d, QStringLiteral("Valid recovery phrase (12 words).")));
        type(d.passwordFields()->passwordEdit(), QStringLiteral("correct horse battery"));
        type(d.passwordFields()->repeatEdit(), QStringLiteral("correct horse batter"));
        QVERIFY(!d.restoreButton()->isEnabled());
        QCOMPARE(d.problem(), QStringLiteral("The two passwords differ."));
        QVERIFY(!screenshot(&d, QStringLiteral("restore-password-mismatch")).isNull());
        type(d.passwordFields()->repeatEdit(), QStringLiteral("correct horse battery"));
        QVERIFY(d.restoreButton()->isEnabled());
        QCOMPARE(d.birthdayHeight(), -1);
        d.birthdayEdit()->setValue(812'345);
        QCOMPARE(d.birthdayHeight(), 812'345);
        type(d.passphraseEdit(), QStringLiteral("TREZOR"));
        QVERIFY(!screenshot(&d, QStringLiteral("restore-valid")).isNull());
        d.restoreButton()->click();
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(d.passphrase(), QStringLiteral("TREZOR"));
        QCOMPARE(d.password(), QStringLiteral("correct horse battery"));
    }

    void unlockWaitsForTheCallerWithoutBlocking()
    {
        UnlockDialog d(QStringLiteral("demo.wallet"));
        QStringList tried;
        connect(&d, &UnlockDialog::unlockRequested, this, [&d, &tried](const QString &password) {
            tried.append(password);
            // The caller answers later (as scrypt on the thread pool would).
            QTimer::singleShot(0, &d, [&d, password] {
                d.finishUnlock(password == QLatin1String("right password") ? QString()
                                                                           : QStringLiteral("Wrong password."));
            });
        });
        QVERIFY(!d.unlockButton()->isEnabled());
        type(d.passwordEdit(), QStringLiteral("wrong"));
        d.unlockButton()->click();
        QVERIFY(d.isBusy());
        QVERIFY(!d.passwordEdit()->isEnabled());
        QVERIFY(!screenshot(&d, QStringLiteral("unlock-busy")).isNull());
        QTRY_VERIFY(!d.isBusy());
        QCOMPARE(d.errorText(), QStringLiteral("Wrong password."));
        QVERIFY(d.passwordEdit()->text().isEmpty());
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY(d.isVisible());
        QVERIFY(!screenshot(&d, QStringLiteral("unlock-error")).isNull());
        type(d.passwordEdit(), QStringLiteral("right password"));
        QTest::keyClick(d.passwordEdit(), Qt::Key_Return);
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(tried, (QStringList{QStringLiteral("wrong"), QStringLiteral("right password")}));
    }

    void tx0PreviewShowsTheRealPreview()
    {
        auto fixture = tx0Fixture();
        QVERIFY2(fixture, fixture ? "" : qPrintable(fixture.error().message));
        const client::Tx0Preview &p = fixture->preview;
        QCOMPARE(p.totalInputs, 5'470'000);
        QVERIFY(p.nbPremix == 5);
        Tx0PreviewDialog d(p, fixture->pool, fixture->feeRate);
        QVERIFY(showsText(&d, QStringLiteral("%1 × %2 = %3").arg(p.nbPremix).arg(formatBtc(p.premixValue), formatBtc(p.premixTotal()))));
        QVERIFY(showsText(&d, formatBtc(p.feeValue)));
        QVERIFY(showsText(&d, QStringLiteral("%1 (3 sat/vB, about %2 vB)").arg(formatBtc(p.tx0MinerFee)).arg(p.tx0Vsize)));
        QVERIFY(showsText(&d, QStringLiteral("%1 to Deposit").arg(formatBtc(p.change))));
        QCOMPARE(d.totalFees(), p.feeValue + p.tx0MinerFee + p.premixMinerFee * p.nbPremix);
        QVERIFY(!d.warnsHighFees());
        // Everything adds up to what is spent.
        QCOMPARE(p.premixTotal() + p.feeValue + p.tx0MinerFee + p.change, p.totalInputs);
        d.setChangeAccount(QStringLiteral("badbank"));
        QVERIFY(showsText(&d, QStringLiteral("to Bad bank (Tx0 change)")));
        QVERIFY(!screenshot(&d, QStringLiteral("tx0preview")).isNull());
        QVERIFY(d.confirmButton()->isEnabled());
        d.confirmButton()->click();
        QCOMPARE(d.result(), int(QDialog::Accepted));

        // One premix coin from a small deposit at a high fee rate: the fees are more than 5 %.
        client::Tx0Preview small = p;
        small.totalInputs = 1'100'000;
        small.nbPremix = 1;
        small.tx0MinerFee = 25'000;
        small.change = small.totalInputs - small.premixValue - small.feeValue - small.tx0MinerFee;
        Tx0PreviewDialog high(small, fixture->pool, fixture->feeRate);
        QVERIFY(high.warnsHighFees());
        QVERIFY(showsText(&high, QStringLiteral("Fees are more than 5 %")));
        QVERIFY(!screenshot(&high, QStringLiteral("tx0preview-highfee")).isNull());
    }

    void tx0OrderChoosesPoolFeeAndCoins()
    {
        const QList<PoolEntry> pools = samplePools();
        QVERIFY(pools.size() >= 2);
        // The largest pool the deposit makes a coin of is offered first.
        const btc::Amount deposit = pools[1].pool.mustMixBalanceMin * 3 + pools[1].pool.feeValue;
        QCOMPARE(Tx0OrderDialog::maxPremixCoins(pools[1].pool, deposit), 3);
        client::FeePresets presets;
        presets.fast = {30, 2, true};
        presets.normal = {12, 6, true};
        presets.slow = {2, 24, false};
        Tx0OrderDialog d(pools, presets, deposit);
        QCOMPARE(d.choice().poolId, Tx0OrderDialog::defaultPool(pools, deposit));
        QVERIFY(d.selectPool(pools[1].pool.poolId));
        QVERIFY(!d.selectPool(QStringLiteral("no such pool")));
        QVERIFY(showsText(&d, QStringLiteral("at most 3, of")));
        QVERIFY(showsText(&d, QStringLiteral("defaults are used")));
        QVERIFY(d.previewButton()->isEnabled());
        d.feeChooser()->setChoice(FeeChoice::Custom);
        d.feeChooser()->customEdit()->setValue(45);
        d.maxOutputsEdit()->setValue(2);
        d.badbankCheck()->setChecked(true);
        QVERIFY(showsText(&d, QStringLiteral("at most 2, of")));
        QCOMPARE(d.choice(), (Tx0Choice{pools[1].pool.poolId, FeeChoice::Custom, 45, 2, true}));
        QVERIFY(!screenshot(&d, QStringLiteral("tx0order")).isNull());
        // A pool the deposit is too small for: said, and no preview.
        const PoolEntry *largest = &pools.first();
        for (const PoolEntry &p : pools)
            if (p.pool.denomination > largest->pool.denomination)
                largest = &p;
        QVERIFY(d.selectPool(largest->pool.poolId));
        QVERIFY(showsText(&d, QStringLiteral("too small for this pool")));
        QVERIFY(!d.previewButton()->isEnabled());
        QVERIFY(!screenshot(&d, QStringLiteral("tx0order-too-small")).isNull());
    }

    void receiveShowsTheAddressToCopy()
    {
        ReceiveDialog d(btc::Network::Regtest);
        QVERIFY(!d.copyButton()->isEnabled());
        d.setError(QStringLiteral("Open a wallet first."));
        QVERIFY(showsText(&d, QStringLiteral("Open a wallet first.")));
        const QString address = QStringLiteral("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080");
        d.setAddress(address);
        QVERIFY(showsText(&d, QStringLiteral("Send only regtest bitcoin to this address:")));
        QVERIFY(d.addressEdit()->isReadOnly());
        QCOMPARE(d.address(), address);
        d.copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), address);
        QVERIFY(showsText(&d, QStringLiteral("Copied to the clipboard.")));
        QSignalSpy another(&d, &ReceiveDialog::newAddressRequested);
        d.newAddressButton()->click();
        QCOMPARE(another.size(), 1);
        QVERIFY(!screenshot(&d, QStringLiteral("receive")).isNull());
    }

    void sendChecksTheAddressAndPreviews()
    {
        auto keys = client::WalletKeys::fromMnemonic(QString::fromLatin1(kVector), {}, btc::Network::Regtest);
        QVERIFY(keys);
        auto book = std::make_shared<client::AddressBook>(std::make_shared<const client::WalletKeys>(std::move(*keys)));
        QList<client::Utxo> coins;
        for (int i = 0; i < 3; ++i) {
            client::Utxo u;
            u.outpoint = {*btc::Txid::fromBytes(crypto::sha256("postmix" + QByteArray::number(i))), quint32(i)};
            u.value = 1'000'000 + i * 4'000'000;
            u.path = {client::WalletAccount::Postmix, btc::AddressChain::Receive, quint32(2 * i)};
            u.script = *book->keys().script(u.path);
            u.confirmations = 3;
            coins.append(u);
        }
        const btc::Amount available = client::totalValue(coins);
        SendDialog d(btc::Network::Regtest, presets(), available);
        int previews = 0;
        d.setPreviewer([&](const SendDraft &draft) -> Result<client::SpendPreview> {
            ++previews;
            client::SpendRequest r;
            r.coins = coins;
            r.address = draft.address;
            r.amount = draft.amount;
            r.sendAll = draft.sendAll;
            r.feeRate = draft.feeRate;
            r.currentHeight = 812'345;
            return client::SpendBuilder::preview(r, *book);
        });
        QVERIFY(!d.sendButton()->isEnabled());
        QVERIFY(showsText(&d, QStringLiteral("Normal: 12 sat/vB (about 6 blocks)")));
        QVERIFY(showsText(&d, QStringLiteral("Slow: 2 sat/vB (default)")));

        type(d.addressEdit(), QStringLiteral("bcrt1qnotanaddress"));
        QVERIFY(d.addressProblem().startsWith(QLatin1String("Not a valid bitcoin address")));
        type(d.addressEdit(), mainnetAddress('\x11'));
        QCOMPARE(d.addressProblem(), QStringLiteral("This is a mainnet address; this wallet is on regtest."));
        type(d.amountEdit(), QStringLiteral("0.02"));
        d.updatePreview();
        QVERIFY(!d.preview());
        QVERIFY(!d.sendButton()->isEnabled());
        QVERIFY(!screenshot(&d, QStringLiteral("send-wrong-network")).isNull());

        type(d.addressEdit(), QStringLiteral("  ") + regtestAddress('\x11'));
        QVERIFY(d.addressProblem().isEmpty());
        type(d.amountEdit(), QStringLiteral("1"));
        QCOMPARE(d.formProblem(), QStringLiteral("The amount is more than the %1 available.").arg(formatBtc(available)));
        type(d.amountEdit(), QStringLiteral("0.0000050"));
        QVERIFY(d.formProblem().contains(QLatin1String("dust")));
        type(d.amountEdit(), QStringLiteral("0.02"));
        d.updatePreview();
        QVERIFY(d.preview());
        QCOMPARE(d.preview()->amount, 2'000'000);
        QCOMPARE(d.preview()->feeRate, 12);
        QCOMPARE(d.preview()->address, regtestAddress('\x11'));
        QVERIFY(d.sendButton()->isEnabled());
        QVERIFY(showsText(&d, QStringLiteral("Recipient gets:")));
        QVERIFY(showsText(&d, formatBtc(d.preview()->fee)));
        QVERIFY(!screenshot(&d, QStringLiteral("send-preview")).isNull());

        // An edit invalidates the preview until the new one is made (debounced).
        d.feeCombo()->setCurrentIndex(int(FeeChoice::Custom));
        d.customFeeEdit()->setValue(40);
        QVERIFY(!d.sendButton()->isEnabled());
        QTRY_VERIFY(d.sendButton()->isEnabled());
        QCOMPARE(d.preview()->feeRate, 40);

        d.sendAllCheck()->setChecked(true);
        d.updatePreview();
        QVERIFY(d.preview());
        QCOMPARE(d.preview()->amount + d.preview()->fee, available);
        QCOMPARE(d.preview()->change, 0);
        QVERIFY(!screenshot(&d, QStringLiteral("send-all")).isNull());
        QVERIFY(previews >= 3);
        d.sendButton()->click();
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const auto draft = d.draft();
        QVERIFY(draft);
        QVERIFY(draft->sendAll);
        QCOMPARE(draft->feeChoice, FeeChoice::Custom);
        QCOMPARE(draft->feeRate, 40);
        QCOMPARE(draft->address, regtestAddress('\x11'));
    }

    void settingsValidateBeforeClosing()
    {
        SettingsDialog d(btc::Network::Regtest);
        const GuiSettings s = sampleSettings();
        d.setSettings(s);
        QCOMPARE(d.settings(), s);
        QVERIFY2(d.validate(), d.validate() ? "" : qPrintable(d.validate().error().message));
        QCOMPARE(d.bootstrapTable()->rowCount(), 3);
        QCOMPARE(d.languageCombo()->currentText(), QStringLiteral("Français"));
        QVERIFY(!screenshot(&d, QStringLiteral("settings-cluster")).isNull());

        auto refused = [&d](const char *what) {
            d.accept();
            QVERIFY2(d.result() != QDialog::Accepted, what);
            QVERIFY2(!d.errorText().isEmpty(), what);
        };
        d.nodeUrlEdit()->setText(QStringLiteral("127.0.0.1:18443"));
        refused("node URL without scheme");
        QVERIFY(d.errorText().contains(QLatin1String("node URL")));
        d.nodeUrlEdit()->setText(s.nodeUrl);
        d.bootstrapTable()->item(1, 1)->setText(QStringLiteral("ftp://b.example.org"));
        refused("ftp URL");
        QVERIFY(d.errorText().contains(QLatin1String("coordinator-b")));
        QVERIFY(!screenshot(&d, QStringLiteral("settings-error")).isNull());
        d.bootstrapTable()->item(1, 1)->setText(s.bootstrap[1].urlClear);
        d.bootstrapTable()->item(0, 2)->setText(QStringLiteral("http://not-an-onion.example"));
        refused("clearnet host as onion URL");
        d.bootstrapTable()->item(0, 2)->setText(s.bootstrap[0].urlOnion);
        d.operatorEdit()->setText(mainnetAddress('\x22'));
        refused("mainnet operator address on regtest");
        QVERIFY(d.errorText().contains(QLatin1String("operator address")));
        d.operatorEdit()->setText(regtestAddress('\x22'));
        d.useOnionCheck()->setChecked(true);
        d.proxyHostEdit()->clear();
        refused("onion without a proxy");
        QVERIFY(d.errorText().contains(QLatin1String("SOCKS5")));
        d.proxyHostEdit()->setText(QStringLiteral("127.0.0.1"));
        QVERIFY2(d.validate(), d.validate() ? "" : qPrintable(d.validate().error().message));
        d.useOnionCheck()->setChecked(false);

        // Rows can be added and removed; empty rows are ignored.
        const int rows = d.bootstrapTable()->rowCount();
        d.findChildren<QPushButton *>().at(0)->click(); // "Add instance"
        QCOMPARE(d.bootstrapTable()->rowCount(), rows + 1);
        QCOMPARE(d.settings().bootstrap.size(), rows);
        d.bootstrapTable()->setCurrentCell(0, 0);
        d.findChildren<QPushButton *>().at(1)->click(); // "Remove instance"
        QCOMPARE(d.settings().bootstrap.size(), rows - 1);
        QCOMPARE(d.settings().bootstrap.first().name, QStringLiteral("coordinator-b"));

        for (int tab = 1; tab < d.tabs()->count(); ++tab) {
            d.tabs()->setCurrentIndex(tab);
            QVERIFY(!screenshot(&d, QStringLiteral("settings-tab%1").arg(tab)).isNull());
        }
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(d.settings().operatorAddress, regtestAddress('\x22'));
        QCOMPARE(d.settings().language, QStringLiteral("fr"));
    }

    void dialogsSpeakTheChosenLanguage_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("newWalletTitle");
        QTest::addColumn<QString>("sendTitle");
        QTest::addColumn<QString>("settingsNodeTab");
        QTest::addColumn<QString>("passwordMismatch");
        QTest::addColumn<QString>("cancel");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Neue Wallet")
                            << QStringLiteral("Gemischte Münzen senden") << QStringLiteral("Node")
                            << QStringLiteral("Die beiden Passwörter sind verschieden.") << QStringLiteral("Abbrechen");
        QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("Nouveau portefeuille")
                            << QStringLiteral("Envoyer des pièces mixées") << QStringLiteral("Nœud")
                            << QStringLiteral("Les deux mots de passe sont différents.") << QStringLiteral("Annuler");
        QTest::newRow("es") << QStringLiteral("es") << QStringLiteral("Nuevo monedero")
                            << QStringLiteral("Enviar monedas mezcladas") << QStringLiteral("Nodo")
                            << QStringLiteral("Las dos contraseñas son distintas.") << QStringLiteral("Cancelar");
    }

    void dialogsSpeakTheChosenLanguage()
    {
        QFETCH(QString, code);
        QFETCH(QString, newWalletTitle);
        QFETCH(QString, sendTitle);
        QFETCH(QString, settingsNodeTab);
        QFETCH(QString, passwordMismatch);
        QFETCH(QString, cancel);
        NewWalletDialog newWallet;
        SendDialog send(btc::Network::Regtest, presets(), 6'000'000);
        SettingsDialog settings(btc::Network::Regtest);
        settings.setSettings(sampleSettings());
        RestoreWalletDialog restore;
        // Switched while the dialogs are open: they retranslate themselves.
        QVERIFY(m_translator->setLanguage(code));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCoreApplication::processEvents();
        QCOMPARE(newWallet.windowTitle(), newWalletTitle);
        QCOMPARE(send.windowTitle(), sendTitle);
        QVERIFY(showsText(&settings, settingsNodeTab));
        // Button boxes keep our translated texts (standard buttons would fall back to English).
        for (QWidget *dialog : std::initializer_list<QWidget *>{&newWallet, &send, &settings, &restore})
            QVERIFY2(showsText(dialog, cancel), qPrintable(dialog->windowTitle()));
        for (const QPushButton *b : settings.findChildren<QPushButton *>())
            QVERIFY(b->text() != QLatin1String("Cancel"));
        restore.mnemonicEdit()->setPlainText(QString::fromLatin1(kVector));
        type(restore.passwordFields()->passwordEdit(), QStringLiteral("correct horse battery"));
        type(restore.passwordFields()->repeatEdit(), QStringLiteral("correct horse"));
        QCOMPARE(restore.problem(), passwordMismatch);
        type(send.addressEdit(), mainnetAddress('\x11'));
        QVERIFY(!send.addressProblem().contains(QLatin1String("mainnet address")));
        QVERIFY(!screenshot(&newWallet, QStringLiteral("newwallet-%1").arg(code)).isNull());
        QVERIFY(!screenshot(&send, QStringLiteral("send-%1").arg(code)).isNull());
        QVERIFY(!screenshot(&settings, QStringLiteral("settings-%1").arg(code)).isNull());
        QVERIFY(!screenshot(&restore, QStringLiteral("restore-%1").arg(code)).isNull());
    }
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
