// WalletKeys and AddressBook: the BIP84 vectors for the deposit account, the
// classic Whirlpool client's own Tx0s (whirlpool-fixtures.json: Tx0ServiceV0Test /
// Tx0ServiceV1Test, built by the "all all ... all" / "whirlpool" testnet test
// wallet) for the premix, postmix and deposit-change derivations, userPreHash,
// gap-limit lookup and fresh-index handout.

#include <wallet/addressbook.h>
#include <wallet/walletkeys.h>

#include <bitcoin/address.h>
#include <bitcoin/bip32.h>
#include <bitcoin/transaction.h>
#include <crypto/hash.h>
#include <util/hex.h>

#include <testdata.h>

#include <QSet>
#include <QTest>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;

namespace {

constexpr char kAbandon[] = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
/// The classic client's test wallet (AbstractWhirlpoolWalletTest#computeWhirlpoolWallet).
constexpr char kAllWords[] = "all all all all all all all all all all all all";
constexpr char kAllPassphrase[] = "whirlpool";

std::shared_ptr<const WalletKeys> makeKeys(const char *words, const char *passphrase, btc::Network network)
{
    auto keys = WalletKeys::fromMnemonic(QString::fromLatin1(words), QString::fromLatin1(passphrase), network);
    if (!keys)
        qFatal("wallet keys: %s", qPrintable(keys.error().message));
    return std::make_shared<const WalletKeys>(std::move(*keys));
}

} // namespace

