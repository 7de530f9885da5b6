// The translations: every .ts (German, French, Spanish) is complete (no
// unfinished, empty or obsolete entry; the same %n placeholders and one
// keyboard accelerator where the source has one; a plural message has the
// language's number of forms), the compiled .qm built into the library loads
// and matches its .ts, the mixing engine's and the model layer's (client/app)
// own words come out translated in the contexts their code uses at runtime,
// and in every language each window's keyboard accelerators are unique on
// every page.
#include "guitest.h"

#include <app/apptext.h>
#include <app/walletcontroller.h>
#include <wallet/walletfileformat.h>

#include <widgets/mainwindow.h>
#include <widgets/newwalletdialog.h>
#include <widgets/receivedialog.h>
#include <widgets/restorewalletdialog.h>
#include <widgets/senddialog.h>
#include <widgets/settingsdialog.h>
#include <widgets/translator.h>
#include <widgets/tx0orderdialog.h>
#include <widgets/tx0previewdialog.h>
#include <widgets/unlockdialog.h>

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTabBar>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace wp;
using namespace wp::gui;

namespace {

struct TsMessage {
    QString context;
    QString source;
    QString translation; ///< the text; for a plural message its forms joined by '|'
    QStringList forms;   ///< a plural message's forms (numerusform), in the language's order
    QString type; ///< the translation's type attribute (unfinished, vanished, obsolete), empty when final
    bool numerus = false;
};

/// The number of plural forms Qt's rules give each shipped language (Qt's
/// numerus rules: German and Spanish one/other, French n <= 1 / other).
int pluralForms(const QString &code)
{
    static const QHash<QString, int> forms{{QStringLiteral("de"), 2}, {QStringLiteral("fr"), 2}, {QStringLiteral("es"), 2}};
    return forms.value(code, 0);
}

/// Every message of a .ts file. Returns: an error for unreadable XML.
Result<QList<TsMessage>> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open %1").arg(path));
    QXmlStreamReader xml(&file);
    QList<TsMessage> out;
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("message")) {
                current = TsMessage{context, {}, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
            } else if (xml.name() == QLatin1String("source"))
                current.source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!current.numerus)
                    current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            } else if (xml.name() == QLatin1String("numerusform")) {
                current.forms.append(xml.readElementText());
                current.translation = current.forms.join(QLatin1Char('|'));
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out.append(current);
        }
    }
    if (xml.hasError())
        return fail(QStringLiteral("%1: %2").arg(path, xml.errorString()));
    return out;
}

QStringList placeholders(const QString &text)
{
    QStringList out;
    QRegularExpressionMatchIterator it = QRegularExpression(QStringLiteral("%\\d")).globalMatch(text);
    while (it.hasNext())
        out.append(it.next().captured());
    out.removeDuplicates();
    out.sort();
    return out;
}

