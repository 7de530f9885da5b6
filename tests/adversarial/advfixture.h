#pragma once

// The stage of the adversarial tests (issue #11): real whirlpool-coordinator
// instances sharing one real MariaDB and one real bcoin node (ClusterFixture),
// funded wallets (honest ones mix through ResilientMixSession, so they register
// again after a FAIL by themselves, as the real client does), attacker coins for
// HostileClient, and the checks every attack ends with: who is in `blame` and
// `ban`, and whether the pool still completes a mix of the honest clients.

#include "hostileclient.h"

#include "../e2e/clusterfixture.h"
#include "../e2e/clusterwallets.h"

#include <mixer/coordinatordirectory.h>
#include <mixer/resilientmixsession.h>

#include <QElapsedTimer>
#include <QProcess>

namespace wp::test {

inline const QString kAdvPool = QStringLiteral("0.01btc");

/// The coordinator INI of the adversarial tests: pool 0.01btc mixing @p anonymitySet
/// inputs (at least 2 premix), short phases, @p banBlames blames ban, then @p extra.
inline QString adversarialIni(int anonymitySet, int registerOutputMs, int signingMs, int banBlames,
                              const QString &extraTimings = {})
{
    return QStringLiteral("[General]\npools = 0.01btc\n"
                          "[node]\ntip-refresh-ms = 500\n"
                          "[ban]\nblames = %1\n"
                          "[timings]\nconfirm-tick-ms = 500\nregister-output-ms = %2\n"
                          "reveal-output-ms = 2000\nsigning-ms = %3\n%4"
                          "[pool.0.01btc]\nanonymity-set = %5\nmin-must-mix = 2\nmin-liquidity = 0\n")
        .arg(banBlames)
        .arg(registerOutputMs)
        .arg(signingMs)
        .arg(extraTimings)
        .arg(anonymitySet);
}

/// True when the built coordinator knows INI setting @p key (its --help lists every setting).
inline bool coordinatorKnowsSetting(const QString &key)
{
    QProcess p;
    p.start(CoordinatorProcess::binaryPath(), {QStringLiteral("--help")});
    if (!p.waitForFinished(10000))
        return false;
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).contains(key);
}

/// One honest coin mixed by a ResilientMixSession, and what it reported.
struct HonestCoin {
    int wallet = 0;
    client::Utxo utxo;
    std::unique_ptr<client::ResilientMixSession> session;
    client::MixStep step = client::MixStep::Connecting;
    bool done = false;
    QString txid;
    QString failure;
    qint64 endedAtMs = 0;
    QList<qint64> retryAtMs; ///< when each failed round was announced (the honest side of a FAIL)
};

/// Wallets, instances and honest clients of one adversarial test executable.
/// Thread affinity: the test thread.
class AdvFixture {
public:
    ClusterFixture cluster;
    std::vector<std::unique_ptr<TestWallet>> wallets; ///< 0 mines; then honest; then attackers
    int honestCount = 0;
    int attackerCount = 0;
    QElapsedTimer clock; ///< since setUp()
    std::unique_ptr<client::CoordinatorDirectory> directory;
    std::vector<std::unique_ptr<HonestCoin>> honestCoins;
    std::vector<std::unique_ptr<HostileClient>> attackers;

    ~AdvFixture()
    {
        attackers.clear();
        honestCoins.clear();
        directory.reset();
    }

