// whirlpool-samplehost: the smallest wallet that gives its users Whirlpool
// mixing through libwhirlpoolplugin.so. Its keys live here (MemoryWallet);
// the plugin only ever asks for signatures and addresses.
//
//   whirlpool-samplehost --plugin-file build/plugins/libwhirlpoolplugin.so
//       --coordinator http://127.0.0.1:8080 --network regtest --pool 0.01btc=1000000
//       --mnemonic-file words.txt --coin <txid>:<index>:<sats>:premix
//       [--headless --exit-after-mixes 1 --timeout-s 120 --boundary-log sent.txt]
//   whirlpool-samplehost --self-check      (load + initialize + one mixer, no network)
//
// (The option is not "--plugin": QGuiApplication takes -plugin for itself.)

#include "headlessrun.h"
#include "memorywallet.h"

#include <whirlpool/whirlpool.h>

#include <bitcoin/bip39.h>
#include <bitcoin/network.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPluginLoader>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>
#include <QWidget>

#include <cstring>
#include <memory>
#include <optional>

namespace {
const char *const kDemoMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
                                  "abandon about";
const char *const kDefaultPool = "0.01btc=1000000";
/// --self-check never connects: the mixer only needs some bootstrap URL.
const char *const kSelfCheckCoordinator = "http://127.0.0.1:8080";
/// How long --self-check waits for the plugin to list the wallet's coins.
constexpr int kSelfCheckWaitMs = 5000;

int failWith(const QString &message)
{
    QTextStream(stderr) << "whirlpool-samplehost: " << message << '\n';
    return 1;
}

/// Whether @p flag is on the command line (decides the application class before
/// QCommandLineParser, which needs the application, runs).
bool hasFlag(int argc, char **argv, const char *flag)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], flag) == 0)
            return true;
    return false;
}

std::optional<wp::btc::Network> networkOf(const QString &name)
{
    if (name == QLatin1String("mainnet"))
        return wp::btc::Network::Main;
    return wp::btc::networkFromName(name);
}

/// The mnemonic in @p path (one line of English BIP39 words). Returns: nullopt with @p error.
std::optional<QString> readMnemonic(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the mnemonic file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QString mnemonic = wp::btc::normalizeMnemonic(QString::fromUtf8(file.readAll()).simplified());
    if (auto valid = wp::btc::validateMnemonic(mnemonic); !valid) {
        *error = QStringLiteral("the mnemonic in %1 is not valid: %2").arg(path, valid.error().message);
        return std::nullopt;
    }
    return mnemonic;
}

/// Writes every item the host handed the plugin, one lowercase hex line each.
bool writeBoundaryLog(const QString &path, const QList<QByteArray> &sent, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    for (const QByteArray &item : sent)
        file.write(item.toHex() + '\n');
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

/// Runs the event loop until the mixer knows @p expected coins (or kSelfCheckWaitMs passed).
void waitForCoins(const whirlpool::Mixer &mixer, qsizetype expected)
{
    QEventLoop loop;
    QElapsedTimer elapsed;
    elapsed.start();
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (mixer.coins().size() >= expected || elapsed.elapsed() > kSelfCheckWaitMs)
            loop.quit();
    });
    poll.start(10);
    loop.exec();
}
} // namespace