/// The accelerator letter of @p text ("&Next" -> 'n'), or a null QChar.
QChar accelerator(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

/// Accelerators that more than one visible control of @p window uses (labels with
/// a buddy, buttons, check boxes, tab titles, the menu bar), as "x: A, B".
QStringList acceleratorConflicts(QWidget *window)
{
    QHash<QChar, QStringList> owners;
    auto note = [&owners](const QString &text) {
        if (const QChar c = accelerator(text); !c.isNull())
            owners[c].append(QString(text).remove(QLatin1Char('&')));
    };
    QList<QWidget *> all = window->findChildren<QWidget *>();
    for (QWidget *w : all) {
        if (!w->isVisibleTo(window))
            continue;
        if (auto *l = qobject_cast<QLabel *>(w); l && l->buddy())
            note(l->text());
        else if (auto *b = qobject_cast<QAbstractButton *>(w))
            note(b->text());
        else if (auto *t = qobject_cast<QTabBar *>(w))
            for (int i = 0; i < t->count(); ++i)
                note(t->tabText(i));
        else if (auto *m = qobject_cast<QMenuBar *>(w))
            for (QAction *a : m->actions())
                note(a->text());
    }
    QStringList out;
    for (auto it = owners.cbegin(); it != owners.cend(); ++it)
        if (it->size() > 1)
            out.append(QStringLiteral("%1: %2").arg(it.key(), it->join(QStringLiteral(", "))));
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

    Translator *m_translator = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_translator = new Translator(this);
    }

    void cleanup() { QVERIFY(m_translator->setLanguage(QStringLiteral("en"))); }

    void tsFilesAreComplete_data()
    {
        QTest::addColumn<QString>("code");
        for (const QString &code : Translator::languages().mid(1))
            QTest::newRow(qPrintable(code)) << code;
    }

    void tsFilesAreComplete()
    {
        QFETCH(QString, code);
        const auto messages = readTs(QStringLiteral(WP_TRANSLATIONS_DIR "/whirlpool_%1.ts").arg(code));
        QVERIFY2(messages, messages ? "" : qPrintable(messages.error().message));
        QVERIFY2(messages->size() >= 350, qPrintable(QString::number(messages->size())));
        QSet<QString> contexts;
        for (const TsMessage &m : *messages) {
            const QString where = QStringLiteral("%1 / \"%2\"").arg(m.context, m.source);
            contexts.insert(m.context);
            QVERIFY2(m.type.isEmpty(), qPrintable(QStringLiteral("%1 is %2").arg(where, m.type)));
            QVERIFY2(!m.translation.trimmed().isEmpty(), qPrintable(where + QStringLiteral(" has no translation")));
            // A plural message: the language's number of forms, each with the count (%n).
            QVERIFY2(m.numerus == m.source.contains(QLatin1String("%n")),
                     qPrintable(where + QStringLiteral(": %n and plural forms go together")));
            const QStringList forms = m.numerus ? m.forms : QStringList{m.translation};
            if (m.numerus)
                QVERIFY2(forms.size() == pluralForms(code),
                         qPrintable(QStringLiteral("%1 has %2 plural forms").arg(where).arg(forms.size())));
            for (const QString &form : forms) {
                QVERIFY2(!form.trimmed().isEmpty(), qPrintable(where + QStringLiteral(" has an empty form")));
                QVERIFY2(placeholders(m.source) == placeholders(form),
                         qPrintable(QStringLiteral("%1: placeholders of \"%2\"").arg(where, form)));
                QVERIFY2(!m.numerus || form.contains(QLatin1String("%n")),
                         qPrintable(QStringLiteral("%1: no %n in \"%2\"").arg(where, form)));
                QVERIFY2(accelerator(m.source).isNull() == accelerator(form).isNull(),
                         qPrintable(QStringLiteral("%1: accelerator of \"%2\"").arg(where, form)));
            }
        }
        // The mixing engine's and the model layer's words are in the contexts their code translates them in.
        QVERIFY(contexts.contains(QStringLiteral("wp::client::MixOrchestrator")));
        QVERIFY(contexts.contains(QStringLiteral("wp::gui::CoinTableModel")));
        QVERIFY(contexts.contains(QStringLiteral("wp::client::AppText")));
        QVERIFY(contexts.contains(QStringLiteral("wp::client::AppSettings")));
        QVERIFY(contexts.contains(QStringLiteral("wp::client::WalletController")));
    }

    void compiledTranslationsMatchTheirTs_data() { tsFilesAreComplete_data(); }

    void compiledTranslationsMatchTheirTs()
    {
        QFETCH(QString, code);
        QTranslator translator;
        QVERIFY2(translator.load(Translator::qmPath(code)), qPrintable(Translator::qmPath(code)));
        QCOMPARE(translator.language(), code);
        const auto messages = readTs(QStringLiteral(WP_TRANSLATIONS_DIR "/whirlpool_%1.ts").arg(code));
        QVERIFY(messages);
        for (const TsMessage &m : *messages) {
            if (!m.numerus) {
                QCOMPARE(translator.translate(qPrintable(m.context), qPrintable(m.source)), m.translation);
                continue;
            }
            // One, then many (every shipped language: form 0 for 1, the last form for 5).
            QCOMPARE(translator.translate(qPrintable(m.context), qPrintable(m.source), nullptr, 1), m.forms.value(0));
            QCOMPARE(translator.translate(qPrintable(m.context), qPrintable(m.source), nullptr, 5), m.forms.value(m.forms.size() - 1));
        }
    }

    void theMixingEngineSpeaksEveryLanguage_data() { tsFilesAreComplete_data(); }

    void theMixingEngineSpeaksEveryLanguage()
    {
        QFETCH(QString, code);
        const auto english = [] {
            QStringList out;
            for (int r = 0; r <= int(client::MixFailReason::InvalidTransaction); ++r) {
                const auto a = client::adviceForFailure(client::MixFailReason(r), proto::error::kInputBanned, QStringLiteral("x"));
                out << a.explanation << a.advice;
            }
            return out;
        }();
        QVERIFY(m_translator->setLanguage(code));
        for (int r = 0; r <= int(client::MixFailReason::InvalidTransaction); ++r) {
            const auto a = client::adviceForFailure(client::MixFailReason(r), proto::error::kInputBanned, QStringLiteral("x"));
            QVERIFY2(!english.contains(a.explanation), qPrintable(a.explanation));
            QVERIFY2(a.advice.isEmpty() || !english.contains(a.advice), qPrintable(a.advice));
        }
        for (int s = 0; s <= int(client::MixStep::Fail); ++s) {
            const char *message = client::mixStepInfo(client::MixStep(s)).message;
            const QString translated = QCoreApplication::translate("wp::client::MixOrchestrator", message);
            QVERIFY2(translated != QLatin1String(message), message);
        }
        // A real orchestrator's own messages.
        guitest::ScriptedCluster cluster;
        cluster.build();
        const auto status = cluster.orchestrator->status(btc::OutPoint{guitest::txid(9), 0});
        QVERIFY(status);
        QCOMPARE(status->stepMessage, QCoreApplication::translate("wp::client::MixOrchestrator", "Waiting for a free mixing slot"));
        QVERIFY(status->stepMessage != QLatin1String("Waiting for a free mixing slot"));
    }

    void theModelLayerSpeaksGerman()
    {
        // The model layer (client/app) translates with the contexts the .ts files
        // have: a mismatch would leave these English without any other sign.
        QVERIFY(m_translator->setLanguage(QStringLiteral("de")));
        const auto translate = [](const char *context, const char *source, int n = -1) {
            return QCoreApplication::translate(context, source, nullptr, n);
        };

        // AppText (Q_DECLARE_TR_FUNCTIONS): a damaged wallet file, with the lower layer's detail.
        const char *damaged = "The wallet file is damaged. Restore the wallet from its recovery words.";
        const QString german = translate("wp::client::AppText", damaged);
        QVERIFY2(german.contains(QStringLiteral("beschädigt")), qPrintable(german));
        QCOMPARE(client::AppText::walletFileError(Error(int(client::WalletFileError::Damaged), QStringLiteral("tag mismatch"))),
                 german + QStringLiteral(" (tag mismatch)"));
        QCOMPARE(client::AppText::walletFileError(Error(int(client::WalletFileError::WrongPassword), {})),
                 QStringLiteral("Falsches Passwort."));

        // WalletController (Q_OBJECT): its status and an event-log line, whose detail
        // comes from AppSettings (Q_DECLARE_TR_FUNCTIONS). No node address is set,
        // so creating a wallet fails at once, before any I/O.
        client::AppSettings settings = client::AppSettings::defaults(btc::Network::Regtest);
        settings.nodeUrl.clear();
        client::WalletController controller(settings);
        QCOMPARE(controller.clusterStatus().lastError, QStringLiteral("Es ist keine Wallet geöffnet."));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        client::NewWalletRequest request;
        request.path = dir.filePath(QStringLiteral("new.wallet"));
        request.mnemonic = client::WalletController::generateMnemonic();
        request.password = QStringLiteral("correct horse battery staple");
        request.network = btc::Network::Regtest;
        QSignalSpy failed(&controller, &client::WalletController::walletOpenFailed);
        controller.createWallet(request);
        QTRY_COMPARE(failed.size(), 1);
        const QList<client::AppEvent> events = controller.events();
        QVERIFY(!events.isEmpty());
        const QString expected =
            translate("wp::client::WalletController", "The new wallet needs the node's current height as its starting point: %1")
                .arg(translate("wp::client::AppSettings",
                               "Enter the address of your bitcoin node (for example http://127.0.0.1:8332)."));
        QVERIFY2(expected.startsWith(QStringLiteral("Die neue Wallet braucht")), qPrintable(expected));
        QVERIFY2(expected.contains(QStringLiteral("Geben Sie die Adresse Ihres Bitcoin-Nodes ein")), qPrintable(expected));
        QCOMPARE(events.last().message, expected);
        QCOMPARE(failed.first().first().toString(), expected);
    }

    void acceleratorsAreUniqueInEveryWindow_data()
    {
        QTest::addColumn<QString>("code");
        for (const QString &code : Translator::languages())
            QTest::newRow(qPrintable(code)) << code;
    }

    void acceleratorsAreUniqueInEveryWindow()
    {
        QFETCH(QString, code);
        QVERIFY(m_translator->setLanguage(code));
        QStringList problems;
        auto check = [&problems](QWidget *w, const QString &what) {
            w->show();
            QCoreApplication::processEvents();
            const QStringList conflicts = acceleratorConflicts(w);
            if (!conflicts.isEmpty())
                problems.append(QStringLiteral("%1: %2").arg(what, conflicts.join(QStringLiteral("; "))));
        };
        MainWindow main;
        main.setWalletName(QStringLiteral("w"));
        for (int tab = 0; tab < main.tabs()->count(); ++tab) {
            main.tabs()->setCurrentIndex(tab);
            check(&main, QStringLiteral("main window tab %1").arg(tab));
        }
        SettingsDialog settings(btc::Network::Regtest);
        for (int tab = 0; tab < settings.tabs()->count(); ++tab) {
            settings.tabs()->setCurrentIndex(tab);
            check(&settings, QStringLiteral("settings tab %1").arg(tab));
        }
        NewWalletDialog newWallet;
        newWallet.usePassphraseCheck()->setChecked(true);
        for (auto *pages = newWallet.findChild<QStackedWidget *>(); pages && pages->currentIndex() < pages->count();) {
            check(&newWallet, QStringLiteral("new wallet page %1").arg(pages->currentIndex()));
            if (pages->currentIndex() == pages->count() - 1)
                break;
            pages->setCurrentIndex(pages->currentIndex() + 1);
        }
        RestoreWalletDialog restore;
        check(&restore, QStringLiteral("restore"));
        SendDialog send(btc::Network::Regtest, client::FeePresets{}, 1);
        check(&send, QStringLiteral("send"));
        UnlockDialog unlock(QStringLiteral("w"));
        check(&unlock, QStringLiteral("unlock"));
        auto fixture = guitest::tx0Fixture();
        QVERIFY(fixture);
        Tx0PreviewDialog tx0(fixture->preview, fixture->pool, fixture->feeRate);
        check(&tx0, QStringLiteral("tx0"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // The first step of a Tx0 (pool, miner fee, maximum coins, bad bank, preview).
        const QList<PoolEntry> pools = guitest::samplePools();
        QVERIFY(!pools.isEmpty());
        Tx0OrderDialog order(pools, client::FeePresets{}, pools.first().pool.mustMixBalanceMin * 3 + pools.first().pool.feeValue);
        check(&order, QStringLiteral("tx0 order"));
        ReceiveDialog receive(btc::Network::Main);
        receive.setAddress(QStringLiteral("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
        check(&receive, QStringLiteral("receive"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
