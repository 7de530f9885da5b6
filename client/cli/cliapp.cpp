#include "cliapp.h"

#include <wallet/addressbook.h>
#include <wallet/chainscanner.h>
#include <wallet/localmixwallet.h>
#include <wallet/tx0builder.h>
#include <wallet/utxo.h>
#include <wallet/walletkeys.h>

#include <mixer/bootstrapfile.h>

#include <mixer/clusterrest.h>
#include <mixer/coordinatordirectory.h>
#include <mixer/resilientmixsession.h>

#include <bitcoin/bech32.h>
#include <bitcoin/bip39.h>
#include <crypto/random.h>
#include <net/noderpcclient.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>

namespace wp::client {

namespace {

constexpr int kRetryAfterFailureMs = 3000;

QString shortOutpoint(const btc::OutPoint &o) { return o.txid.toHex().left(8) + QLatin1Char(':') + QString::number(o.index); }

std::optional<WalletAccount> accountFromName(const QString &name)
{
    if (name == u"deposit")
        return WalletAccount::Deposit;
    if (name == u"premix")
        return WalletAccount::Premix;
    if (name == u"postmix")
        return WalletAccount::Postmix;
    if (name == u"badbank")
        return WalletAccount::Badbank;
    return std::nullopt;
}

QString btcText(btc::Amount sats) { return QString::number(double(sats) / 1e8, 'f', 8); }

QString seconds(int ms) { return QString::number(ms / 1000.0, 'f', 1); }

} // namespace

CliApp::CliApp(CliOptions options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    m_node = std::make_unique<wp::net::NodeRpcClient>(
        wp::net::NodeRpcConfig{m_options.nodeUrl, m_options.nodeUser, m_options.nodePassword, {}, 15000});
}

CliApp::~CliApp()
{
    // Sessions first: they refer to the directory.
    for (const ActiveMix &m : std::as_const(m_active))
        delete m.session;
    m_active.clear();
}

void CliApp::print(const QString &event, const QJsonObject &fields, const QString &human)
{
    if (m_options.json) {
        QJsonObject o = fields;
        o.insert(QStringLiteral("event"), event);
        o.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        std::fprintf(stdout, "%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    } else {
        std::fprintf(stdout, "%s\n", qPrintable(human));
    }
    std::fflush(stdout);
}

void CliApp::fail(const QString &message, int code)
{
    if (m_done)
        return;
    m_done = true;
    if (m_options.json)
        print(QStringLiteral("error"), {{QStringLiteral("message"), message}}, message);
    else
        std::fprintf(stderr, "whirlpool-cli: %s\n", qPrintable(message));
    Q_EMIT finished(code);
}

void CliApp::run()
{
    const QString &c = m_options.command;
    if (c == u"create" || c == u"restore")
        return cmdCreate(c == u"restore");
    if (!openWallet())
        return;
    if (c == u"address")
        return cmdAddress();
    if (c == u"balance")
        return cmdBalance();
    if (c == u"mine")
        return cmdMine();
    if (c == u"tx0")
        return cmdTx0();
    if (c == u"mix")
        return cmdMix();
    fail(QStringLiteral("unknown command '%1' (see --help)").arg(c), 2);
}

bool CliApp::openWallet()
{
    auto wallet = WalletFile::load(m_options.walletPath);
    if (!wallet) {
        fail(wallet.error().message);
        return false;
    }
    m_wallet = *wallet;
    auto keys = WalletKeys::fromMnemonic(m_wallet.mnemonic, m_wallet.passphrase, m_wallet.network);
    if (!keys) {
        fail(keys.error().message);
        return false;
    }
    m_book = std::make_shared<AddressBook>(std::make_shared<const WalletKeys>(std::move(*keys)));
    // Desktop clients take even postmix indexes, mobile ones odd (protocol reference §8.1).
    m_book->setParity(WalletAccount::Postmix, btc::AddressChain::Receive, IndexParity::Even);
    m_mixWallet = std::make_shared<LocalMixWallet>(m_book);
    return true;
}

bool CliApp::openCluster()
{
    DirectoryConfig config;
    config.network = m_wallet.network;
    config.identity = m_options.proxy;
    config.useOnion = m_options.useOnion;
    config.restTimeoutMs = 15000;
    if (!m_options.bootstrapPath.isEmpty()) {
        auto list = BootstrapList::load(m_options.bootstrapPath);
        if (!list) {
            fail(list.error().message, 2);
            return false;
        }
        config.bootstrap = list->instances;
        config.operatorAddress = list->operatorAddress;
    }
    for (const QUrl &url : m_options.coordinatorUrls)
        config.bootstrap.append(BootstrapList::instanceFromUrl(url));
    if (!m_options.operatorAddress.isEmpty())
        config.operatorAddress = m_options.operatorAddress;
    if (config.bootstrap.isEmpty()) {
        fail(QStringLiteral("--coordinator URL or --bootstrap FILE is required"), 2);
        return false;
    }
    if (auto valid = CoordinatorDirectory::validateBootstrap(config); !valid) {
        fail(QStringLiteral("coordinator list: %1").arg(valid.error().message), 2);
        return false;
    }
    m_directory = std::make_unique<CoordinatorDirectory>(config);
    connect(m_directory.get(), &CoordinatorDirectory::event, this, &CliApp::onDirectoryEvent);
    m_rest = std::make_unique<ClusterRest>(m_directory.get(), m_options.proxy);

    QJsonArray instances;
    QStringList names;
    for (const CoordinatorEndpoint &e : m_directory->knownInstances()) {
        instances.append(QJsonObject{{QStringLiteral("name"), e.name}, {QStringLiteral("url"), e.url.toString()}});
        names.append(QStringLiteral("%1 %2").arg(e.name, e.url.toString()));
    }
    const bool manifest = !config.operatorAddress.isEmpty();
    print(QStringLiteral("cluster"),
          {{QStringLiteral("kind"), QStringLiteral("INSTANCES")}, {QStringLiteral("instances"), instances},
           {QStringLiteral("operatorAddress"), config.operatorAddress}},
          QStringLiteral("cluster: %1 instance(s): %2; %3")
              .arg(instances.size())
              .arg(names.join(QStringLiteral(", ")),
                   manifest ? QStringLiteral("manifest signed by %1").arg(config.operatorAddress)
                            : QStringLiteral("no operator address, only these instances are followed")));
    return true;
}

QString CliApp::coinTag(const ActiveMix &m) const
{
    const auto &instance = m.session ? m.session->coordinator() : std::nullopt;
    return QStringLiteral("[%1 %2 %3@%4]").arg(m.label, m.kind, m.poolId, instance ? instance->name : QStringLiteral("?"));
}

void CliApp::onDirectoryEvent(const DirectoryEvent &event)
{
    QJsonObject fields{{QStringLiteral("kind"), directoryEventKindName(event.kind)},
                       {QStringLiteral("instance"), event.instanceName},
                       {QStringLiteral("url"), event.url.toString()},
                       {QStringLiteral("message"), event.message}};
    QString who = QStringLiteral("cluster");
    const auto coin = m_sessionCoins.constFind(event.origin);
    if (coin != m_sessionCoins.constEnd() && m_active.contains(*coin)) {
        const ActiveMix &m = m_active[*coin];
        fields.insert(QStringLiteral("utxo"), *coin);
        fields.insert(QStringLiteral("account"), m.kind);
        fields.insert(QStringLiteral("pool"), m.poolId);
        who = coinTag(m);
    } else if (!event.origin.isEmpty()) {
        fields.insert(QStringLiteral("origin"), event.origin);
    }
    // People see where each coin is from the "on instance" lines; scripts get every connection.
    if (!m_options.json && event.kind == DirectoryEvent::Kind::Connected)
        return;
    print(QStringLiteral("cluster"), fields,
          QStringLiteral("%1 %2: %3").arg(who, directoryEventKindName(event.kind), event.message));
}

void CliApp::cmdCreate(bool restore)
{
    if (m_options.walletPath.isEmpty())
        return fail(QStringLiteral("--wallet FILE is required"), 2);
    if (QFile::exists(m_options.walletPath))
        return fail(QStringLiteral("%1 exists: refusing to overwrite a wallet").arg(m_options.walletPath));
    WalletFile w;
    w.network = m_options.network;
    w.passphrase = qEnvironmentVariable("WP_PASSPHRASE");
    if (restore) {
        // Secrets never come from argv: the environment, or one line on stdin.
        w.mnemonic = qEnvironmentVariable("WP_MNEMONIC");
        if (w.mnemonic.isEmpty()) {
            QFile in;
            if (in.open(stdin, QIODevice::ReadOnly))
                w.mnemonic = QString::fromUtf8(in.readLine()).trimmed();
        }
        w.mnemonic = btc::normalizeMnemonic(w.mnemonic);
        if (auto valid = btc::validateMnemonic(w.mnemonic); !valid)
            return fail(QStringLiteral("invalid mnemonic: %1").arg(valid.error().message));
    } else {
        w.mnemonic = *btc::entropyToMnemonic(crypto::randomBytes(16));
    }
    auto finish = [this, w, restore](int height) mutable {
        w.birthdayHeight = qMax(1, height);
        if (auto saved = w.save(m_options.walletPath); !saved)
            return fail(saved.error().message);
        QJsonObject fields{{QStringLiteral("wallet"), m_options.walletPath},
                           {QStringLiteral("birthdayHeight"), w.birthdayHeight}};
        QString human = QStringLiteral("wallet %1 %2 (scans from block %3)")
                            .arg(m_options.walletPath, restore ? QStringLiteral("restored") : QStringLiteral("created"))
                            .arg(w.birthdayHeight);
        if (!restore) {
            fields.insert(QStringLiteral("mnemonic"), w.mnemonic);
            human += QStringLiteral("\nmnemonic (write it down, it is the only backup): %1").arg(w.mnemonic);
        }
        print(restore ? QStringLiteral("restored") : QStringLiteral("created"), fields, human);
        m_done = true;
        Q_EMIT finished(0);
    };
    if (m_options.birthdayHeight >= 0 || restore)
        return finish(m_options.birthdayHeight >= 0 ? m_options.birthdayHeight : 1);
    m_node->getBlockCount(this, [finish](Result<int> height) mutable { finish(height ? *height : 1); });
}

void CliApp::cmdAddress()
{
    const auto account = accountFromName(m_options.account);
    if (!account)
        return fail(QStringLiteral("--account must be deposit, premix, postmix or badbank"), 2);
    const KeyPath path{*account, btc::AddressChain::Receive, std::uint32_t(m_options.index)};
    auto address = m_book->keys().address(path);
    if (!address)
        return fail(address.error().message);
    print(QStringLiteral("address"),
          {{QStringLiteral("account"), m_options.account}, {QStringLiteral("index"), m_options.index},
           {QStringLiteral("address"), *address}, {QStringLiteral("path"), m_book->keys().derivationPath(path)}},
          *address);
    m_done = true;
    Q_EMIT finished(0);
}

void CliApp::scanThen(std::function<void()> next)
{
    if (!m_scanner) {
        ChainScanner::Options options;
        options.birthdayHeight = m_wallet.birthdayHeight;
        m_scanner = std::make_unique<ChainScanner>(m_node.get(), m_book, options);
        connect(m_scanner.get(), &ChainScanner::syncFailed, this,
                [this](const QString &message) { fail(QStringLiteral("cannot scan the chain: %1").arg(message)); });
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_scanner.get(), &ChainScanner::synced, this, [connection, next = std::move(next)](int) {
        QObject::disconnect(*connection);
        next();
    });
    m_scanner->sync();
}

void CliApp::cmdBalance()
{
    scanThen([this] {
        QHash<WalletAccount, btc::Amount> totals;
        QJsonArray coins;
        for (const Utxo &u : m_scanner->utxos()) {
            totals[u.account()] += u.value;
            coins.append(QJsonObject{{QStringLiteral("outpoint"), u.outpoint.toString()},
                                     {QStringLiteral("account"), accountName(u.account())},
                                     {QStringLiteral("value"), qint64(u.value)},
                                     {QStringLiteral("confirmations"), u.confirmations}});
        }
        QJsonObject fields{{QStringLiteral("height"), m_scanner->scannedHeight()}, {QStringLiteral("utxos"), coins}};
        QString human = QStringLiteral("synced to block %1").arg(m_scanner->scannedHeight());
        for (WalletAccount a : {WalletAccount::Deposit, WalletAccount::Premix, WalletAccount::Postmix, WalletAccount::Badbank}) {
            fields.insert(accountName(a), qint64(totals.value(a)));
            human += QStringLiteral("\n  %1 %2 BTC").arg(accountName(a), -8).arg(btcText(totals.value(a)));
        }
        print(QStringLiteral("balance"), fields, human);
        m_done = true;
        Q_EMIT finished(0);
    });
}

void CliApp::cmdMine()
{
    if (m_wallet.network != btc::Network::Regtest)
        return fail(QStringLiteral("mine works on regtest only"), 2);
    const KeyPath path{WalletAccount::Deposit, btc::AddressChain::Receive, 0};
    const auto script = m_book->keys().script(path);
    const auto program = script->p2wpkhProgram()->bytes();
    // Bitcoin Core takes our bcrt1 form; bcoin only its own rb1 form.
    const QStringList candidates{*m_book->keys().address(path),
                                 btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, program})};
    auto attempt = std::make_shared<std::function<void(int)>>();
    *attempt = [this, candidates, attempt](int i) {
        m_node->call(QStringLiteral("generatetoaddress"), {m_options.blocks, candidates[i]}, this,
                     [this, candidates, attempt, i](Result<QJsonValue> r) {
                         if (!r && i + 1 < candidates.size())
                             return (*attempt)(i + 1);
                         if (!r)
                             return fail(r.error().message);
                         print(QStringLiteral("mined"), {{QStringLiteral("blocks"), m_options.blocks}},
                               QStringLiteral("mined %1 block(s) to the deposit account").arg(m_options.blocks));
                         m_done = true;
                         Q_EMIT finished(0);
                     });
    };
    (*attempt)(0);
}

