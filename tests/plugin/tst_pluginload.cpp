// The real libwhirlpoolplugin.so loaded as a host loads it: metadata,
// interface id, API version check, configuration errors, exported symbols.

#include "pluginharness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>

using namespace wp;
using namespace wp::test;

class TestPluginLoad : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void metadataAndInterfaceId()
    {
        QPluginLoader loader(QStringLiteral(WP_PLUGIN_PATH));
        const QJsonObject meta = loader.metaData();
        QCOMPARE(meta.value(QStringLiteral("IID")).toString(), QStringLiteral(WHIRLPOOL_PLUGIN_IID));
        QCOMPARE(meta.value(QStringLiteral("IID")).toString(), QStringLiteral("org.whirlpool.MixerPlugin/1.0"));
        const QJsonObject data = meta.value(QStringLiteral("MetaData")).toObject();
        QCOMPARE(data.value(QStringLiteral("name")).toString(), QStringLiteral("Whirlpool mixer"));
        QVERIFY(!data.value(QStringLiteral("version")).toString().isEmpty());
        QCOMPARE(data.value(QStringLiteral("apiVersion")).toInt(), whirlpool::kApiVersion);
        QVERIFY(data.value(QStringLiteral("compatibleApiVersions")).toArray().contains(whirlpool::kApiVersion));

        auto *plugin = qobject_cast<whirlpool::PluginInterface *>(loader.instance());
        QVERIFY2(plugin, qPrintable(loader.errorString()));
        QCOMPARE(plugin->apiVersion(), whirlpool::kApiVersion);
        QCOMPARE(plugin->pluginVersion(), data.value(QStringLiteral("version")).toString());
    }

    void wrongApiVersionIsRefused()
    {
        QPluginLoader loader;
        auto *plugin = loadPlugin(loader);
        QVERIFY(plugin);
        QString error;
        QVERIFY(!plugin->initializeForApi(whirlpool::kApiVersion + 1, &error));
        QVERIFY2(error.contains(QStringLiteral("API version 2")) && error.contains(QStringLiteral("API version 1")),
                 qPrintable(error));
        QVERIFY(!plugin->initializeForApi(0, nullptr)); // no crash without an error string
        // Not initialized: no mixer.
        wp::samplehost::MemoryWallet wallet(kMnemonic, btc::Network::Regtest);
        QVERIFY(!plugin->createMixer(&wallet, testConfig(QUrl(QStringLiteral("http://127.0.0.1:1"))), &error));
        QVERIFY2(error.contains(QStringLiteral("not initialized")), qPrintable(error));
        QVERIFY2(plugin->initialize(&error), qPrintable(error));
        plugin->shutdown();
    }

    void invalidConfigurationIsRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no-bootstrap") << "bootstrap" << "bootstrapUrls is empty";
        QTest::newRow("bad-network") << "network" << "unknown network";
        QTest::newRow("bad-proxy") << "proxy" << "host:port";
        QTest::newRow("no-pools") << "pools" << "no pool";
        QTest::newRow("bad-url") << "url" << "";
    }
    void invalidConfigurationIsRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        QPluginLoader loader;
        auto *plugin = loadPlugin(loader);
        QVERIFY(plugin);
        QString error;
        QVERIFY(plugin->initialize(&error));
        whirlpool::MixerConfig config = testConfig(QUrl(QStringLiteral("http://127.0.0.1:1")));
        if (field == QLatin1String("bootstrap"))
            config.bootstrapUrls.clear();
        if (field == QLatin1String("network"))
            config.network = QStringLiteral("moonnet");
        if (field == QLatin1String("proxy"))
            config.proxy = QStringLiteral("localhost");
        if (field == QLatin1String("pools"))
            config.pools.clear();
        if (field == QLatin1String("url"))
            config.bootstrapUrls = {QStringLiteral("ftp://nowhere")};
        wp::samplehost::MemoryWallet wallet(kMnemonic, btc::Network::Regtest);
        QVERIFY(!plugin->createMixer(&wallet, config, &error));
        QVERIFY2(error.startsWith(QStringLiteral("invalid mixer configuration: ")) && error.contains(expected),
                 qPrintable(error));
        QVERIFY(!plugin->createMixer(nullptr, testConfig(QUrl(QStringLiteral("http://127.0.0.1:1"))), &error));
        plugin->shutdown();
    }

    /// Only Qt's plugin entry points leave the .so: no wp:: or library symbol a
    /// host could bind to by accident (and break on the next upgrade).
    void onlyPluginEntryPointsAreExported()
    {
        QProcess nm;
        nm.start(QStringLiteral("nm"), {QStringLiteral("-D"), QStringLiteral("--defined-only"), QStringLiteral(WP_PLUGIN_PATH)});
        QVERIFY2(nm.waitForFinished(30000), "nm did not run (binutils missing?)");
        QCOMPARE(nm.exitCode(), 0);
        QStringList exported;
        for (const QByteArray &line : nm.readAllStandardOutput().split('\n')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() == 3 && parts[1] != "A")
                exported.append(QString::fromLatin1(parts[2]));
        }
        QStringList unexpected;
        for (const QString &s : std::as_const(exported))
            if (!s.startsWith(QLatin1String("qt_plugin_")) && s != QLatin1String("_init") && s != QLatin1String("_fini"))
                unexpected.append(s);
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.mid(0, 20).join(QLatin1Char(' '))));
        QVERIFY(exported.contains(QStringLiteral("qt_plugin_instance")));
    }
};

QTEST_MAIN(TestPluginLoad)
#include "tst_pluginload.moc"