    /// Services, @p instances with @p ini, @p honest + @p attackerWallets funded wallets,
    /// one Tx0 of @p premixPerWallet coins each, mined. Returns: what failed.
    Result<void> setUp(int honest, int attackerWallets, int premixPerWallet, const QString &ini,
                       const QStringList &instances = {QStringLiteral("alpha"), QStringLiteral("beta")})
    {
        clock.start();
        honestCount = honest;
        attackerCount = attackerWallets;
        if (auto r = cluster.startServices(); !r)
            return r;
        auto funded = fundedWallets(cluster.node, 1 + honest + attackerWallets);
        if (!funded)
            return funded.error();
        wallets = std::move(*funded);
        for (const QString &name : instances)
            if (auto r = cluster.start(name, ini); !r)
                return fail(QStringLiteral("%1: %2").arg(name, r.error().message));
        client::DirectoryConfig config;
        config.network = btc::Network::Regtest;
        for (const QString &name : instances)
            config.bootstrap.append(proto::ClusterInstance{{}, name, cluster.url(name), {}});
        directory = std::make_unique<client::CoordinatorDirectory>(config);
        for (int i = 1; i < int(wallets.size()); ++i) {
            auto tx0 = wallets[size_t(i)]->tx0(cluster.url(instances.first()), kAdvPool, premixPerWallet);
            if (!tx0)
                return fail(QStringLiteral("Tx0 of wallet %1: %2").arg(i).arg(tx0.error().message));
            (i <= honest ? m_honestTx0s : m_attackerTx0s).insert(tx0->toHex());
        }
        mine();
        if (ownerUrl().isEmpty())
            return fail(QStringLiteral("the pool has no owner"));
        qInfo("set-up (MariaDB, bcoin, %lld instances, %d Tx0s) took %lld ms", qint64(instances.size()),
              int(wallets.size()) - 1, qint64(clock.elapsed()));
        return {};
    }

    TestWallet &honestWallet(int i) { return *wallets[size_t(i)]; }                     ///< 1..honestCount
    TestWallet &attackerWallet(int i) { return *wallets[size_t(1 + honestCount + i)]; } ///< 0..attackerCount-1
    const QSet<QString> &honestTx0s() const { return m_honestTx0s; }