void CliApp::cmdTx0()
{
    if (m_options.poolIds.size() != 1)
        return fail(QStringLiteral("tx0 makes one Tx0 into one --pool"), 2);
    if (!openCluster())
        return;
    scanThen([this] {
        m_rest->fetchPools(this, [this](Result<proto::PoolsResponse> pools, ClusterRest::Answered from) {
            if (!pools)
                return fail(QStringLiteral("cannot read the pools: %1").arg(pools.error().message));
            const QString poolId = m_options.poolIds.first();
            const auto pool = std::find_if(pools->pools.begin(), pools->pools.end(),
                                           [&](const proto::PoolInfo &p) { return p.poolId == poolId; });
            if (pool == pools->pools.end())
                return fail(QStringLiteral("coordinator %1 has no pool '%2'").arg(from ? from->name : QString(), poolId));
            m_rest->fetchTx0Data({}, this, [this, poolInfo = *pool](Result<proto::Tx0DataResponse> data,
                                                                   ClusterRest::Answered via) {
                if (!data)
                    return fail(QStringLiteral("cannot read the Tx0 data: %1").arg(data.error().message));
                const auto tx0Data = std::find_if(data->tx0Datas.begin(), data->tx0Datas.end(),
                                                  [&](const proto::Tx0Data &d) { return d.poolId == poolInfo.poolId; });
                if (tx0Data == data->tx0Datas.end())
                    return fail(QStringLiteral("no Tx0 data for pool %1").arg(poolInfo.poolId));
                QList<Utxo> coins;
                for (const Utxo &u : m_scanner->utxos())
                    if (u.account() == WalletAccount::Deposit && u.isMature() && u.confirmations >= m_options.minConfirmations)
                        coins.append(u);
                if (coins.isEmpty())
                    return fail(QStringLiteral("no confirmed deposit coins to spend"));
                Tx0Params params;
                params.tx0FeeRate = m_options.tx0FeeRate;
                params.mixFeeRate = m_options.mixFeeRate;
                params.maxOutputs = m_options.maxOutputs;
                // The largest coins first, only as many as the Tx0 needs: fewer inputs, lower fee, less linkage.
                std::sort(coins.begin(), coins.end(), [](const Utxo &a, const Utxo &b) { return a.value > b.value; });
                const int wanted = m_options.maxOutputs > 0 ? qMin(m_options.maxOutputs, poolInfo.tx0MaxOutputs)
                                                            : poolInfo.tx0MaxOutputs;
                QList<Utxo> inputs;
                for (const Utxo &coin : coins) {
                    inputs.append(coin);
                    auto preview = Tx0Builder::preview(inputs, poolInfo, *tx0Data, params, m_wallet.network);
                    if (preview && preview->nbPremix >= wanted)
                        break;
                }
                auto tx0 = Tx0Builder::build(inputs, poolInfo, *tx0Data, params, *m_book);
                if (!tx0)
                    return fail(QStringLiteral("cannot build the Tx0: %1").arg(tx0.error().message));
                const btc::Transaction tx = tx0->tx;
                const Tx0Preview preview = tx0->preview;
                const QString instance = via ? via->name : QString();
                const QString tx0Pool = poolInfo.poolId;
                m_node->broadcast(tx.serialize(), tx.txid().toHex(), this, [this, tx, preview, instance, tx0Pool](Result<void> r) {
                    if (!r)
                        return fail(QStringLiteral("the node refused the Tx0: %1").arg(r.error().message));
                    print(QStringLiteral("tx0"),
                          {{QStringLiteral("txid"), tx.txid().toHex()},
                           {QStringLiteral("pool"), tx0Pool},
                           {QStringLiteral("instance"), instance},
                           {QStringLiteral("premixCount"), preview.nbPremix},
                           {QStringLiteral("premixValue"), qint64(preview.premixValue)},
                           {QStringLiteral("feeValue"), qint64(preview.feeValue)},
                           {QStringLiteral("minerFee"), qint64(preview.tx0MinerFee)},
                           {QStringLiteral("change"), qint64(preview.change)}},
                          QStringLiteral("tx0 %1: %2 premix outputs of %3 sats for pool %4 (coordinator fee %5, miner fee %6, "
                                         "change %7; Tx0 data from %8)")
                              .arg(tx.txid().toHex())
                              .arg(preview.nbPremix)
                              .arg(preview.premixValue)
                              .arg(tx0Pool)
                              .arg(preview.feeValue)
                              .arg(preview.tx0MinerFee)
                              .arg(preview.change)
                              .arg(instance));
                    m_done = true;
                    Q_EMIT finished(0);
                });
            });
        });
    });
}