int main(int argc, char **argv)
{
    // Headless runs need no display server (and a self-check no window either).
    const bool windowless = hasFlag(argc, argv, "--headless") || hasFlag(argc, argv, "--self-check");
    std::unique_ptr<QCoreApplication> app =
        windowless ? std::make_unique<QCoreApplication>(argc, argv) : std::make_unique<QApplication>(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sample host wallet for the Whirlpool mixer plugin"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("plugin-file"), QStringLiteral("Path of libwhirlpoolplugin.so."), QStringLiteral("path"),
                      QStringLiteral(WP_SAMPLEHOST_DEFAULT_PLUGIN)});
    parser.addOption({QStringLiteral("coordinator"), QStringLiteral("Coordinator base URL (repeatable)."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("network"), QStringLiteral("mainnet, testnet or regtest."), QStringLiteral("name"),
                      QStringLiteral("regtest")});
    parser.addOption({QStringLiteral("pool"),
                      QStringLiteral("Pool id=denomination in sats (repeatable; default %1).").arg(QLatin1String(kDefaultPool)),
                      QStringLiteral("id=sats")});
    parser.addOption({QStringLiteral("coin"), QStringLiteral("A coin txid:index:sats:premix|postmix (repeatable); it is "
                                                             "paid to the wallet's next address of that account."),
                      QStringLiteral("coin")});
    parser.addOption({QStringLiteral("mnemonic-file"),
                      QStringLiteral("File holding the wallet's BIP39 mnemonic (default: the public demo words)."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("block-height"), QStringLiteral("The chain tip, for the confirmation check."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("headless"), QStringLiteral("No window: one line per event on stdout "
                                                                 "(status, mixed, error, event).")});
    parser.addOption({QStringLiteral("exit-after-mixes"),
                      QStringLiteral("Headless: exit 0 after this many successful mixes (default 0: run until killed)."),
                      QStringLiteral("n"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("timeout-s"),
                      QStringLiteral("Headless: give up with exit code 3 after this many seconds (default 0: never)."),
                      QStringLiteral("s"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("boundary-log"),
                      QStringLiteral("At exit, write every string and byte array handed to the plugin (hex, one per "
                                     "line) to this file."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("self-check"),
                      QStringLiteral("Load and initialize the plugin, create a mixer over the wallet, print one line "
                                     "and exit (no network).")});
    parser.process(*app);

    const bool selfCheck = parser.isSet(QStringLiteral("self-check"));
    const bool headless = parser.isSet(QStringLiteral("headless"));
    bool ok = false;
    const int exitAfterMixes = parser.value(QStringLiteral("exit-after-mixes")).toInt(&ok);
    if (!ok || exitAfterMixes < 0)
        return failWith(QStringLiteral("--exit-after-mixes must be a number >= 0"));
    const int timeoutS = parser.value(QStringLiteral("timeout-s")).toInt(&ok);
    if (!ok || timeoutS < 0 || timeoutS > 86400 * 30)
        return failWith(QStringLiteral("--timeout-s must be a number of seconds >= 0"));
    const std::optional<wp::btc::Network> network = networkOf(parser.value(QStringLiteral("network")));
    if (!network)
        return failWith(QStringLiteral("unknown --network %1 (mainnet, testnet or regtest)")
                            .arg(parser.value(QStringLiteral("network"))));
    QString mnemonic = QString::fromLatin1(kDemoMnemonic);
    if (parser.isSet(QStringLiteral("mnemonic-file"))) {
        QString error;
        const auto words = readMnemonic(parser.value(QStringLiteral("mnemonic-file")), &error);
        if (!words)
            return failWith(error);
        mnemonic = *words;
    }

    QPluginLoader loader(parser.value(QStringLiteral("plugin-file")));
    auto *plugin = qobject_cast<whirlpool::PluginInterface *>(loader.instance());
    if (!plugin)
        return failWith(QStringLiteral("cannot load the plugin: %1").arg(loader.errorString()));
    QString error;
    if (!plugin->initialize(&error))
        return failWith(error);

    auto *wallet = new wp::samplehost::MemoryWallet(mnemonic, *network, app.get());
    mnemonic.fill(QLatin1Char(' '));
    qsizetype mixable = 0;
    for (const QString &spec : parser.values(QStringLiteral("coin"))) {
        const QStringList p = spec.split(QLatin1Char(':'));
        bool indexOk = false, valueOk = false;
        const uint index = p.value(1).toUInt(&indexOk);
        const qint64 value = p.value(2).toLongLong(&valueOk);
        if (p.size() != 4 || p[0].size() != 64 || !indexOk || !valueOk || value <= 0
            || (p[3] != QLatin1String("premix") && p[3] != QLatin1String("postmix")))
            return failWith(QStringLiteral("bad --coin %1 (txid:index:sats:premix|postmix)").arg(spec));
        wallet->addCoin(p[0], index, value,
                        p[3] == QLatin1String("postmix") ? whirlpool::Account::Postmix : whirlpool::Account::Premix);
        ++mixable;
    }

    whirlpool::MixerConfig config;
    config.network = parser.value(QStringLiteral("network"));
    config.bootstrapUrls = parser.values(QStringLiteral("coordinator"));
    if (config.bootstrapUrls.isEmpty()) {
        if (!selfCheck)
            return failWith(QStringLiteral("give at least one --coordinator URL"));
        config.bootstrapUrls = {QString::fromLatin1(kSelfCheckCoordinator)};
    }
    QStringList pools = parser.values(QStringLiteral("pool"));
    if (pools.isEmpty())
        pools = {QString::fromLatin1(kDefaultPool)};
    for (const QString &pool : std::as_const(pools))
        config.pools.insert(pool.section(QLatin1Char('='), 0, 0), pool.section(QLatin1Char('='), 1).toLongLong());
    if (selfCheck)
        config.autoMix = config.autoRemix = false;
    // The configuration crosses the boundary too: it goes into the boundary log.
    for (const QString &url : std::as_const(config.bootstrapUrls))
        wallet->recordSentToPlugin(url.toUtf8());
    wallet->recordSentToPlugin(config.network.toUtf8());
    for (auto it = config.pools.cbegin(); it != config.pools.cend(); ++it)
        wallet->recordSentToPlugin(it.key().toUtf8());

    std::unique_ptr<whirlpool::Mixer> mixer(plugin->createMixer(wallet, config, &error));
    if (!mixer)
        return failWith(error);
    if (parser.isSet(QStringLiteral("block-height")))
        mixer->setBlockHeight(parser.value(QStringLiteral("block-height")).toInt());

    int rc = 0;
    QString reason;
    if (selfCheck) {
        mixer->refreshCoins();
        waitForCoins(*mixer, mixable);
        const qsizetype listed = mixer->coins().size();
        if (listed < mixable) {
            reason = QStringLiteral("the plugin lists %1 of the wallet's %2 coins").arg(listed).arg(mixable);
            rc = 2;
        } else {
            QTextStream(stdout) << "samplehost: plugin loaded, API " << plugin->apiVersion() << ", " << listed
                                << " coins\n";
        }
    } else if (headless) {
        QTextStream out(stdout);
        wp::samplehost::HeadlessRun run(mixer.get(), out, exitAfterMixes, timeoutS * 1000);
        QObject::connect(&run, &wp::samplehost::HeadlessRun::finished, app.get(), [&](int code, const QString &why) {
            reason = why;
            app->exit(code);
        });
        mixer->refreshCoins();
        rc = app->exec();
    } else {
        std::unique_ptr<QWidget> status(plugin->createStatusWidget(mixer.get(), nullptr));
        if (!status)
            return failWith(QStringLiteral("the plugin could not create its status view"));
        status->show();
        mixer->refreshCoins();
        rc = app->exec();
    }
    mixer.reset();
    plugin->shutdown();

    if (parser.isSet(QStringLiteral("boundary-log"))) {
        QString writeError;
        if (!writeBoundaryLog(parser.value(QStringLiteral("boundary-log")), wallet->sentToPlugin(), &writeError)) {
            failWith(QStringLiteral("cannot write the boundary log: %1").arg(writeError));
            return rc == 0 ? 1 : rc;
        }
    }
    if (!reason.isEmpty())
        failWith(reason);
    return rc;
}