    int tip() { return knownTip = cluster.node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    void mine(int n = 1)
    {
        static_cast<void>(cluster.node.generateToAddress(n, wallets[0]->miningAddress()));
        tip();
    }
    /// The chain height as of the last tip() or mine(): what honest clients send at each
    /// registration (read without a nested node call; a block or two behind is within the
    /// coordinator's allowed spread).
    int knownTip = 0;
    QString minerAddress() { return wallets[0]->miningAddress(); }

    /// The pool owner's slot name once it is settled (empty after 20 s without one).
    QString ownerName()
    {
        QString owner;
        (void)QTest::qWaitFor([&] { return !(owner = cluster.owners().value(kAdvPool)).isEmpty(); }, 20000);
        return owner;
    }
    QString ownerUrl()
    {
        const QString owner = ownerName();
        return owner.isEmpty() ? QString() : cluster.url(owner);
    }

    /// An unspent premix coin of @p wallet not given out before.
    std::optional<client::Utxo> freshPremix(TestWallet &wallet)
    {
        for (const client::Utxo &u : wallet.coins(client::WalletAccount::Premix)) {
            if (!m_used.contains(u.outpoint.toString())) {
                m_used.insert(u.outpoint.toString());
                return u;
            }
        }
        return std::nullopt;
    }

    /// A hostile input spending a fresh premix coin of attacker wallet @p i, on the pool owner.
    HostileClient &attacker(int i, HostileBehaviour behaviour = {})
    {
        TestWallet &w = attackerWallet(i);
        const auto utxo = freshPremix(w);
        if (!utxo)
            qFatal("attacker wallet %d has no premix coin left", i);
        const auto path = w.book().find(utxo->script);
        HostileConfig config;
        config.coordinatorUrl = QUrl(ownerUrl());
        config.blockHeight = tip();
        attackers.push_back(std::make_unique<HostileClient>(
            config, HostileCoin::fromKey(utxo->outpoint, utxo->value, *w.book().keys().privKey(*path)), behaviour));
        return *attackers.back();
    }

    /// Starts a ResilientMixSession for a fresh premix coin of honest wallet @p i (1-based).
    HonestCoin &startHonest(int i)
    {
        auto coin = std::make_unique<HonestCoin>();
        coin->wallet = i;
        const auto utxo = freshPremix(honestWallet(i));
        if (!utxo)
            qFatal("honest wallet %d has no premix coin left", i);
        coin->utxo = *utxo;
        client::MixConfig config;
        config.poolId = kAdvPool;
        config.denomination = 1'000'000;
        config.network = btc::Network::Regtest;
        config.blockHeight = [this] { return knownTip; };
        config.registerOutputRetryMs = 200;
        client::ResilienceConfig resilience;
        resilience.maxMixAttempts = 20;
        HonestCoin *c = coin.get();
        c->session = std::make_unique<client::ResilientMixSession>(
            config, client::MixUtxo{utxo->outpoint, utxo->value, utxo->script}, honestWallet(i).mixWallet,
            directory.get(), resilience);
        client::ResilientMixSession *s = c->session.get();
        QObject::connect(s, &client::ResilientMixSession::stepChanged, s, [c](client::MixStep step) { c->step = step; });
        QObject::connect(s, &client::ResilientMixSession::retrying, s,
                         [this, c](const QString &, int) { c->retryAtMs.append(QDateTime::currentMSecsSinceEpoch()); });
        QObject::connect(s, &client::ResilientMixSession::succeeded, s, [this, c](const QString &txid) {
            c->done = true;
            c->txid = txid;
            c->endedAtMs = QDateTime::currentMSecsSinceEpoch();
        });
        QObject::connect(s, &client::ResilientMixSession::failed, s,
                         [c](client::MixFailReason r, const QString &m) {
                             c->done = true;
                             c->failure = client::mixFailReasonName(r) + QLatin1Char(' ') + m;
                             c->endedAtMs = QDateTime::currentMSecsSinceEpoch();
                         });
        s->start();
        honestCoins.push_back(std::move(coin));
        return *honestCoins.back();
    }

    /// Honest coins of wallets @p from..@p to (1-based), one each.
    QList<HonestCoin *> startHonestRange(int from, int to)
    {
        QList<HonestCoin *> out;
        for (int i = from; i <= to; ++i)
            out.append(&startHonest(i));
        return out;
    }

    /// Waits until @p n coins of @p coins are in step @p step (or further).
    bool waitHonestStep(const QList<HonestCoin *> &coins, client::MixStep step, int n, int timeoutMs)
    {
        return QTest::qWaitFor([&] {
            return std::count_if(coins.begin(), coins.end(), [step](HonestCoin *c) { return int(c->step) >= int(step); }) >= n;
        }, timeoutMs);
    }

    /// Waits until every coin of @p coins ended. Returns: the txid they all mixed in, or
    /// empty (then @p why says what happened, with the instances' logs on a timeout).
    QString waitHonestMix(const QList<HonestCoin *> &coins, int timeoutMs, QString *why)
    {
        const bool ended = QTest::qWaitFor([&] { return std::all_of(coins.begin(), coins.end(), [](HonestCoin *c) { return c->done; }); },
                                           timeoutMs);
        QStringList states;
        for (HonestCoin *c : coins)
            states.append(c->done ? (c->txid.isEmpty() ? c->failure : QStringLiteral("SUCCESS ") + c->txid)
                                  : QStringLiteral("waiting in %1").arg(client::mixStepName(c->step)));
        const QString txid = coins.first()->txid;
        const bool same = ended && !txid.isEmpty() &&
                          std::all_of(coins.begin(), coins.end(), [&](HonestCoin *c) { return c->txid == txid; });
        if (!same && why)
            *why = QStringLiteral("honest coins: %1\n%2").arg(states.join(QStringLiteral("; ")), logs());
        return same ? txid : QString();
    }

    /// The end of the latest mix of @p coins, in ms since the epoch.
    static qint64 lastEnd(const QList<HonestCoin *> &coins)
    {
        qint64 out = 0;
        for (HonestCoin *c : coins)
            out = std::max(out, c->endedAtMs);
        return out;
    }

    /// The mix of @p txid is a SUCCESS row of `mix` and its transaction is in the mempool or a block.
    bool successRowAndBroadcast(const QString &txid, QString *why)
    {
        const bool row = QTest::qWaitFor([&] {
            auto r = cluster.sql().queryOne("SELECT m.mix_status FROM mix m JOIN mix_log l ON l.mix_id = m.id WHERE l.txid = ?",
                                            {txid});
            return r && r->has_value() && (*r)->toString(0) == QStringLiteral("SUCCESS");
        }, 10000);
        if (!row) {
            *why = QStringLiteral("no SUCCESS mix row for %1").arg(txid);
            return false;
        }
        if (!cluster.node.waitForMempool(txid, 5000) &&
            !cluster.node.rpc(QStringLiteral("getrawtransaction"), {txid, 0})) {
            *why = QStringLiteral("mix %1 is neither in the mempool nor mined").arg(txid);
            return false;
        }
        return true;
    }

    /// Every blame row: (identifier, reason, mix_id).
    QList<QStringList> blames()
    {
        QList<QStringList> out;
        auto rows = cluster.sql().query("SELECT identifier, reason, mix_id FROM blame ORDER BY id");
        if (rows)
            for (const auto &row : *rows)
                out.append({row.toString(0).value_or(QString()), row.toString(1).value_or(QString()),
                            row.toString(2).value_or(QString())});
        return out;
    }
    /// Reasons @p identifier was blamed for, oldest first.
    QStringList blameReasons(const QString &identifier)
    {
        QStringList out;
        for (const QStringList &b : blames())
            if (b[0].compare(identifier, Qt::CaseInsensitive) == 0)
                out.append(b[1]);
        return out;
    }
    /// Waits until @p identifier has @p count blames (or more); returns its reasons.
    QStringList waitBlames(const QString &identifier, int count, int timeoutMs)
    {
        QStringList reasons;
        (void)QTest::qWaitFor([&] { return (reasons = blameReasons(identifier)).size() >= count; }, timeoutMs);
        return reasons;
    }
    /// Blame rows that hit an honest coin (its Tx0 txid or "txid:index"): must stay empty.
    /// Only rows written since the last markBlames() (each test checks its own).
    QStringList honestBlames()
    {
        QStringList out;
        const QList<QStringList> all = blames();
        for (qsizetype i = m_blameMark; i < all.size(); ++i)
            if (m_honestTx0s.contains(all[i][0].left(64).toLower()))
                out.append(all[i].join(QLatin1Char(' ')));
        return out;
    }
    /// Starts a new test: honestBlames() looks at later rows only.
    void markBlames() { m_blameMark = blames().size(); }
    /// Before each test: the honest coins a failed test left waiting are stopped, and blame
    /// rows are counted from here.
    void beginTest()
    {
        stopHonest();
        markBlames();
    }
    /// After each test: what went wrong for an honest user (a blame since beginTest()) or,
    /// with @p allRunning, for the cluster (an instance died). Empty when nothing did.
    QString afterTestProblem(bool allRunning = true)
    {
        for (const QString &name : cluster.names())
            if (allRunning && !cluster.isRunning(name))
                return name + QStringLiteral(" died:\n") + logs();
        return honestBlames().join(QLatin1Char('\n'));
    }
    /// Stops every honest coin still waiting (left over by a test that failed).
    void stopHonest()
    {
        for (const auto &c : honestCoins)
            if (!c->done)
                c->session->stop();
    }
    /// True when an active ban row exists for @p identifier.
    bool isBanned(const QString &identifier)
    {
        auto row = cluster.sql().queryOne("SELECT 1 FROM ban WHERE identifier = ? AND "
                                          "(expiration IS NULL OR expiration > UTC_TIMESTAMP(6))",
                                          {identifier});
        return row && row->has_value();
    }
    /// (status, fail_reason, fail_info) of mix @p mixId, empty if not saved (yet).
    QStringList mixRow(const QString &mixId)
    {
        auto row = cluster.sql().queryOne("SELECT mix_status, fail_reason, fail_info FROM mix WHERE mix_id = ?", {mixId});
        if (!row || !row->has_value())
            return {};
        return {(*row)->toString(0).value_or(QString()), (*row)->toString(1).value_or(QString()),
                (*row)->toString(2).value_or(QString())};
    }

    /// The last lines of every instance's log, for failure messages.
    QString logs(int chars = 3000)
    {
        QString out;
        for (const QString &name : cluster.names())
            out += QStringLiteral("---- %1 log:\n%2\n").arg(name, cluster.logText(name).right(chars));
        return out;
    }
    /// Log lines of every instance that contain @p needle.
    QStringList logLines(const QString &needle)
    {
        QStringList out;
        for (const QString &name : cluster.names())
            for (const QString &line : cluster.logText(name).split(QLatin1Char('\n')))
                if (line.contains(needle, Qt::CaseInsensitive))
                    out.append(name + QStringLiteral(": ") + line);
        return out;
    }

private:
    QSet<QString> m_honestTx0s;
    QSet<QString> m_attackerTx0s;
    QSet<QString> m_used;
    qsizetype m_blameMark = 0;
};

} // namespace wp::test