void CliApp::cmdMix()
{
    if (m_options.poolIds.isEmpty())
        return fail(QStringLiteral("--pool is required"), 2);
    if (!openCluster())
        return;
    m_rest->fetchPools(this, [this](Result<proto::PoolsResponse> pools, ClusterRest::Answered from) {
        if (!pools)
            return fail(QStringLiteral("cannot read the pools: %1").arg(pools.error().message));
        QStringList owners;
        for (const proto::PoolInfo &p : pools->pools) {
            if (!m_options.poolIds.contains(p.poolId))
                continue;
            m_pools.insert(p.poolId, PoolTerms{p.poolId, p.denomination, p.mustMixBalanceMax});
            const auto owner = m_directory->endpointFor(QUrl(p.ownerUrlClear));
            owners.append(QStringLiteral("%1 on %2").arg(p.poolId, owner ? owner->name
                                                                   : p.ownerUrlClear.isEmpty() ? QStringLiteral("(no owner yet)")
                                                                                               : p.ownerUrlClear));
        }
        for (const QString &id : std::as_const(m_options.poolIds))
            if (!m_pools.contains(id))
                return fail(QStringLiteral("coordinator %1 has no pool '%2'").arg(from ? from->name : QString(), id));
        print(QStringLiteral("mixing"),
              {{QStringLiteral("pools"), QJsonArray::fromStringList(m_options.poolIds)},
               {QStringLiteral("pool"), m_options.poolIds.first()},
               {QStringLiteral("target"), m_options.mixes}},
              QStringLiteral("mixing in pool%1 %2%3 (pools listed by %4: %5)")
                  .arg(m_options.poolIds.size() > 1 ? QStringLiteral("s") : QString(),
                       m_options.poolIds.join(QStringLiteral(", ")),
                       m_options.mixes > 0 ? QStringLiteral(" until %1 successful mixes").arg(m_options.mixes) : QString(),
                       from ? from->name : QString(), owners.join(QStringLiteral(", "))));
        ChainScanner::Options options;
        options.birthdayHeight = m_wallet.birthdayHeight;
        options.pollIntervalMs = 1000;
        m_scanner = std::make_unique<ChainScanner>(m_node.get(), m_book, options);
        connect(m_scanner.get(), &ChainScanner::synced, this, [this](int) { fillMixSlots(); });
        connect(m_scanner.get(), &ChainScanner::syncFailed, this, [this](const QString &message) {
            print(QStringLiteral("warning"), {{QStringLiteral("message"), message}},
                  QStringLiteral("cannot scan the chain (retrying): %1").arg(message));
        });
        m_scanner->start();
    });
}

