// The desktop client's model layer end to end: five WalletControllers (what the GUI
// drives) against three real whirlpool-coordinator processes on one MariaDB and a
// real bcoin node. Each wallet is created, receives a deposit (a mined coin to its
// receive address), syncs, previews and broadcasts a Tx0, and mixes through its
// MixOrchestrator; postmix coins remix alongside later premix coins; the pool's
// owner is killed with SIGKILL in the middle of a mix and the coins still complete
// their mix on the new owner; finally one wallet spends its postmix coins to an
// external address. A background miner mines every transaction that reaches the
// mempool. Prints the time to the first mix, the remixes done and the failover time.
//
// The pool mixes 3 inputs, at least 2 of them premix (anonymity-set 3, min-must-mix 2):
// a mix takes at most one input per wallet and per transaction, so the outputs of one
// mix can bring one remix to the next. Five Tx0s give a first mix of three premix
// coins and a second one of the two others plus a remix; two more Tx0s give the mix
// during which the owner is killed (again with a remix).
#include "appoptions.h"
#include "testwallet.h"

#include <app/walletcontroller.h>

#include <bitcoin/address.h>
#include <bitcoin/bip39.h>
#include <bitcoin/wif.h>
#include <crypto/random.h>

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <csignal>

using namespace wp;
using client::AppEvent;
using client::CoinMixState;
using client::MixRecord;
using client::MixStep;
using client::WalletAccount;
using client::WalletController;

namespace {

const QString kPool = QStringLiteral("0.01btc");
constexpr int kWallets = 5;

/// Mines one block whenever the node's mempool holds a transaction (polled), so
/// Tx0s, mixes and spends confirm without the test choreographing it.
class AutoMiner : public QObject {
public:
    AutoMiner(test::BcoinNode &node, QString address)
        : m_rpc(net::NodeRpcConfig{QUrl(node.url()), QStringLiteral("x"), node.apiKey(), {}, 15000}),
          m_address(std::move(address))
    {
        connect(&m_timer, &QTimer::timeout, this, &AutoMiner::poll);
    }
    void start() { m_timer.start(250); }
    void stop() { m_timer.stop(); }
    int blocks() const { return m_blocks; }

private:
    void poll()
    {
        if (m_busy)
            return;
        m_busy = true;
        m_rpc.call(QStringLiteral("getrawmempool"), {}, this, [this](Result<QJsonValue> pool) {
            if (!pool || pool->toArray().isEmpty()) {
                m_busy = false;
                return;
            }
            m_rpc.call(QStringLiteral("generatetoaddress"), {1, m_address}, this, [this](Result<QJsonValue> mined) {
                if (mined)
                    ++m_blocks;
                m_busy = false;
            });
        });
    }

    net::NodeRpcClient m_rpc;
    QString m_address;
    QTimer m_timer;
    bool m_busy = false;
    int m_blocks = 0;
};

/// One wallet of the test and what it reported.
struct Wallet {
    std::unique_ptr<WalletController> controller;
    QList<MixRecord> mixes;
    QStringList syncErrors;

    WalletController &c() { return *controller; }
    client::AccountBalance balance(WalletAccount a) const { return controller->balances().account(a); }
};

} // namespace

