// whirlpool-cli: the headless Decentralized Whirlpool client.
#include "cliapp.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

#include <cstdio>

using wp::client::CliOptions;

namespace {

const char kCommands[] = R"(
Commands:
  create                 create a wallet (--wallet FILE); prints its mnemonic once
  restore                restore a wallet from a mnemonic read from $WP_MNEMONIC or stdin
  address                print an address (--account deposit|premix|postmix|badbank, --index N)
  balance                scan the chain and print the coins of each account
  mine                   regtest only: mine --blocks N blocks to the deposit account
  tx0                    make a Tx0 into --pool from the confirmed deposit coins
  mix                    mix premix and postmix coins of every --pool (remixing), until --mixes N successes
Coordinator cluster (tx0, mix): give every instance you know, with --coordinator URL (repeat it) and/or
--bootstrap FILE, a JSON list
  {"instances": [{"name": "alpha", "urlClear": "http://127.0.0.1:8080", "urlOnion": ""}, ...],
   "operatorAddress": "<the operator's manifest signing address, optional>"}
REST calls go to a random instance (another one when it does not answer). Each coin starts on a random
instance, follows redirects to its pool's owner and, when its instance fails, moves to another one after a
short random pause; every redirect, failover and retry is printed. Redirects are followed only to the listed
instances, or also to those of the cluster manifest signed by the operator address when one is given.
Secrets: the wallet passphrase comes from $WP_PASSPHRASE, the node password from $WP_NODE_PASSWORD.)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("whirlpool-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WP_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Decentralized Whirlpool command-line client.") + QLatin1String(kCommands));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("what to do (see Commands)"));
    auto option = [&](const char *name, const char *help, const char *value = nullptr, const char *def = nullptr) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help));
        if (value)
            o.setValueName(QString::fromLatin1(value));
        if (def)
            o.setDefaultValue(QString::fromLatin1(def));
        parser.addOption(o);
        return o;
    };
    const auto wallet = option("wallet", "Wallet file.", "file");
    const auto network = option("network", "Network of a new wallet: main, test or regtest.", "name", "regtest");
    const auto node = option("node", "Bitcoin node JSON-RPC URL.", "url", "http://127.0.0.1:8332/");
    const auto nodeUser = option("node-user", "Node RPC user.", "user", "whirlpool");
    const auto coordinator = option("coordinator", "A coordinator instance's URL (repeat it for each instance).", "url");
    const auto bootstrap = option("bootstrap", "JSON file listing the coordinator instances (see above).", "file");
    const auto operatorAddress = option("operator-address",
                                        "The operator's manifest signing address (overrides the bootstrap file's).",
                                        "address");
    const auto onion = option("onion", "Connect to the instances' onion URLs (with --proxy).");
    const auto proxy = option("proxy", "SOCKS5 proxy (Tor) host:port; every connection gets its own credentials.", "host:port");
    const auto json = option("json", "One JSON object per line, for scripts.");
    const auto verbose = option("verbose", "Also print the library's own log (connections, protocol events).");
    const auto pool = option("pool", "Pool id; `mix` takes several (repeat it, or a comma list).", "id", "0.01btc");
    const auto account = option("account", "Account for `address`.", "name", "deposit");
    const auto index = option("index", "Address index for `address`.", "n", "0");
    const auto blocks = option("blocks", "Blocks for `mine`.", "n", "1");
    const auto mixes = option("mixes", "Stop `mix` after this many successes (0: never).", "n", "0");
    const auto concurrency = option("concurrency", "Coins mixing at once in each pool.", "n", "3");
    const auto confirmations = option("min-confirmations", "Confirmations a coin needs to be used.", "n", "1");
    const auto birthday = option("birthday", "Block height to scan from (create/restore).", "height");
    const auto tx0Fee = option("fee-rate", "Tx0 miner fee rate, sat/vB.", "sats", "2");
    const auto mixFee = option("mix-fee-rate", "Miner fee rate premix outputs reserve for their mix, sat/vB.", "sats", "2");
    const auto maxOutputs = option("max-outputs", "Most premix outputs of a Tx0 (0: the pool's limit).", "n", "0");
    parser.process(app);

    CliOptions o;
    o.command = parser.positionalArguments().value(0);
    o.walletPath = parser.value(wallet);
    const auto net = wp::btc::networkFromName(parser.value(network));
    if (!net || o.command.isEmpty() || parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "whirlpool-cli: %s\n", o.command.isEmpty() ? "a command is required (see --help)"
                                                    : !net ? "--network must be main, test or regtest"
                                                           : "one command at a time");
        return 2;
    }
    o.network = *net;
    o.nodeUrl = QUrl(parser.value(node));
    o.nodeUser = parser.value(nodeUser);
    o.nodePassword = qEnvironmentVariable("WP_NODE_PASSWORD");
    for (const QString &value : parser.values(coordinator)) {
        const QUrl url(value, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            std::fprintf(stderr, "whirlpool-cli: --coordinator %s is not a URL\n", qPrintable(value.left(200)));
            return 2;
        }
        o.coordinatorUrls.append(url);
    }
    o.bootstrapPath = parser.value(bootstrap);
    o.operatorAddress = parser.value(operatorAddress).trimmed();
    o.useOnion = parser.isSet(onion);
    if (parser.isSet(proxy)) {
        const QStringList hostPort = parser.value(proxy).split(QLatin1Char(':'));
        o.proxy.proxyHost = hostPort.value(0);
        o.proxy.proxyPort = quint16(hostPort.value(1).toUInt());
    }
    o.json = parser.isSet(json);
    for (const QString &value : parser.values(pool))
        for (const QString &id : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!o.poolIds.contains(id.trimmed()))
                o.poolIds.append(id.trimmed());
    o.account = parser.value(account);
    o.index = parser.value(index).toInt();
    o.blocks = parser.value(blocks).toInt();
    o.mixes = parser.value(mixes).toInt();
    o.concurrency = qMax(1, parser.value(concurrency).toInt());
    o.minConfirmations = parser.value(confirmations).toInt();
    o.birthdayHeight = parser.isSet(birthday) ? parser.value(birthday).toInt() : -1;
    o.tx0FeeRate = parser.value(tx0Fee).toLongLong();
    o.mixFeeRate = parser.value(mixFee).toLongLong();
    o.maxOutputs = parser.value(maxOutputs).toInt();

    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("wp.*.info=false"));

    wp::client::CliApp cli(o);
    QObject::connect(&cli, &wp::client::CliApp::finished, &app, [](int code) { QCoreApplication::exit(code); },
                     Qt::QueuedConnection);
    cli.run();
    return app.exec();
}
