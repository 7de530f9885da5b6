// Fault injection at the plugin boundary: the real plugin (.so) mixes the
// sample host's coins against the scripted in-process coordinator while the
// host's bridge fails, never answers, signs with the wrong key, corrupts a
// transaction signature, throws, or answers the wrong kind. Each faulty coin
// gets a clear per-coin error, the good coins still mix, nothing crashes, and
// no private key ever crosses the boundary.

#include "pluginharness.h"

#include <QDir>
#include <QWidget>

using namespace wp;
using namespace wp::test;
using wp::samplehost::Fault;
using wp::samplehost::MemoryWallet;

class TestPluginBridge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_key = crypto::RsaKeyPair::generate(2048);
        QVERIFY(m_key.has_value());
    }

    void faultyBridgeFailsOnlyItsCoin()
    {
        QPluginLoader loader;
        auto *plugin = loadPlugin(loader);
        QVERIFY(plugin);
        QString error;
        QVERIFY2(plugin->initialize(&error), qPrintable(error));

        FakeCoordinator fake(*m_key);
        QVERIFY(fake.listen());
        MemoryWallet wallet(kMnemonic, kNetwork);
        const qint64 value = kDenomination + 5000;
        struct Case {
            Fault fault;
            QString expected; ///< in the coin's lastError
        };
        const QList<Case> cases = {
            {Fault::FailSigning, QStringLiteral("the user declined to sign")},
            {Fault::NeverAnswer, QStringLiteral("did not answer")},
            {Fault::BadSignature, QStringLiteral("another key than the coin's")},
            {Fault::Throw, QStringLiteral("threw (sample wallet exploded)")},
            {Fault::WrongAnswerKind, QStringLiteral("answered the message signature request with a witness")},
            {Fault::BadInputSignature, QStringLiteral("invalid signature")},
            {Fault::None, QString()},
        };
        QList<whirlpool::Coin> coins;
        for (const Case &c : cases) {
            coins.append(wallet.addCoin(randomTxidHex(), 1, value, whirlpool::Account::Premix));
            wallet.setFault(coins.last().outpoint(), c.fault);
        }
        // A deposit coin and an unconfirmed premix coin are not mixed.
        wallet.addCoin(randomTxidHex(), 0, value, whirlpool::Account::Deposit);
        wallet.addCoin(randomTxidHex(), 0, value, whirlpool::Account::Premix, 0);
        adoptRegisteringCoins(fake, coins);

        std::unique_ptr<whirlpool::Mixer> mixer(plugin->createMixer(&wallet, testConfig(fake.url()), &error));
        QVERIFY2(mixer, qPrintable(error));
        RecordingListener listener;
        mixer->setListener(&listener);
        mixer->refreshCoins();
        QTRY_COMPARE(mixer->coins().size(), cases.size());

        const QString good = coins.last().outpoint();
        QTRY_COMPARE_WITH_TIMEOUT(listener.statuses.value(good).state, whirlpool::CoinState::Mixed, 60000);
        for (qsizetype i = 0; i + 1 < cases.size(); ++i) {
            const QString outpoint = coins[i].outpoint();
            QTRY_COMPARE_WITH_TIMEOUT(listener.statuses.value(outpoint).state, whirlpool::CoinState::Waiting, 10000);
            const whirlpool::CoinStatus s = listener.statuses.value(outpoint);
            QVERIFY2(s.lastError.contains(cases[i].expected), qPrintable(outpoint + QStringLiteral(": ") + s.lastError));
            QVERIFY(!s.advice.isEmpty());
            QVERIFY2(listener.errors.value(outpoint).join(QLatin1Char('|')).contains(cases[i].expected),
                     qPrintable(listener.errors.value(outpoint).join(QLatin1Char('|'))));
        }
        const whirlpool::CoinStatus mixed = listener.statuses.value(good);
        QVERIFY(!mixed.lastTxid.isEmpty());
        QCOMPARE(mixed.lastError, QString());
        QVERIFY(fake.signatureValid);
        QCOMPARE(wallet.broadcasts(), QStringList{good + QStringLiteral(" -> ") + mixed.lastTxid});
        QVERIFY(!listener.events.isEmpty()); // CONNECTED events reached the host

        // The mixer still answers after all that.
        QVERIFY(mixer->stopCoin(good, &error) || !error.isEmpty());
        QVERIFY(!mixer->startCoin(QStringLiteral("nonsense"), &error));
        QVERIFY2(error.contains(QStringLiteral("txid:index")), qPrintable(error));

        // The status widget renders what the host sees (offscreen platform).
        std::unique_ptr<QWidget> widget(plugin->createStatusWidget(mixer.get(), nullptr));
        QVERIFY(widget);
        widget->resize(1200, 480);
        widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(widget.get()));
        const QImage shot = widget->grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.width(), 1200);
        const QString path = QDir(QStringLiteral(WP_TEST_BUILD_DIR)).filePath(QStringLiteral("plugin-status-widget.png"));
        QVERIFY2(shot.save(path), qPrintable(path));
        qInfo("status widget screenshot: %s", qPrintable(path));
        // Not a blank image: the rows are drawn in several colours.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 4)
            for (int x = 0; x < shot.width(); x += 4)
                colours.insert(shot.pixel(x, y));
        QVERIFY(colours.size() > 10);

        // No private key ever crossed the boundary.
        QList<QByteArray> secrets;
        for (const whirlpool::Coin &c : coins) {
            const auto keyPath = wallet.book().find(btc::Script(c.scriptPubKey));
            QVERIFY(keyPath.has_value());
            const auto key = wallet.book().keys().privKey(*keyPath);
            QVERIFY(key.has_value());
            secrets.append(QByteArray(reinterpret_cast<const char *>(key->bytes().data()), qsizetype(key->bytes().size())));
        }
        QVERIFY(!wallet.sentToPlugin().isEmpty());
        for (const QByteArray &sent : wallet.sentToPlugin())
            for (const QByteArray &secret : std::as_const(secrets)) {
                QVERIFY(!sent.contains(secret));
                QVERIFY(!sent.toLower().contains(secret.toHex()));
            }

        widget.reset();
        mixer.reset();
        plugin->shutdown();
    }

    /// A bridge answering after the mixer is gone, or twice, is ignored.
    void lateAnswersAfterDestructionAreIgnored()
    {
        QPluginLoader loader;
        auto *plugin = loadPlugin(loader);
        QVERIFY(plugin);
        QString error;
        QVERIFY(plugin->initialize(&error));
        struct SlowBridge : MemoryWallet {
            using MemoryWallet::MemoryWallet;
            void listCoins(whirlpool::BridgeReplyPtr reply) override { held = reply; }
            whirlpool::BridgeReplyPtr held;
        } wallet(kMnemonic, kNetwork);
        std::unique_ptr<whirlpool::Mixer> mixer(
            plugin->createMixer(&wallet, testConfig(QUrl(QStringLiteral("http://127.0.0.1:1"))), &error));
        QVERIFY(mixer);
        RecordingListener listener;
        mixer->setListener(&listener);
        mixer->refreshCoins();
        QVERIFY(wallet.held);
        QVERIFY(wallet.held->isOpen());
        // The coin list times out: a mixer-wide error, no crash.
        QTRY_VERIFY_WITH_TIMEOUT(listener.errors.value(QString()).join(QLatin1Char('|')).contains(
                                     QStringLiteral("did not answer the coin list request")),
                                 5000);
        QVERIFY(!wallet.held->isOpen());
        wallet.held->setCoins({}); // too late: ignored
        mixer->refreshCoins();
        mixer.reset();
        wallet.held->setCoins({}); // mixer gone: ignored
        wallet.held->setError(QStringLiteral("twice"));
        QTest::qWait(50); // let any (wrongly) queued delivery run
        plugin->shutdown();
    }

private:
    std::optional<crypto::RsaKeyPair> m_key;
};

QTEST_MAIN(TestPluginBridge)
#include "tst_pluginbridge.moc"