QString CliApp::mixablePool(const Utxo &u) const
{
    if (u.account() != WalletAccount::Premix && u.account() != WalletAccount::Postmix)
        return {};
    if (u.confirmations < m_options.minConfirmations)
        return {};
    const QString key = u.outpoint.toString();
    if (m_active.contains(key) || m_retryAfterMs.value(key, 0) > QDateTime::currentMSecsSinceEpoch())
        return {};
    // Pool ranges do not overlap: [denomination, mustMixBalanceMax] names one pool at most.
    for (const PoolTerms &p : m_pools)
        if (u.value >= p.denomination && u.value <= p.mustMixBalanceMax)
            return p.poolId;
    return {};
}

void CliApp::fillMixSlots()
{
    if (m_done)
        return;
    // Premix coins first (they paid for their first mix), then remixes; random order within each.
    QList<QPair<Utxo, QString>> premix;
    QList<QPair<Utxo, QString>> postmix;
    for (const Utxo &u : m_scanner->utxos())
        if (const QString pool = mixablePool(u); !pool.isEmpty())
            (u.account() == WalletAccount::Premix ? premix : postmix).append({u, pool});
    auto shuffle = [](QList<QPair<Utxo, QString>> &list) {
        for (qsizetype i = list.size() - 1; i > 0; --i)
            list.swapItemsAt(i, qsizetype(crypto::randomBelow(std::uint64_t(i + 1))));
    };
    shuffle(premix);
    shuffle(postmix);
    QHash<QString, int> busy;
    for (const ActiveMix &m : std::as_const(m_active))
        ++busy[m.poolId];
    for (const auto &[utxo, pool] : premix) {
        // A mix needs premix (mustMix) coins: one waits in place of a remix that is not in a mix yet.
        if (busy.value(pool) >= m_options.concurrency && !makeRoomForPremix(pool))
            continue;
        ++busy[pool];
        startMix(utxo, pool);
    }
    for (const auto &[utxo, pool] : postmix) {
        if (busy.value(pool) >= m_options.concurrency)
            continue;
        ++busy[pool];
        startMix(utxo, pool);
    }
}

