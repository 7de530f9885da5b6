// whirlpool-samplehost: the smallest wallet that gives its users Whirlpool
// mixing through libwhirlpoolplugin.so. Its keys live here (MemoryWallet);
// the plugin only ever asks for signatures and addresses.
//
//   whirlpool-samplehost --plugin-file build/plugins/libwhirlpoolplugin.so
//       --coordinator http://127.0.0.1:8080 --network regtest --pool 0.01btc=1000000
//       --coin <txid>:<index>:<sats>:premix
//
// (The option is not "--plugin": QGuiApplication takes -plugin for itself.)

#include "memorywallet.h"

#include <whirlpool/whirlpool.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QPluginLoader>
#include <QTextStream>
#include <QWidget>

namespace {
const char *const kDemoMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                                  "abandon about";
int failWith(const QString &message)
{
    QTextStream(stderr) << "whirlpool-samplehost: " << message << '\n';
    return 1;
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sample host wallet for the Whirlpool mixer plugin"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("plugin-file"), QStringLiteral("Path of libwhirlpoolplugin.so."), QStringLiteral("path"),
                      QStringLiteral(WP_SAMPLEHOST_DEFAULT_PLUGIN)});
    parser.addOption({QStringLiteral("coordinator"), QStringLiteral("Coordinator base URL (repeatable)."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("network"), QStringLiteral("mainnet, testnet or regtest."), QStringLiteral("name"),
                      QStringLiteral("regtest")});
    parser.addOption({QStringLiteral("pool"), QStringLiteral("Pool id=denomination in sats (repeatable)."),
                      QStringLiteral("id=sats")});
    parser.addOption({QStringLiteral("coin"), QStringLiteral("A coin txid:index:sats:premix|postmix (repeatable)."),
                      QStringLiteral("coin")});
    parser.process(app);

    QPluginLoader loader(parser.value(QStringLiteral("plugin-file")));
    auto *plugin = qobject_cast<whirlpool::PluginInterface *>(loader.instance());
    if (!plugin)
        return failWith(QStringLiteral("cannot load the plugin: %1").arg(loader.errorString()));
    QString error;
    if (!plugin->initialize(&error))
        return failWith(error);

    const auto network = wp::btc::networkFromName(parser.value(QStringLiteral("network")));
    auto *wallet = new wp::samplehost::MemoryWallet(QString::fromLatin1(kDemoMnemonic),
                                                    network.value_or(wp::btc::Network::Regtest), &app);
    for (const QString &spec : parser.values(QStringLiteral("coin"))) {
        const QStringList p = spec.split(QLatin1Char(':'));
        if (p.size() != 4)
            return failWith(QStringLiteral("bad --coin %1").arg(spec));
        wallet->addCoin(p[0], p[1].toUInt(), p[2].toLongLong(),
                        p[3] == QLatin1String("postmix") ? whirlpool::Account::Postmix : whirlpool::Account::Premix);
    }

    whirlpool::MixerConfig config;
    config.network = parser.value(QStringLiteral("network"));
    config.bootstrapUrls = parser.values(QStringLiteral("coordinator"));
    for (const QString &pool : parser.values(QStringLiteral("pool")))
        config.pools.insert(pool.section(QLatin1Char('='), 0, 0), pool.section(QLatin1Char('='), 1).toLongLong());
    std::unique_ptr<whirlpool::Mixer> mixer(plugin->createMixer(wallet, config, &error));
    if (!mixer)
        return failWith(error);
    QWidget *status = plugin->createStatusWidget(mixer.get(), nullptr);
    status->show();
    mixer->refreshCoins();
    const int rc = app.exec();
    delete status;
    mixer.reset();
    plugin->shutdown();
    return rc;
}
