// whirlpool-coordinator configuration: defaults, INI file, --set overrides,
// secrets never from argv, and one-line errors for every bad setting.
#include <coordinatoroptions.h>

#include <QTemporaryDir>
#include <QTest>

using namespace wp;
using wp::server::CoordinatorOptions;

namespace {

QString writeIni(QTemporaryDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath(QStringLiteral("coordinator.ini"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

const QByteArray kMinimal = "[fees]\nsecret-words = all all all all all all all all all all all all\n"
                            "fee-xpub = vpub5YEQpEDXWE3TcFX9JXj73TaBskrDTy5pdw3HNujngNKfAYtgx1ynNd6ri92A8Jdgccm9BXttHkP3PGdbjpo9EKD7Yh89G5wa1AKWUqAwuvP\n";

} // namespace

class TestCoordinatorOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsFromAMinimalFile()
    {
        QTemporaryDir dir;
        auto o = CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--config"), writeIni(dir, kMinimal)});
        QVERIFY2(o, o ? "" : qPrintable(o.error().message));
        QCOMPARE(o->port, 8080);
        QCOMPARE(o->network, btc::Network::Regtest);
        QCOMPARE(o->pools.size(), 4);
        QCOMPARE(o->pools[2].poolId, QStringLiteral("0.01btc"));
        QCOMPARE(o->pools[2].denomination, 1000000);
        QCOMPARE(o->pools[2].mustMixBalanceMax(), 1019125);
        QCOMPARE(o->timings.registerOutputMs, 120000);
        QCOMPARE(o->ban.blamesToBan, 8);
        QCOMPARE(o->urlClear, QStringLiteral("http://127.0.0.1:8080"));
    }

    void fileThenSetOverrides()
    {
        QTemporaryDir dir;
        const QString ini = writeIni(dir, kMinimal + "[General]\nport = 9000\nname = alpha\npools = test\n"
                                                     "[pool.test]\ndenomination = 100000\nanonymity-set = 3\n"
                                                     "min-must-mix = 1\n[db]\npassword = s3cret\n");
        auto o = CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--config"), ini, QStringLiteral("--set"),
                                            QStringLiteral("port=9100"), QStringLiteral("--set"),
                                            QStringLiteral("pool.test.surge=2")});
        QVERIFY2(o, o ? "" : qPrintable(o.error().message));
        QCOMPARE(o->port, 9100);
        QCOMPARE(o->instanceName, QStringLiteral("alpha"));
        QCOMPARE(o->pools.size(), 1);
        QCOMPARE(o->pools[0].anonymitySet, 3);
        QCOMPARE(o->pools[0].surge, 2);
        QCOMPARE(o->db.password, QStringLiteral("s3cret"));
    }

    void secretsFromFileAndEnvironmentNeverArgv()
    {
        QTemporaryDir dir;
        QFile pw(dir.filePath(QStringLiteral("pw")));
        pw.open(QIODevice::WriteOnly);
        pw.write("from-file\n");
        pw.close();
        const QString ini = writeIni(dir, kMinimal + "[db]\npassword-file = " + pw.fileName().toUtf8() + "\n");
        auto o = CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--config"), ini});
        QVERIFY(o);
        QCOMPARE(o->db.password, QStringLiteral("from-file"));

        qputenv("WP_NODE_PASSWORD", "from-env");
        o = CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--config"), ini});
        qunsetenv("WP_NODE_PASSWORD");
        QVERIFY(o);
        QCOMPARE(o->node.password, QStringLiteral("from-env"));

        auto refused = CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--config"), ini,
                                                  QStringLiteral("--set"), QStringLiteral("db.password=x")});
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("never from the command line")));
    }

    void oneLineErrors_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("why");
        QTest::newRow("unknown-key") << kMinimal + "[General]\nprot = 1\n" << QStringList() << "unknown setting 'prot'";
        QTest::newRow("bad-port") << kMinimal + "[General]\nport = 70000\n" << QStringList() << "port must be an integer";
        QTest::newRow("bad-network") << kMinimal + "[General]\nnetwork = litecoin\n" << QStringList() << "network must be";
        QTest::newRow("bad-listen") << kMinimal + "[General]\nlisten = localhost:1\n" << QStringList() << "listen must be";
        QTest::newRow("no-secret") << QByteArray("[fees]\nfee-xpub = x\n") << QStringList() << "fees.secret-words is required";
        QTest::newRow("unknown-pool-no-denomination") << kMinimal + "[General]\npools = mystery\n" << QStringList() << "needs a denomination";
        QTest::newRow("fee-order") << kMinimal + "[pool.0.01btc]\nminer-fee-min = 500\nminer-fee-cap = 100\n" << QStringList() << "miner-fee-min";
        QTest::newRow("unlisted-pool") << kMinimal + "[pool.nope]\ndenomination = 5\n" << QStringList() << "not in 'pools'";
        QTest::newRow("bad-set") << kMinimal << QStringList{QStringLiteral("--set"), QStringLiteral("nosuch=1")} << "unknown setting";
        QTest::newRow("bad-url") << kMinimal + "[General]\nurl-clear = ftp://x\n" << QStringList() << "is not an http(s) URL";
        QTest::newRow("positional") << kMinimal << QStringList{QStringLiteral("stray")} << "unexpected argument";
    }
    void oneLineErrors()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QStringList, extra);
        QFETCH(QString, why);
        QTemporaryDir dir;
        auto o = CoordinatorOptions::parse(QStringList{QStringLiteral("wc"), QStringLiteral("--config"), writeIni(dir, ini)} + extra);
        QVERIFY(!o);
        QCOMPARE(o.error().code, 1);
        QVERIFY2(o.error().message.contains(why), qPrintable(o.error().message));
        QVERIFY(!o.error().message.contains(QLatin1Char('\n')));
    }

    void missingConfigFile()
    {
        auto o = CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--config"), QStringLiteral("/nonexistent.ini")});
        QVERIFY(!o);
        QVERIFY(o.error().message.contains(QStringLiteral("cannot read config file")));
    }

    void helpDocumentsEverySetting()
    {
        auto o = CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--help")});
        QVERIFY(!o);
        QCOMPARE(o.error().code, 0);
        for (const char *key : {"db.password", "node.cookie-file", "timings.signing-ms", "ban.blames", "fees.fee-xpub",
                                "limits.max-connections-per-ip", "anonymity-set"})
            QVERIFY2(o.error().message.contains(QLatin1String(key)), key);
    }
};

QTEST_GUILESS_MAIN(TestCoordinatorOptions)
#include "tst_coordinatoroptions.moc"