bool CliApp::makeRoomForPremix(const QString &poolId)
{
    for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
        const ActiveMix &m = it.value();
        // Only a coin still in the pool's queue (not invited to a mix): leaving costs nobody anything.
        const MixStep step = m.session->step();
        const bool queued = step == MixStep::Connecting || step == MixStep::Connected || step == MixStep::RegisteredInput;
        if (m.poolId != poolId || m.kind != u"postmix" || !queued)
            continue;
        const QString key = it.key();
        print(QStringLiteral("yield"), {{QStringLiteral("utxo"), key}, {QStringLiteral("pool"), poolId}},
              QStringLiteral("%1 leaves the pool queue for a premix coin").arg(coinTag(m)));
        m.session->stop(); // failed(Stop) at once: the coin leaves m_active and retries later
        return true;
    }
    return false;
}

void CliApp::startMix(const Utxo &utxo, const QString &poolId)
{
    const PoolTerms terms = m_pools.value(poolId);
    MixConfig config;
    config.poolId = terms.poolId;
    config.denomination = terms.denomination;
    config.network = m_wallet.network;
    config.identity = m_options.proxy.isolated();
    // Read at each input registration: a session may outlive several blocks and failovers.
    config.blockHeight = [this] { return m_scanner ? m_scanner->nodeHeight() : 0; };
    const MixUtxo mixUtxo{utxo.outpoint, utxo.value, utxo.script};
    const QString key = utxo.outpoint.toString();
    const QString label = shortOutpoint(utxo.outpoint);
    const QString kind = utxo.account() == WalletAccount::Premix ? QStringLiteral("premix") : QStringLiteral("postmix");
    auto *session = new ResilientMixSession(config, mixUtxo, m_mixWallet, m_directory.get(), ResilienceConfig{}, this);
    m_active.insert(key, ActiveMix{session, poolId, label, kind});
    m_sessionCoins.insert(session->id(), key);
    auto instance = [session] { return session->coordinator() ? session->coordinator()->name : QString(); };
    auto fields = [=](QJsonObject extra) {
        extra.insert(QStringLiteral("utxo"), key);
        extra.insert(QStringLiteral("account"), kind);
        extra.insert(QStringLiteral("pool"), poolId);
        extra.insert(QStringLiteral("instance"), instance());
        return extra;
    };
    auto who = [this, key] { return coinTag(m_active.value(key)); };
    auto finish = [this, key, session] {
        m_active.remove(key);
        m_sessionCoins.remove(session->id());
        session->deleteLater();
    };
    connect(session, &ResilientMixSession::stepChanged, this, [=, this](MixStep step, const QString &message, int progress) {
        print(QStringLiteral("step"),
              fields({{QStringLiteral("step"), mixStepName(step)}, {QStringLiteral("message"), message},
                      {QStringLiteral("progress"), progress}}),
              QStringLiteral("%1 %2 %3 (%4%)").arg(who(), mixStepName(step), message).arg(progress));
    });
    connect(session, &ResilientMixSession::coordinatorChanged, this, [=, this](const QString &name, const QUrl &url) {
        print(QStringLiteral("instance"), fields({{QStringLiteral("url"), url.toString()}}),
              QStringLiteral("%1 on instance %2 (%3)").arg(who(), name, url.toString()));
    });
    connect(session, &ResilientMixSession::retrying, this, [=, this](const QString &message, int delayMs) {
        print(QStringLiteral("retry"), fields({{QStringLiteral("message"), message}, {QStringLiteral("delayMs"), delayMs}}),
              QStringLiteral("%1 retry in %2 s: %3").arg(who(), seconds(delayMs), message));
    });
    connect(session, &ResilientMixSession::redirected, this, [=, this](const proto::RedirectResponse &r) {
        // People see the directory's REDIRECTED / REDIRECT_REFUSED line, or the retry.
        if (m_options.json)
            print(QStringLiteral("redirect"),
                  fields({{QStringLiteral("redirectPool"), r.poolId}, {QStringLiteral("urlClear"), r.urlClear},
                          {QStringLiteral("urlOnion"), r.urlOnion}, {QStringLiteral("epoch"), r.epoch},
                          {QStringLiteral("retryAfterMs"), r.retryAfterMs}}),
                  {});
    });
    connect(session, &ResilientMixSession::succeeded, this, [=, this](const QString &txid) {
        ++m_successes;
        print(QStringLiteral("success"), fields({{QStringLiteral("txid"), txid}, {QStringLiteral("mixes"), m_successes}}),
              QStringLiteral("%1 MIX SUCCESS %2 (%3 mixes done)").arg(who(), txid).arg(m_successes));
        finish();
        m_retryAfterMs.insert(key, std::numeric_limits<qint64>::max()); // spent now
        if (m_options.mixes > 0 && m_successes >= m_options.mixes) {
            m_done = true;
            const QList<ActiveMix> others = m_active.values(); // stop() ends them (and edits m_active) at once
            for (const ActiveMix &m : others)
                m.session->stop();
            QTimer::singleShot(200, this, [this] { Q_EMIT finished(0); });
            return;
        }
        m_scanner->sync();
    });
    connect(session, &ResilientMixSession::failed, this, [=, this](MixFailReason reason, const QString &message, int code) {
        if (reason != MixFailReason::Stop)
            print(QStringLiteral("failed"),
                  fields({{QStringLiteral("reason"), mixFailReasonName(reason)}, {QStringLiteral("message"), message},
                          {QStringLiteral("errorCode"), code}}),
                  QStringLiteral("%1 mix failed: %2 %3").arg(who(), mixFailReasonName(reason), message));
        finish();
        if (reason == MixFailReason::ProtocolMismatch)
            return fail(QStringLiteral("protocol mismatch with the coordinator: update whirlpool-cli"));
        if (m_done)
            return;
        m_retryAfterMs.insert(key, QDateTime::currentMSecsSinceEpoch() + kRetryAfterFailureMs);
        QTimer::singleShot(kRetryAfterFailureMs, this, [this] { fillMixSlots(); });
    });
    session->start();
}

} // namespace wp::client