class TestWalletKeys : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bip84DepositVectors_data()
    {
        QTest::addColumn<int>("chain");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("pubkey");
        QTest::addColumn<QString>("address");
        const QJsonObject v = test::loadJson(QStringLiteral("bip84_vectors.json")).object();
        for (const QJsonValue &a : v.value(QStringLiteral("addresses")).toArray()) {
            const QJsonObject o = a.toObject();
            QTest::newRow(qPrintable(o.value(QStringLiteral("id")).toString()))
                << o.value(QStringLiteral("chain")).toInt() << o.value(QStringLiteral("index")).toInt()
                << o.value(QStringLiteral("pubkey")).toString() << o.value(QStringLiteral("address")).toString();
        }
    }
    void bip84DepositVectors()
    {
        QFETCH(int, chain);
        QFETCH(int, index);
        QFETCH(QString, pubkey);
        QFETCH(QString, address);
        const auto keys = makeKeys(kAbandon, "", btc::Network::Main);
        const KeyPath path{WalletAccount::Deposit, AddressChain(chain), std::uint32_t(index)};
        QCOMPARE(util::toHex(keys->pubKey(path)->serialize(true)), pubkey);
        QCOMPARE(*keys->address(path), address);
        QCOMPARE(*keys->script(path), *btc::addressToScript(address, btc::networkParams(btc::Network::Main)));
        QCOMPARE(keys->privKey(path)->pubKey().serialize(), keys->pubKey(path)->serialize());
        QCOMPARE(keys->derivationPath(path), QStringLiteral("m/84'/0'/0'/%1/%2").arg(chain).arg(index));
        const QJsonObject v = test::loadJson(QStringLiteral("bip84_vectors.json")).object();
        QCOMPARE(keys->account(WalletAccount::Deposit).zpub(), v.value(QStringLiteral("xpub")).toString());
    }

    void accountNumbers()
    {
        QCOMPARE(accountNumber(WalletAccount::Deposit), 0u);
        QCOMPARE(accountNumber(WalletAccount::Premix), 2147483645u);
        QCOMPARE(accountNumber(WalletAccount::Postmix), 2147483646u);
        QCOMPARE(accountNumber(WalletAccount::Badbank), 2147483644u);
        const auto keys = makeKeys(kAbandon, "", btc::Network::Regtest);
        for (WalletAccount a : kWalletAccounts)
            QCOMPARE(keys->account(a).account(), accountNumber(a));
        QCOMPARE(keys->derivationPath({WalletAccount::Premix, AddressChain::Change, 7}),
                 QStringLiteral("m/84'/1'/2147483645'/1/7"));
        QVERIFY(keys->address({WalletAccount::Postmix, AddressChain::Receive, 0})->startsWith(QLatin1String("bcrt1q")));
        QCOMPARE(KeyPath({WalletAccount::Badbank, AddressChain::Change, 3}).toString(), QStringLiteral("badbank/1/3"));
    }

    void userPreHash()
    {
        // §8.4: hex(sha256(bech32 address of premix m/84'/c'/2147483645'/0/0)).
        const auto keys = makeKeys(kAllWords, kAllPassphrase, btc::Network::Test);
        const QString premix00 = *keys->address({WalletAccount::Premix, AddressChain::Receive, 0});
        QCOMPARE(keys->userPreHash(), util::toHex(crypto::sha256(premix00.toUtf8())));
        QCOMPARE(keys->userPreHash().size(), 64);
        // The premix m/.../0/0 of the classic test wallet is one of its Tx0 premix outputs (see below).
        QCOMPARE(premix00.left(4), QStringLiteral("tb1q"));
        // Another passphrase is another wallet.
        QVERIFY(makeKeys(kAllWords, "", btc::Network::Test)->userPreHash() != keys->userPreHash());
    }

    void badMnemonicsFail_data()
    {
        QTest::addColumn<QString>("mnemonic");
        QTest::addColumn<int>("code");
        QTest::newRow("empty") << QString() << int(btc::HdError::BadWordCount);
        QTest::newRow("11 words") << QStringLiteral("all all all all all all all all all all all") << int(btc::HdError::BadWordCount);
        QTest::newRow("unknown word") << QStringLiteral("all all all all all all all all all all all zzz")
                                      << int(btc::HdError::UnknownWord);
        QTest::newRow("checksum") << QStringLiteral("all all all all all all all all all all all abandon")
                                  << int(btc::HdError::BadChecksum);
    }
    void badMnemonicsFail()
    {
        QFETCH(QString, mnemonic);
        QFETCH(int, code);
        auto keys = WalletKeys::fromMnemonic(mnemonic, {}, btc::Network::Regtest);
        QVERIFY(!keys);
        QCOMPARE(keys.error().code, code);
    }

    void typedMnemonicIsNormalized()
    {
        const auto a = makeKeys(kAllWords, kAllPassphrase, btc::Network::Test);
        auto b = WalletKeys::fromMnemonic(QStringLiteral("  all all  all all all all all all all all all\tall "),
                                          QStringLiteral("whirlpool"), btc::Network::Test);
        QVERIFY(b);
        QCOMPARE(b->userPreHash(), a->userPreHash());
    }

    /// The classic client's Tx0s, built by the same test wallet: their premix outputs
    /// are premix/0/0..n-1 and their change deposit/1/x (or postmix/1/x).
    void samouraiTx0sPayOurAddresses_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("test");
        QSet<QString> seen;
        for (const QJsonValue &v : test::loadJson(QStringLiteral("whirlpool-fixtures.json"))
                                       .object()
                                       .value(QStringLiteral("fixtures"))
                                       .toArray()) {
            const QJsonObject o = v.toObject();
            const QJsonObject source = o.value(QStringLiteral("source")).toObject();
            const QString path = source.value(QStringLiteral("path")).toString();
            const QString txid = o.value(QStringLiteral("txid")).toString();
            if (o.value(QStringLiteral("type")).toString() != QLatin1String("raw_tx")
                || source.value(QStringLiteral("status")).toString() != QLatin1String("active")
                || !(path.endsWith(QLatin1String("Tx0ServiceV0Test.java")) || path.endsWith(QLatin1String("Tx0ServiceV1Test.java")))
                || seen.contains(txid))
                continue;
            seen.insert(txid);
            QTest::newRow(qPrintable(source.value(QStringLiteral("test")).toString() + QLatin1Char(' ') + txid.left(8)))
                << test::hex(o.value(QStringLiteral("raw_hex")).toString())
                << source.value(QStringLiteral("test")).toString();
        }
    }
    void samouraiTx0sPayOurAddresses()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, test);
        constexpr btc::Amount kPremixValue = 1000150;
        const auto keys = makeKeys(kAllWords, kAllPassphrase, btc::Network::Test);
        AddressBook book(keys);
        const auto tx = btc::Transaction::deserialize(raw);
        QVERIFY(tx);

        // Premix outputs: premix/0/0..n-1. The change: deposit/1/x, or postmix/1/x when the test says so.
        int premix = 0;
        QSet<std::uint32_t> premixIndexes;
        const WalletAccount changeAccount = test.contains(QLatin1String("Postmix")) ? WalletAccount::Postmix
                                                                                      : WalletAccount::Deposit;
        btc::TxOut change;
        for (const btc::TxOut &out : tx->outputs) {
            if (out.value == kPremixValue) {
                const auto path = book.find(out.scriptPubKey);
                QVERIFY(path);
                QCOMPARE(path->account, WalletAccount::Premix);
                QCOMPARE(path->chain, AddressChain::Receive);
                premixIndexes.insert(path->index);
                ++premix;
            } else if (out.value > change.value) {
                change = out;
            }
        }
        const auto changePath = book.find(change.scriptPubKey);
        QVERIFY2(changePath, "the change goes back to the wallet");
        QCOMPARE(changePath->account, changeAccount);
        QCOMPARE(changePath->chain, AddressChain::Change);
        // premix/0/0 .. premix/0/(n-1)
        QCOMPARE(premixIndexes.size(), premix);
        for (int i = 0; i < premix; ++i)
            QVERIFY(premixIndexes.contains(std::uint32_t(i)));
    }

    void gapLimitWindow()
    {
        const auto keys = makeKeys(kAbandon, "", btc::Network::Regtest);
        AddressBook book(keys, 5);
        QCOMPARE(book.gapLimit(), 5u);
        QCOMPARE(book.watchedCount(), qsizetype(8 * 5));
        for (WalletAccount a : kWalletAccounts)
            for (AddressChain c : kAddressChains)
                QCOMPARE(book.watchedCount(a, c), 5u);
        const KeyPath p4{WalletAccount::Postmix, AddressChain::Change, 4};
        const KeyPath p5{WalletAccount::Postmix, AddressChain::Change, 5};
        QCOMPARE(book.find(*keys->script(p4)), p4);
        QVERIFY(!book.find(*keys->script(p5)));
        QVERIFY(!book.highestUsed(p4.account, p4.chain));

        // Using index 4 watches 5 more past it.
        QVERIFY(book.markUsed(p4));
        QCOMPARE(book.watchedCount(p4.account, p4.chain), 10u);
        QCOMPARE(book.find(*keys->script(p5)), p5);
        QCOMPARE(book.highestUsed(p4.account, p4.chain), std::optional<std::uint32_t>(4));
        // Using an older index changes nothing.
        QVERIFY(!book.markUsed({WalletAccount::Postmix, AddressChain::Change, 1}));
        QCOMPARE(book.highestUsed(p4.account, p4.chain), std::optional<std::uint32_t>(4));
        // Other chains are untouched.
        QCOMPARE(book.watchedCount(WalletAccount::Postmix, AddressChain::Receive), 5u);
        // Scripts of another wallet are not ours.
        const auto other = makeKeys(kAllWords, kAllPassphrase, btc::Network::Regtest);
        QVERIFY(!book.find(*other->script({WalletAccount::Deposit, AddressChain::Receive, 0})));
        QVERIFY(!book.find(btc::Script()));
    }

    void freshIndexes()
    {
        const auto keys = makeKeys(kAbandon, "", btc::Network::Regtest);
        AddressBook book(keys, 3);
        const WalletAccount premix = WalletAccount::Premix;
        QCOMPARE(book.peekNext(premix, AddressChain::Receive).index, 0u);
        QCOMPARE(book.reserveNext(premix, AddressChain::Receive).index, 0u);
        QCOMPARE(book.reserveNext(premix, AddressChain::Receive).index, 1u);
        QCOMPARE(book.peekNext(premix, AddressChain::Receive).index, 2u);
        // Reserving past the window extends it, so the reserved outputs will be found.
        for (int i = 0; i < 5; ++i)
            book.reserveNext(premix, AddressChain::Receive);
        QCOMPARE(book.peekNext(premix, AddressChain::Receive).index, 7u);
        QCOMPARE(book.watchedCount(premix, AddressChain::Receive), 6u + 1u + 3u);
        QVERIFY(book.find(*keys->script({premix, AddressChain::Receive, 6})));
        // A used index beyond the reserved ones moves the next one past it.
        book.markUsed({premix, AddressChain::Receive, 8});
        QCOMPARE(book.peekNext(premix, AddressChain::Receive).index, 9u);
        // Chains are independent.
        QCOMPARE(book.peekNext(premix, AddressChain::Change).index, 0u);
    }

    void postmixParity()
    {
        const auto keys = makeKeys(kAbandon, "", btc::Network::Regtest);
        AddressBook book(keys);
        // Desktop clients use even postmix receive indexes (§8.1 step 6).
        QCOMPARE(book.parity(WalletAccount::Postmix, AddressChain::Receive), IndexParity::Even);
        QCOMPARE(book.parity(WalletAccount::Postmix, AddressChain::Change), IndexParity::Any);
        QCOMPARE(book.reserveNext(WalletAccount::Postmix, AddressChain::Receive).index, 0u);
        QCOMPARE(book.reserveNext(WalletAccount::Postmix, AddressChain::Receive).index, 2u);
        book.markUsed({WalletAccount::Postmix, AddressChain::Receive, 5}); // a mobile client used 5
        QCOMPARE(book.reserveNext(WalletAccount::Postmix, AddressChain::Receive).index, 6u);
        // Configurable: odd for a mobile-like client.
        book.setParity(WalletAccount::Postmix, AddressChain::Receive, IndexParity::Odd);
        QCOMPARE(book.reserveNext(WalletAccount::Postmix, AddressChain::Receive).index, 7u);
        book.setParity(WalletAccount::Postmix, AddressChain::Receive, IndexParity::Any);
        QCOMPARE(book.reserveNext(WalletAccount::Postmix, AddressChain::Receive).index, 8u);
    }
};

QTEST_GUILESS_MAIN(TestWalletKeys)
#include "tst_walletkeys.moc"
