#include <coordinatoroptions.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

#include <functional>
#include <optional>

namespace wp::server {

namespace {

/// One documented setting: `section.key`, its default, and whether it is a
/// secret (then only the INI file, a `<key>-file` or the environment may set it).
struct Setting {
    const char *key;
    const char *defaultValue;
    const char *help;
    const char *environment = nullptr;
    bool secret = false;
};

// Named defaults (production values; tests and the demo shorten the timings).
const Setting kSettings[] = {
    {"network", "regtest", "bitcoin network: main, test or regtest"},
    {"name", "coordinator", "instance name shown on the dashboard"},
    {"listen", "127.0.0.1", "address to listen on (HTTP, REST and WebSocket share one port)"},
    {"port", "8080", "port to listen on"},
    {"url-clear", "", "public clearnet URL of this instance (default http://<listen>:<port>)"},
    {"url-onion", "", "public onion URL of this instance"},
    {"log-rules", "", "logging rules, e.g. wp.*.debug=true"},
    {"invite-delay-ms", "0", "delay between choosing an input and inviting it"},
    {"db.host", "127.0.0.1", "MariaDB/MySQL host"},
    {"db.port", "3306", "MariaDB/MySQL port"},
    {"db.user", "whirlpool", "database user"},
    {"db.password", "", "database password (or db.password-file, or $WP_DB_PASSWORD)", "WP_DB_PASSWORD", true},
    {"db.name", "whirlpool", "database name"},
    {"db.socket", "", "UNIX socket (instead of host/port)"},
    {"db.workers", "2", "database worker threads (one connection each)"},
    {"node.url", "http://127.0.0.1:8332/", "bitcoin node JSON-RPC URL (Bitcoin Core with txindex=1)"},
    {"node.user", "", "RPC user"},
    {"node.password", "", "RPC password (or node.password-file, or $WP_NODE_PASSWORD)", "WP_NODE_PASSWORD", true},
    {"node.cookie-file", "", "Bitcoin Core .cookie file (instead of user/password)"},
    {"node.timeout-ms", "15000", "RPC timeout"},
    {"node.tip-refresh-ms", "30000", "how often the chain tip is refreshed"},
    {"node.block-height-max-spread", "10", "largest accepted difference between a client's and our tip"},
    {"fees.secret-words", "", "BIP39 words of the BIP47 fee account (or fees.secret-words-file, or $WP_FEE_SECRET_WORDS)",
     "WP_FEE_SECRET_WORDS", true},
    {"fees.secret-passphrase", "", "its BIP39 passphrase (or $WP_FEE_SECRET_PASSPHRASE)", "WP_FEE_SECRET_PASSPHRASE", true},
    {"fees.fee-xpub", "", "BIP84 account xpub/zpub/vpub receiving Tx0 fees (address at feeIndice)"},
    {"fees.scodes", "", "discount codes, comma separated NAME:payload:percent[:expirationMs]"},
    {"timings.confirm-tick-ms", "10000", "CONFIRM_INPUT tick (invitations, readiness)"},
    {"timings.register-output-ms", "120000", "REGISTER_OUTPUT timeout"},
    {"timings.reveal-output-ms", "40000", "REVEAL_OUTPUT timeout"},
    {"timings.signing-ms", "40000", "SIGNING timeout"},
    {"timings.confirm-deadline-ms", "20000",
     "an invited input must confirm within this time, or its slot goes to another input (twice in a row: blamed)"},
    {"ban.blames", "8", "blames within ban.period-s that ban an input (or its whole Tx0)"},
    {"ban.period-s", "7200", "window in which blames are counted"},
    {"ban.duration-s", "43200", "first ban duration"},
    {"ban.recidivism-factor", "2", "each further ban lasts this many times the last one"},
    {"limits.max-connections", "19000", "connection cap of this instance"},
    {"limits.max-connections-per-ip", "200", "connections per client IP (Tor clients share 127.0.0.1)"},
    {"limits.max-message-bytes", "65536", "largest STOMP message (bigger closes with 1009)"},
    {"limits.frames-per-second", "50", "sustained STOMP frames per second per session"},
    {"limits.frame-burst", "100", "burst of STOMP frames per session"},
    {"cluster.renew-ms", "2000", "heartbeat and pool lease renewal period"},
    {"cluster.lease-ttl-ms", "10000", "pool lease length: a dead owner's pools are taken over after this"},
    {"cluster.fence-ms", "7000", "an instance that could not renew for this long stops serving its pools (< lease TTL)"},
    {"cluster.drain-timeout-ms", "240000",
     "on SIGTERM: longest wait for the running mixes to end before the leases are released (a second signal stops at once)"},
    {"cluster.name", "whirlpool", "cluster name in the signed manifest (GET /rest/cluster)"},
    {"cluster.operator-key", "",
     "operator private key (WIF or 64 hex) signing GET /rest/cluster (or cluster.operator-key-file, or $WP_OPERATOR_KEY); "
     "empty: no manifest is served and clients follow redirects to bootstrap instances only",
     "WP_OPERATOR_KEY", true},
    {"cluster.operator-address-type", "p2wpkh", "address of the operator key clients pin: p2wpkh, p2pkh or p2sh-p2wpkh"},
    {"cluster.manifest-ttl-s", "3600", "validity of the signed manifest; it lists the instances seen this recently"},
    {"pools", "0.5btc,0.05btc,0.01btc,0.001btc", "pool ids; each configured in an INI group [pool.<id>]"},
};

struct PoolSetting {
    const char *key;
    const char *help;
};
const PoolSetting kPoolSettings[] = {
    {"denomination", "sats per mix output"},
    {"fee-value", "coordinator fee per Tx0, sats"},
    {"miner-fee-min", "least mustMix overpay, sats"},
    {"miner-fee-cap", "overpay the client aims at, sats"},
    {"miner-fee-max", "largest mustMix overpay, sats"},
    {"min-relay-fee", "least total miner fee of a mix, sats (default 510)"},
    {"surge-relay-fee", "extra fee per surge input, sats (default 102)"},
    {"anonymity-set", "inputs per mix (default 5)"},
    {"min-must-mix", "least Tx0 (mustMix) inputs per mix (default 2)"},
    {"min-liquidity", "least remix (liquidity) inputs per mix (default 1)"},
    {"surge", "extra liquidity inputs a mix may take (default 0)"},
    {"tx0-max-outputs", "largest number of premix outputs of a Tx0 (default 70)"},
};

/// The production pools of the classic coordinator (protocol reference §9).
mix::PoolConfig defaultPool(const QString &id)
{
    mix::PoolConfig p;
    p.poolId = id;
    const struct { const char *id; qint64 denomination, fee, min, cap, max; int tx0Max; } known[] = {
        {"0.5btc", 50'000'000, 1'750'000, 170, 9'690, 19'125, 70},
        {"0.05btc", 5'000'000, 175'000, 170, 9'690, 19'125, 70},
        {"0.01btc", 1'000'000, 50'000, 170, 9'690, 19'125, 70},
        {"0.001btc", 100'000, 5'000, 170, 9'690, 19'125, 25},
    };
    for (const auto &k : known) {
        if (id == QLatin1String(k.id)) {
            p.denomination = k.denomination;
            p.feeValue = k.fee;
            p.minerFeeMin = k.min;
            p.minerFeeCap = k.cap;
            p.minerFeeMax = k.max;
            p.tx0MaxOutputs = k.tx0Max;
        }
    }
    p.minLiquidity = 1;
    return p;
}

QString helpText()
{
    QString text = QStringLiteral("\nSettings (INI file keys; [section] key = value; override with --set section.key=value):\n");
    for (const Setting &s : kSettings) {
        text += QStringLiteral("  %1 = %2\n      %3%4\n")
                    .arg(QLatin1String(s.key), QLatin1String(s.defaultValue), QLatin1String(s.help),
                         s.secret ? QStringLiteral(" [secret: not accepted by --set]") : QString());
    }
    text += QStringLiteral("\nPer pool, in a group [pool.<id>] (defaults: the classic production pools):\n");
    for (const PoolSetting &s : kPoolSettings)
        text += QStringLiteral("  %1\n      %2\n").arg(QLatin1String(s.key), QLatin1String(s.help));
    return text;
}

/// Reads settings in order of precedence and converts them, keeping the first error.
class SettingsReader {
public:
    QHash<QString, QString> values;
    std::optional<Error> error;

    void setError(const QString &message)
    {
        if (!error)
            error = Error(1, message);
    }

    QString string(const QString &key) const { return values.value(key); }

    qint64 integer(const QString &key, qint64 min, qint64 max)
    {
        bool ok = false;
        const qint64 v = values.value(key).toLongLong(&ok);
        if (!ok || v < min || v > max)
            setError(QStringLiteral("%1 must be an integer in [%2, %3], got '%4'").arg(key).arg(min).arg(max).arg(values.value(key)));
        return v;
    }
};

} // namespace

Result<CoordinatorOptions> CoordinatorOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Decentralized Whirlpool coordinator: one instance of a cluster sharing a MySQL/MariaDB database.") + helpText());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("INI configuration file."),
                                          QStringLiteral("file"));
    const QCommandLineOption setOption(QStringLiteral("set"), QStringLiteral("Override one setting (repeatable)."),
                                       QStringLiteral("section.key=value"));
    const QCommandLineOption addAdminOption(
        QStringLiteral("add-admin"),
        QStringLiteral("Create the dashboard admin <login> (or set a new password for it) in the configured database, "
                       "then exit. The password (at least 12 characters) is read from $WP_ADMIN_PASSWORD, else from "
                       "standard input; never from the command line."),
        QStringLiteral("login"));
    parser.addOption(configOption);
    parser.addOption(setOption);
    parser.addOption(addAdminOption);
    if (!parser.parse(arguments))
        return Error(1, parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return Error(0, parser.helpText());
    if (parser.isSet(QStringLiteral("version")))
        return Error(0, QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion());
    if (!parser.positionalArguments().isEmpty())
        return Error(1, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    SettingsReader r;
    QHash<QString, const Setting *> known;
    for (const Setting &s : kSettings) {
        r.values.insert(QLatin1String(s.key), QLatin1String(s.defaultValue));
        known.insert(QLatin1String(s.key), &s);
    }
    auto isPoolKey = [](const QString &key) {
        if (!key.startsWith(QLatin1String("pool.")))
            return false;
        const QString name = key.mid(key.lastIndexOf(QLatin1Char('.')) + 1);
        for (const PoolSetting &p : kPoolSettings)
            if (name == QLatin1String(p.key))
                return true;
        return false;
    };

    // 1. INI file
    if (parser.isSet(configOption)) {
        const QString path = parser.value(configOption);
        if (!QFileInfo(path).isReadable())
            return Error(1, QStringLiteral("cannot read config file %1").arg(path));
        QSettings ini(path, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return Error(1, QStringLiteral("malformed config file %1").arg(path));
        for (const QString &rawKey : ini.allKeys()) {
            QString key = rawKey;
            if (key.startsWith(QLatin1String("General/")))
                key = key.mid(8);
            key.replace(QLatin1Char('/'), QLatin1Char('.'));
            const QVariant v = ini.value(rawKey);
            const QString value = v.typeId() == QMetaType::QStringList ? v.toStringList().join(QLatin1Char(',')) : v.toString();
            if (key.endsWith(QLatin1String("-file")) && known.contains(key.chopped(5)) && known.value(key.chopped(5))->secret) {
                QFile f(value);
                if (!f.open(QIODevice::ReadOnly))
                    return Error(1, QStringLiteral("%1: cannot read %2").arg(key, value));
                r.values.insert(key.chopped(5), QString::fromUtf8(f.readAll()).trimmed());
                continue;
            }
            if (!known.contains(key) && !isPoolKey(key))
                return Error(1, QStringLiteral("unknown setting '%1' in %2").arg(key, path));
            r.values.insert(key, value);
        }
    }
    // 2. environment, for secrets
    for (const Setting &s : kSettings)
        if (s.environment && qEnvironmentVariableIsSet(s.environment))
            r.values.insert(QLatin1String(s.key), qEnvironmentVariable(s.environment));
    // 3. --set
    for (const QString &assignment : parser.values(setOption)) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        const QString key = assignment.left(eq);
        if (eq <= 0 || (!known.contains(key) && !isPoolKey(key)))
            return Error(1, QStringLiteral("--set %1: unknown setting").arg(assignment.left(eq < 0 ? assignment.size() : eq)));
        if (known.contains(key) && known.value(key)->secret)
            return Error(1, QStringLiteral("--set %1: secrets are read from the config file or the environment, never from the command line").arg(key));
        r.values.insert(key, assignment.mid(eq + 1));
    }

    CoordinatorOptions o;
    o.addAdminLogin = parser.value(addAdminOption);
    if (parser.isSet(addAdminOption) && o.addAdminLogin.isEmpty())
        return Error(1, QStringLiteral("--add-admin needs a login"));
    const auto network = btc::networkFromName(r.string(QStringLiteral("network")));
    if (!network)
        r.setError(QStringLiteral("network must be main, test or regtest, got '%1'").arg(r.string(QStringLiteral("network"))));
    o.network = network.value_or(btc::Network::Regtest);
    o.instanceName = r.string(QStringLiteral("name"));
    if (o.instanceName.isEmpty() || o.instanceName.size() > 64)
        r.setError(QStringLiteral("name must be 1 to 64 characters"));
    if (!o.listenAddress.setAddress(r.string(QStringLiteral("listen"))))
        r.setError(QStringLiteral("listen must be an IP address, got '%1'").arg(r.string(QStringLiteral("listen"))));
    o.port = quint16(r.integer(QStringLiteral("port"), 0, 65535));
    o.urlClear = r.string(QStringLiteral("url-clear"));
    o.urlOnion = r.string(QStringLiteral("url-onion"));
    for (const QString &url : {o.urlClear, o.urlOnion}) {
        const QUrl u(url, QUrl::StrictMode);
        if (!url.isEmpty() && (!u.isValid() || (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))))
            r.setError(QStringLiteral("'%1' is not an http(s) URL").arg(url));
    }
    o.logRules = r.string(QStringLiteral("log-rules"));
    o.inviteDelayMs = int(r.integer(QStringLiteral("invite-delay-ms"), 0, 60000));

    o.db.host = r.string(QStringLiteral("db.host"));
    o.db.port = quint16(r.integer(QStringLiteral("db.port"), 1, 65535));
    o.db.user = r.string(QStringLiteral("db.user"));
    o.db.password = r.string(QStringLiteral("db.password"));
    o.db.database = r.string(QStringLiteral("db.name"));
    o.db.socket = r.string(QStringLiteral("db.socket"));
    o.db.workers = int(r.integer(QStringLiteral("db.workers"), 1, 64));

    o.node.url = r.string(QStringLiteral("node.url"));
    if (!QUrl(o.node.url, QUrl::StrictMode).isValid() || QUrl(o.node.url).scheme().isEmpty())
        r.setError(QStringLiteral("node.url '%1' is not a URL").arg(o.node.url));
    o.node.user = r.string(QStringLiteral("node.user"));
    o.node.password = r.string(QStringLiteral("node.password"));
    o.node.cookieFile = r.string(QStringLiteral("node.cookie-file"));
    o.node.timeoutMs = int(r.integer(QStringLiteral("node.timeout-ms"), 100, 600000));
    o.node.tipRefreshMs = int(r.integer(QStringLiteral("node.tip-refresh-ms"), 100, 3600000));
    o.node.blockHeightMaxSpread = int(r.integer(QStringLiteral("node.block-height-max-spread"), 0, 1000));

    o.fees.secretWords = r.string(QStringLiteral("fees.secret-words"));
    o.fees.secretPassphrase = r.string(QStringLiteral("fees.secret-passphrase"));
    o.fees.feeXpub = r.string(QStringLiteral("fees.fee-xpub"));
    o.fees.scodes = r.string(QStringLiteral("fees.scodes")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    // --add-admin only needs the database: the fee secrets may live in the service's environment.
    if (o.fees.secretWords.isEmpty() && !parser.isSet(addAdminOption))
        r.setError(QStringLiteral("fees.secret-words is required (the BIP47 fee account; set fees.secret-words-file or $WP_FEE_SECRET_WORDS)"));
    if (o.fees.feeXpub.isEmpty() && !parser.isSet(addAdminOption))
        r.setError(QStringLiteral("fees.fee-xpub is required (the BIP84 account receiving Tx0 fees)"));

    o.timings.confirmTickMs = int(r.integer(QStringLiteral("timings.confirm-tick-ms"), 10, 3600000));
    o.timings.registerOutputMs = int(r.integer(QStringLiteral("timings.register-output-ms"), 10, 3600000));
    o.timings.revealOutputMs = int(r.integer(QStringLiteral("timings.reveal-output-ms"), 10, 3600000));
    o.timings.signingMs = int(r.integer(QStringLiteral("timings.signing-ms"), 10, 3600000));
    o.timings.confirmDeadlineMs = int(r.integer(QStringLiteral("timings.confirm-deadline-ms"), 10, 3600000));

    o.ban.blamesToBan = int(r.integer(QStringLiteral("ban.blames"), 1, 1000));
    o.ban.blamePeriodS = r.integer(QStringLiteral("ban.period-s"), 1, 365LL * 86400);
    o.ban.banDurationS = r.integer(QStringLiteral("ban.duration-s"), 1, 365LL * 86400);
    o.ban.recidivismFactor = int(r.integer(QStringLiteral("ban.recidivism-factor"), 1, 100));

    o.limits.maxConnections = int(r.integer(QStringLiteral("limits.max-connections"), 1, 1000000));
    o.limits.maxConnectionsPerIp = int(r.integer(QStringLiteral("limits.max-connections-per-ip"), 1, 1000000));
    o.limits.maxMessageBytes = int(r.integer(QStringLiteral("limits.max-message-bytes"), 1024, 16 * 1024 * 1024));
    o.limits.framesPerSecond = int(r.integer(QStringLiteral("limits.frames-per-second"), 1, 100000));
    o.limits.frameBurst = int(r.integer(QStringLiteral("limits.frame-burst"), 1, 100000));

    o.cluster.renewMs = int(r.integer(QStringLiteral("cluster.renew-ms"), 50, 600000));
    o.cluster.leaseTtlMs = int(r.integer(QStringLiteral("cluster.lease-ttl-ms"), 200, 3600000));
    o.cluster.fenceMs = int(r.integer(QStringLiteral("cluster.fence-ms"), 100, 3600000));
    o.cluster.drainTimeoutMs = int(r.integer(QStringLiteral("cluster.drain-timeout-ms"), 0, 3600000));
    o.cluster.name = r.string(QStringLiteral("cluster.name"));
    o.cluster.operatorKey = r.string(QStringLiteral("cluster.operator-key"));
    o.cluster.operatorAddressType = r.string(QStringLiteral("cluster.operator-address-type")).toLower();
    o.cluster.manifestTtlS = int(r.integer(QStringLiteral("cluster.manifest-ttl-s"), 60, 30 * 86400));
    if (!QStringList{QStringLiteral("p2wpkh"), QStringLiteral("p2pkh"), QStringLiteral("p2sh-p2wpkh")}.contains(
            o.cluster.operatorAddressType))
        r.setError(QStringLiteral("cluster.operator-address-type must be p2wpkh, p2pkh or p2sh-p2wpkh"));

    const QStringList poolIds = r.string(QStringLiteral("pools")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (poolIds.isEmpty())
        r.setError(QStringLiteral("pools must name at least one pool"));
    for (const QString &rawId : poolIds) {
        const QString id = rawId.trimmed();
        mix::PoolConfig p = defaultPool(id);
        auto poolInt = [&](const char *key, btc::Amount &target, qint64 min, qint64 max) {
            const QString k = QStringLiteral("pool.%1.%2").arg(id, QLatin1String(key));
            if (r.values.contains(k))
                target = r.integer(k, min, max);
        };
        auto poolInt32 = [&](const char *key, int &target, int min, int max) {
            btc::Amount v = target;
            poolInt(key, v, min, max);
            target = int(v);
        };
        poolInt("denomination", p.denomination, 1, 21'000'000LL * 100'000'000);
        poolInt("fee-value", p.feeValue, 0, 21'000'000LL * 100'000'000);
        poolInt("miner-fee-min", p.minerFeeMin, 0, 100'000'000);
        poolInt("miner-fee-cap", p.minerFeeCap, 0, 100'000'000);
        poolInt("miner-fee-max", p.minerFeeMax, 0, 100'000'000);
        poolInt("min-relay-fee", p.minRelayFee, 0, 100'000'000);
        poolInt("surge-relay-fee", p.surgeRelayFee, 0, 100'000'000);
        poolInt32("anonymity-set", p.anonymitySet, 2, 1000);
        poolInt32("min-must-mix", p.minMustMix, 1, 1000);
        poolInt32("min-liquidity", p.minLiquidity, 0, 1000);
        poolInt32("surge", p.surge, 0, 1000);
        poolInt32("tx0-max-outputs", p.tx0MaxOutputs, 1, 1000);
        if (p.denomination <= 0)
            r.setError(QStringLiteral("pool %1 needs a denomination ([pool.%1] denomination = sats)").arg(id));
        else if (!(p.minerFeeMin <= p.minerFeeCap && p.minerFeeCap <= p.minerFeeMax))
            r.setError(QStringLiteral("pool %1: miner-fee-min <= miner-fee-cap <= miner-fee-max is required").arg(id));
        else if (p.minMustMix + p.minLiquidity > p.anonymitySet)
            r.setError(QStringLiteral("pool %1: min-must-mix + min-liquidity exceeds anonymity-set").arg(id));
        for (const mix::PoolConfig &other : o.pools)
            if (other.poolId == id)
                r.setError(QStringLiteral("pool %1 is listed twice").arg(id));
        o.pools.append(p);
    }
    // Settings of pools that are not listed are a typo, not a no-op.
    for (auto it = r.values.cbegin(); it != r.values.cend(); ++it) {
        if (!isPoolKey(it.key()))
            continue;
        const QString id = it.key().mid(5, it.key().lastIndexOf(QLatin1Char('.')) - 5);
        if (!poolIds.contains(id))
            r.setError(QStringLiteral("%1 configures pool '%2', which is not in 'pools'").arg(it.key(), id));
    }
    if (o.urlClear.isEmpty())
        o.urlClear = QStringLiteral("http://%1:%2").arg(o.listenAddress.toString()).arg(o.port);

    if (r.error)
        return *r.error;
    return o;
}

} // namespace wp::server