class TestAppFlow : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    std::vector<std::unique_ptr<test::CoordinatorProcess>> m_instances;
    QStringList m_names;
    QSet<int> m_killed;
    std::unique_ptr<test::TestWallet> m_miner;
    std::unique_ptr<AutoMiner> m_autoMiner;
    QTemporaryDir m_dir;
    std::vector<Wallet> m_wallets;
    const crypto::PrivKey m_operatorKey = crypto::PrivKey::generate();
    QElapsedTimer m_clock;
    qint64 m_firstTx0WallMs = 0;
    int m_spender = 0; ///< the wallet that spends its postmix coins at the end

    Wallet &w(int i) { return m_wallets[size_t(i)]; }

    QString operatorAddress() const
    {
        const auto hash = btc::Hash160::fromBytes(crypto::hash160(m_operatorKey.pubKey().serialize(true)));
        return *btc::scriptToAddress(btc::Script::p2wpkh(*hash), btc::networkParams(btc::Network::Regtest));
    }

    Result<void> startInstance(const QString &name)
    {
        test::CoordinatorProcess::Config config = test::coordinatorConfig(name, m_db, m_node);
        config.extraIni = test::mixingClusterIni(3, 3000, m_operatorKey);
        m_instances.push_back(std::make_unique<test::CoordinatorProcess>());
        m_names.append(name);
        return m_instances.back()->start(config);
    }

    client::AppSettings settings() const
    {
        client::AppSettings s = client::AppSettings::defaults(btc::Network::Regtest);
        s.nodeUrl = m_node.url();
        s.nodeUser = QStringLiteral("x");
        s.nodePassword = m_node.apiKey();
        // Two instances in the bootstrap list; the third is learned from the signed manifest.
        for (int i = 0; i < 2; ++i)
            s.bootstrap.append(proto::ClusterInstance{{}, m_names[i], m_instances[size_t(i)]->url(), {}});
        s.operatorAddress = operatorAddress();
        s.maxConcurrent = 3;
        return s;
    }

    static client::WalletControllerOptions options()
    {
        client::WalletControllerOptions o = test::fastControllerOptions();
        o.signedMixGraceMs = 3500; // the coordinators' signing timeout is 3 s
        return o;
    }

    int totalMixes() const
    {
        int n = 0;
        for (const Wallet &x : m_wallets)
            n += int(x.mixes.size());
        return n;
    }
    int remixes() const
    {
        int n = 0;
        for (const Wallet &x : m_wallets)
            n += int(std::count_if(x.mixes.begin(), x.mixes.end(), [](const MixRecord &r) { return r.isRemix(); }));
        return n;
    }

    /// Dumps what may explain a timeout.
    void diagnose()
    {
        for (int i = 0; i < kWallets; ++i) {
            for (const client::CoinStatus &s : w(i).c().mixStatuses())
                qWarning("wallet %d coin %s: %s %s %s | %s", i, qPrintable(s.coin.outpoint.toString().left(12)),
                         qPrintable(client::coinMixStateName(s.state)), qPrintable(client::mixStepName(s.step)),
                         qPrintable(s.instance), qPrintable(s.lastError));
            const QList<AppEvent> events = w(i).c().events();
            for (qsizetype e = std::max<qsizetype>(0, events.size() - 6); e < events.size(); ++e)
                qWarning("wallet %d event: %s", i, qPrintable(events[e].message));
        }
        for (size_t i = 0; i < m_instances.size(); ++i)
            if (!m_killed.contains(int(i)))
                qWarning("%s log:\n%s", qPrintable(m_names[qsizetype(i)]), qPrintable(m_instances[i]->logText().right(2000)));
    }

    /// Tx0 (preview, then broadcast) of one premix coin for wallet @p i. Returns the txid.
    QString tx0(int i)
    {
        client::Tx0Order order;
        order.poolId = kPool;
        order.maxOutputs = 1;
        QObject context;
        std::optional<Result<client::Tx0Plan>> plan;
        w(i).c().previewTx0(order, &context, [&](Result<client::Tx0Plan> r) { plan.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return plan.has_value(); }, 20000) || !*plan) {
            qWarning("Tx0 preview of wallet %d: %s", i, plan ? qPrintable(plan->error().message) : "timeout");
            return {};
        }
        const client::Tx0Preview &p = (*plan)->preview;
        const proto::PoolInfo pool = w(i).c().pools().first().info;
        if (p.nbPremix != 1 || p.premixValue < pool.denomination || p.premixValue > pool.mustMixBalanceMax ||
            p.feeValue + p.feeChange <= 0 || p.tx0MinerFee <= 0 || p.change <= 0 ||
            p.totalInputs != p.premixTotal() + p.feeValue + p.feeChange + p.tx0MinerFee + p.change ||
            (*plan)->inputs.size() != 1 || (*plan)->feeRate != w(i).c().feePresets().normal.satPerVb) {
            qWarning("unexpected Tx0 preview of wallet %d: %d premix of %lld, fee %lld, miner fee %lld, change %lld", i,
                     p.nbPremix, qint64(p.premixValue), qint64(p.feeValue), qint64(p.tx0MinerFee), qint64(p.change));
            return {};
        }
        std::optional<Result<client::Tx0Sent>> sent;
        w(i).c().sendTx0(order, &context, [&](Result<client::Tx0Sent> r) { sent.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return sent.has_value(); }, 20000) || !*sent) {
            qWarning("Tx0 of wallet %d: %s", i, sent ? qPrintable(sent->error().message) : "timeout");
            return {};
        }
        if ((*sent)->plan.preview.nbPremix != 1 || (*sent)->instance.isEmpty())
            return {};
        return (*sent)->txid;
    }

    /// Waits until the wallets recorded @p count mixes in all; false on timeout (with diagnostics).
    bool waitTotalMixes(int count, int timeoutMs = 60000)
    {
        const bool ok = QTest::qWaitFor([&] { return totalMixes() >= count; }, timeoutMs);
        if (!ok)
            diagnose();
        return ok;
    }

    int confirmations(const QString &txid)
    {
        auto tx = m_node.rpc(QStringLiteral("getrawtransaction"), {txid, 1});
        return tx ? tx->toObject().value(QStringLiteral("confirmations")).toInt() : -1;
    }

    /// Waits until every wallet's postmix coins are confirmed and one of them waits in the pool.
    bool waitPostmixQueued()
    {
        const bool ok = QTest::qWaitFor([&] {
            for (int i = 0; i < kWallets; ++i) {
                if (w(i).balance(WalletAccount::Postmix).confirmedCoins < 1 ||
                    w(i).balance(WalletAccount::Postmix).unconfirmedCoins > 0)
                    return false;
                int waiting = 0;
                for (const client::CoinStatus &s : w(i).c().mixStatuses())
                    if (s.coin.postmix && s.state == CoinMixState::Mixing && s.step == MixStep::RegisteredInput)
                        ++waiting;
                if (waiting < 1)
                    return false;
            }
            return true;
        }, 60000);
        if (!ok)
            diagnose();
        return ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_clock.start();
        QVERIFY(m_dir.isValid());
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        m_miner = std::make_unique<test::TestWallet>(*btc::entropyToMnemonic(crypto::randomBytes(16)), m_node);
        QVERIFY(m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, m_miner->miningAddress()));
        for (const char *name : {"alpha", "beta", "gamma"}) {
            auto started = startInstance(QString::fromLatin1(name));
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        m_autoMiner = std::make_unique<AutoMiner>(m_node, m_miner->miningAddress());
        qInfo("set-up (MariaDB, bcoin, 3 instances) took %lld ms", qint64(m_clock.elapsed()));
    }

    void cleanupTestCase()
    {
        if (m_autoMiner)
            m_autoMiner->stop();
        m_wallets.clear(); // controllers before the services they talk to
    }

    void cleanup()
    {
        for (size_t i = 0; i < m_instances.size(); ++i)
            if (!m_killed.contains(int(i)))
                QVERIFY2(m_instances[i]->isRunning(), qPrintable(m_instances[i]->logText().right(3000)));
    }

    void createWalletsAndDeposit()
    {
        const int tip = m_node.rpc(QStringLiteral("getblockcount"))->toInt();
        for (int i = 0; i < kWallets; ++i) {
            Wallet x;
            x.controller = std::make_unique<WalletController>(settings(), options());
            m_wallets.push_back(std::move(x));
            Wallet &wallet = m_wallets.back();
            connect(wallet.controller.get(), &WalletController::mixSucceeded, this,
                    [this, i](const MixRecord &r) { w(i).mixes.append(r); });
            connect(wallet.controller.get(), &WalletController::syncFailed, this,
                    [this, i](const QString &m) { w(i).syncErrors.append(m); });
            client::NewWalletRequest r;
            r.path = m_dir.filePath(QStringLiteral("wallet%1.wallet").arg(i));
            r.mnemonic = WalletController::generateMnemonic();
            r.password = QStringLiteral("password %1").arg(i);
            r.network = btc::Network::Regtest;
            wallet.controller->createWallet(r); // birthday: the node's height
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(m_wallets.begin(), m_wallets.end(), [](Wallet &x) { return x.c().isOpen(); }),
                                 30000);
        for (int i = 0; i < kWallets; ++i)
            QCOMPARE(w(i).c().birthdayHeight(), tip);

        // Deposits: a mined coin to each wallet's receive address, then coinbase maturity.
        QStringList depositAddresses;
        for (int i = 0; i < kWallets; ++i) {
            const auto address = w(i).c().receiveAddress();
            QVERIFY(address);
            depositAddresses.append(*address);
            const auto script = btc::addressToScript(*address, btc::networkParams(btc::Network::Regtest));
            QVERIFY(script);
            QVERIFY(m_node.generateToAddress(1, test::bcoinAddress(*script)));
        }
        QVERIFY(m_node.generateToAddress(100, m_miner->miningAddress()));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(m_wallets.begin(), m_wallets.end(),
                                             [](Wallet &x) {
                                                 return x.balance(WalletAccount::Deposit).confirmedCoins == 1 &&
                                                        !x.c().pools().isEmpty();
                                             }),
                                 60000);
        for (int i = 0; i < kWallets; ++i) {
            QVERIFY(w(i).c().nodeStatus().reachable);
            QCOMPARE(w(i).c().coins().size(), 1);
            QCOMPARE(w(i).c().coins().first().address, depositAddresses[i]);
            QVERIFY(*w(i).c().receiveAddress() != depositAddresses[i]); // the next unused one now
            // The pool and its owner instance, named.
            const client::PoolView pool = w(i).c().pools().first();
            QCOMPARE(pool.info.poolId, kPool);
            QVERIFY2(m_names.contains(pool.ownerName), qPrintable(pool.ownerName));
            QVERIFY(w(i).c().clusterStatus().poolsLoaded);
            // The manifest named the third instance.
            QTRY_COMPARE_WITH_TIMEOUT(w(i).c().instances().size(), 3, 10000);
        }
        qInfo("wallets created and funded after %lld ms", qint64(m_clock.elapsed()));
    }

    void tx0sFirstMixesAndRemix()
    {
        m_autoMiner->start();
        m_firstTx0WallMs = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < kWallets; ++i)
            QVERIFY2(!tx0(i).isEmpty(), qPrintable(QString::number(i)));
        // Three premix coins mix first; the two others mix with a remix of one output of that mix.
        QVERIFY(waitTotalMixes(6));
        QHash<QString, QList<MixRecord>> byTxid;
        qint64 first = std::numeric_limits<qint64>::max();
        for (int i = 0; i < kWallets; ++i) {
            QVERIFY2(!w(i).mixes.isEmpty(), qPrintable(QString::number(i)));
            QCOMPARE(w(i).c().mixHistory(), w(i).mixes);
            for (const MixRecord &r : std::as_const(w(i).mixes)) {
                byTxid[r.txid].append(r);
                QVERIFY(m_names.contains(r.instance));
                QCOMPARE(r.poolId, kPool);
                first = std::min(first, r.timeMs);
            }
        }
        QCOMPARE(byTxid.size(), 2);
        for (const QList<MixRecord> &mix : std::as_const(byTxid))
            QCOMPARE(mix.size(), 3);
        QCOMPARE(remixes(), 1);
        qInfo("time to first mix: %lld ms from the first Tx0; two mixes, one remix", first - m_firstTx0WallMs);
        for (const QString &txid : byTxid.keys())
            QTRY_VERIFY_WITH_TIMEOUT(confirmations(txid) >= 1, 20000);
    }

    void ownerKilledMidMix()
    {
        // Every wallet's mixed coins confirm and wait in the pool for a remix.
        QVERIFY(waitPostmixQueued());
        // The next mix: the kill comes when a coin is registering its output in it.
        std::optional<QString> victimName;
        qint64 killedAtMs = 0;
        QList<QMetaObject::Connection> triggers;
        for (int i = 0; i < kWallets; ++i)
            triggers.append(connect(w(i).controller.get(), &WalletController::coinStatusChanged, this,
                                    [&](const client::CoinStatus &s) {
                                        if (victimName || s.state != CoinMixState::Mixing ||
                                            s.step != MixStep::RegisteringOutput)
                                            return;
                                        const int index = int(m_names.indexOf(s.instance));
                                        if (index < 0 || m_killed.contains(index))
                                            return;
                                        QVERIFY(m_instances[size_t(index)]->signal(SIGKILL));
                                        victimName = s.instance;
                                        killedAtMs = QDateTime::currentMSecsSinceEpoch();
                                        m_killed.insert(index);
                                    }));
        // Two wallets send new premix coins; the mix takes them and one remix.
        m_spender = 0;
        const int before = totalMixes();
        QVERIFY(!tx0(0).isEmpty());
        QVERIFY(!tx0(3).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(victimName.has_value(), 60000);
        for (const auto &t : triggers)
            disconnect(t);
        QCOMPARE(totalMixes(), before); // the mix died with its owner

        // The coins of that mix fail over and complete a mix on the new owner.
        QVERIFY(waitTotalMixes(before + 3, 90000));
        QVERIFY(w(0).mixes.size() >= 2 && w(3).mixes.size() >= 2);
        const MixRecord &mix = w(0).mixes.last();
        QCOMPARE(w(3).mixes.last().txid, mix.txid);
        QVERIFY(mix.instance != *victimName);
        QVERIFY(m_names.contains(mix.instance));
        QCOMPARE(remixes(), 2);
        qint64 firstAfter = std::numeric_limits<qint64>::max();
        for (int i = 0; i < kWallets; ++i)
            for (const MixRecord &r : std::as_const(w(i).mixes))
                if (r.txid == mix.txid)
                    firstAfter = std::min(firstAfter, r.timeMs);
        // The wallets whose coins were on the lost instance saw it in their event log, in words.
        for (int i : {0, 3}) {
            const QList<AppEvent> events = w(i).c().events();
            QVERIFY2(std::any_of(events.begin(), events.end(),
                                 [&](const AppEvent &e) {
                                     return e.source == AppEvent::Source::Cluster && e.instance == *victimName &&
                                            e.clusterKind == client::DirectoryEvent::Kind::ConnectionFailed;
                                 }),
                     qPrintable(QString::number(i)));
        }
        // The pools list names the new owner.
        QTRY_VERIFY_WITH_TIMEOUT(w(1).c().pools().first().hasOwner() && w(1).c().pools().first().ownerName != *victimName,
                                 15000);
        qInfo("failover: kill -9 of the owner %s while the coins registered their outputs; they mixed on %s %lld ms "
              "later (mix %s); remixes so far: %d",
              qPrintable(*victimName), qPrintable(mix.instance), firstAfter - killedAtMs, qPrintable(mix.txid.left(16)),
              remixes());
        QTRY_VERIFY_WITH_TIMEOUT(confirmations(mix.txid) >= 1, 20000);
    }

    void remixesGoOn()
    {
        // Two more rounds of two new premix coins each: every mix takes a remix along.
        for (const auto &pair : {std::pair{1, 2}, std::pair{3, 4}}) {
            QVERIFY(waitPostmixQueued());
            const int before = totalMixes();
            QVERIFY(!tx0(pair.first).isEmpty());
            QVERIFY(!tx0(pair.second).isEmpty());
            QVERIFY(waitTotalMixes(before + 3));
            QCOMPARE(w(pair.first).mixes.last().txid, w(pair.second).mixes.last().txid);
        }
        QCOMPARE(remixes(), 4);
        int deepest = 0;
        for (const Wallet &x : m_wallets)
            for (const MixRecord &r : x.mixes)
                deepest = std::max(deepest, r.mixNumber);
        qInfo("remixes done: %d in %d mixes; the most mixed coin went through %d mixes", remixes(), totalMixes() / 3,
              deepest);
        QVERIFY(waitPostmixQueued());
    }

    void spendFromPostmix()
    {
        // The wallet holds two mixed coins (its first premix's lineage and its second premix's).
        Wallet &x = w(m_spender);
        x.c().stopMixing();
        QVERIFY(!x.c().isMixing());
        QElapsedTimer sinceStop;
        sinceStop.start();
        // Settled: no session, no coin whose mix the chain view has not caught up with yet. A
        // session stopped after it signed can still see its mix broadcast until the coordinator's
        // signing timeout (3 s here) is over, so the view counts only once that time has passed
        // and a sync has run since.
        QSignalSpy synced(&x.c(), &client::WalletController::synced);
        auto settled = [&x, &sinceStop, &synced] {
            if (sinceStop.elapsed() < 4000) {
                synced.clear();
                return false;
            }
            if (synced.isEmpty()) {
                x.c().syncNow();
                return false;
            }
            const QList<client::CoinStatus> statuses = x.c().mixStatuses();
            return x.balance(WalletAccount::Postmix).unconfirmedCoins == 0 &&
                   x.balance(WalletAccount::Postmix).confirmedCoins == 2 && x.c().activeMixes() == 0 &&
                   std::none_of(statuses.begin(), statuses.end(),
                                [](const client::CoinStatus &s) { return s.state == CoinMixState::Mixed; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
        const btc::Amount postmix = x.balance(WalletAccount::Postmix).confirmed;
        const QString external = *btc::scriptToAddress(m_miner->depositScript(), btc::networkParams(btc::Network::Regtest));
        client::SpendOrder order;
        order.address = external;
        order.sendAll = true;
        auto plan = x.c().previewSpend(order);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().message));
        if (plan->coins.size() != 2)
            for (const client::WalletCoin &c : x.c().coins())
                qWarning("coin %s %s conf %d value %lld mix %s %s", qPrintable(c.utxo.outpoint.toString().left(12)),
                         qPrintable(client::accountName(c.utxo.account())), c.utxo.confirmations, qint64(c.utxo.value),
                         c.mix ? qPrintable(client::coinMixStateName(c.mix->state)) : "-",
                         c.mix ? qPrintable(client::mixStepName(c.mix->step)) : "-");
        if (plan->coins.size() != 2) {
            for (const MixRecord &r : x.mixes)
                qWarning("mix %s on %s #%d: %d confirmations", qPrintable(r.txid), qPrintable(r.instance), r.mixNumber,
                         confirmations(r.txid));
            for (const AppEvent &e : x.c().events())
                qWarning("event: %s", qPrintable(e.message));
            diagnose();
        }
        QCOMPARE(plan->coins.size(), 2);
        QCOMPARE(plan->preview.totalInputs, postmix);
        QCOMPARE(plan->preview.change, btc::Amount(0));
        QCOMPARE(plan->preview.amount + plan->preview.fee, postmix);
        // A bad address is refused in words.
        client::SpendOrder bad = order;
        bad.address = QStringLiteral("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
        QVERIFY(x.c().previewSpend(bad).error().message.contains(QStringLiteral("network")));

        QObject context;
        std::optional<Result<client::SpendSent>> sent;
        // Mined once the wallet saw the node accept it (the background miner resumes after).
        m_autoMiner->stop();
        x.c().sendSpend(order, &context, [&](Result<client::SpendSent> r) { sent.emplace(std::move(r)); });
        QTRY_VERIFY_WITH_TIMEOUT(sent.has_value(), 20000);
        m_autoMiner->start();
        if (!*sent) {
            for (const client::Utxo &u : plan->coins) {
                auto out = m_node.rpc(QStringLiteral("gettxout"), {u.outpoint.txid.toHex(), int(u.outpoint.index), true});
                qWarning("spend input %s: gettxout %s", qPrintable(u.outpoint.toString()),
                         out ? QJsonDocument(QJsonObject{{QStringLiteral("r"), *out}}).toJson(QJsonDocument::Compact).constData()
                             : qPrintable(out.error().message));
            }
            qWarning("height %d, wallet height %d", m_node.rpc(QStringLiteral("getblockcount"))->toInt(),
                     x.c().nodeStatus().nodeHeight);
        }
        QVERIFY2(*sent, *sent ? "" : qPrintable(sent->error().message));
        const QString txid = (*sent)->txid;
        // Mined by the background miner; the wallet sees its postmix account emptied.
        QTRY_VERIFY_WITH_TIMEOUT(x.balance(WalletAccount::Postmix).total() == 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_node.rpc(QStringLiteral("getrawtransaction"), {txid, 1})
                                         ->toObject()
                                         .value(QStringLiteral("confirmations"))
                                         .toInt() >= 1,
                                 30000);
        auto raw = m_node.rpc(QStringLiteral("getrawtransaction"), {txid, 0});
        auto tx = btc::Transaction::deserialize(*util::fromHex(raw->toString()));
        QVERIFY(tx);
        QCOMPARE(tx->outputs.size(), 1);
        QCOMPARE(tx->outputs.first().scriptPubKey, m_miner->depositScript());
        QCOMPARE(tx->outputs.first().value, (*sent)->preview.amount);
        qInfo("spent %lld sat of postmix to an external address in %s", qint64((*sent)->preview.amount),
              qPrintable(txid.left(16)));
    }

    void historyKeptInWalletFile()
    {
        // Lock and open again: the mix history and the mixing switch come back from the file.
        Wallet &x = w(m_spender);
        const QList<MixRecord> history = x.c().mixHistory();
        QCOMPARE(history, x.mixes);
        QVERIFY(history.size() >= 2);
        const QString path = x.c().walletPath();
        x.c().lockWallet();
        QVERIFY(x.c().mixHistory().isEmpty());
        QSignalSpy opened(x.controller.get(), &WalletController::walletOpened);
        x.c().openWallet(path, QStringLiteral("password %1").arg(m_spender));
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 20000);
        QCOMPARE(x.c().mixHistory(), history);
        QVERIFY(!x.c().isMixing());
        qInfo("app flow done in %lld ms; %d mixes recorded, %d remixes, %d blocks mined in the background",
              qint64(m_clock.elapsed()), totalMixes(), remixes(), m_autoMiner->blocks());
        for (int i = 0; i < kWallets; ++i)
            QVERIFY2(w(i).syncErrors.isEmpty(), qPrintable(w(i).syncErrors.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestAppFlow)
#include "tst_appflow.moc"
