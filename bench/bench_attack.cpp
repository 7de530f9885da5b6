// bench_attack: how fast honest clients mix while ONE persistent hostile participant
// attacks the pool (issue #11), measured on a real whirlpool-coordinator process with a
// private MariaDB and a private bcoin regtest node.
//
// Stage: pool 0.01btc, anonymity-set 5 (at least 2 premix inputs), short phases
// (confirm tick 500 ms, confirm deadline 2 s, register-output 3 s, reveal 2 s, signing
// 3 s) and `[ban] blames = 2`, so that an attacker is banned within a run. Fourteen honest
// wallets (eight with --quick), each with one big Tx0 of premix coins, mix one coin at a time through the
// client library's ResilientMixSession (it registers again 2 s after a FAIL, as the real
// client does); when a coin is mixed the wallet registers its next premix coin at once.
// So a mix can always form, with or without the attacker in it.
//
// Runs, one after the other on the same coordinator and the same honest load:
//  baseline  no attacker: honest mixes per minute over a window before the attacks and
//            one after them (the machine's load may drift); both together are the
//            reference rate.
//  attacks   one persistent attacker (tests/adversarial/hostileclient.h) of each kind,
//            each kind twice:
//              "1coin"   one premix coin (a Tx0 of one output) that registers again
//                        2 s after each attempt ended (FAIL, refusal, own disconnect);
//              "tx0of10" a Tx0 of ten premix coins feeding it: each attempt uses the
//                        next coin of the Tx0 (one attempt in flight at a time).
//            Kinds: disconnect as soon as it holds its blind signature; never confirm an
//            invitation; duplicate reveal (two inputs of two Tx0s; when both are in
//            the mix one registers an output and both reveal it, an input alone
//            reveals an address it did not register); a high-S signature; a signature
//            of sighash type 0x81; a double spend (mined) after the blind signature;
//            the same just before the signature is sent (not in --quick). A coin that
//            is double-spent or mixed is gone: an attacker with no coin left stops.
//
// For each run: honest mixes/min over the whole run and its ratio to the baseline; the
// rate after the attacker was banned (every identifier of it in `ban`) or ran out of
// coins, counted from 2 s after that moment (the honest clients' pause before they
// register again after the FAIL of its last offence) to the end of the run (target:
// >= 80 % of the baseline; an attacker neither banned nor out of coins by the run cap
// is measured over the last window of the run); the time until the ban; the attacker's
// blames; and the HONEST blames (target 0): rows of `blame` whose identifier is an
// honest Tx0 txid or an outpoint of an honest mix transaction. Rows that name neither
// are counted as "unexplained".
//
//   bench_attack [--quick] [--csv FILE] [--only KIND[,KIND...]] [--coins N] [--log FILE]
//
// --quick: 8 honest wallets of 300 coins, baseline 2 x 20 s, post-ban windows 15 s, an
// attacker still in play after 35 s ends its run (about 8 minutes; the last kind, dssign,
// only on request). Full: 14 wallets of 600 coins (the client's largest Tx0), baseline 2 x 90 s, post-ban windows
// 60 s, cap 180 s (about 30 minutes).
// KIND: disconnect, noconfirm, dupreveal, highs, sighash, dsblind, dssign.
// Prints one line per run and a table, writes the CSV (one row per run) and exits 0
// when every target is met, 2 when one is missed, 1 when a service cannot start.
#include "../tests/adversarial/advfixture.h"
#include "benchstats.h"

#include <wallet/tx0builder.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>

using namespace wp;
using test::HostileClient;
using test::HostileStep;

namespace {

constexpr int kRejoinMs = 2000;          ///< an attacker registers again this long after an attempt ended
constexpr int kBlamesToBan = 2;
constexpr double kPostBanTarget = 0.80;  ///< post-ban rate / baseline
/// The post-ban window opens this long after the ban: the honest clients' pause before
/// they register again after the FAIL of the attacker's last offence.
const int kRecoveryMs = client::ResilienceConfig{}.mixRetryPauseMs;

/// The coordinator settings of every run.
QString benchIni(int tx0MaxOutputs, int confirmTickMs)
{
    return QStringLiteral("[General]\npools = 0.01btc\n"
                          "[node]\ntip-refresh-ms = 500\n"
                          "[ban]\nblames = %1\n"
                          "[timings]\nconfirm-tick-ms = %3\nconfirm-deadline-ms = 2000\nregister-output-ms = 3000\n"
                          "reveal-output-ms = 2000\nsigning-ms = 3000\n"
                          "[pool.0.01btc]\nanonymity-set = 5\nmin-must-mix = 2\nmin-liquidity = 0\n"
                          "tx0-max-outputs = %2\n")
        .arg(kBlamesToBan)
        .arg(tx0MaxOutputs)
        .arg(confirmTickMs);
}

/// Waits as bench::waitFor(), checking every 50 ms.
bool waitFor(const std::function<bool()> &condition, int timeoutMs, int pollMs = 50)
{
    return bench::waitFor(condition, timeoutMs, pollMs);
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2) : QString();
}

// ---- honest load -------------------------------------------------------------------------------

/// Honest wallets mixing one premix coin each at a time, the next coin as soon as
/// one is mixed (or gave up). Thread affinity: the bench thread.
class HonestLoad {
public:
    struct Wallet {
        test::TestWallet *wallet = nullptr;
        QList<client::Utxo> coins;
        int next = 0;
        std::unique_ptr<client::ResilientMixSession> session;
    };

    explicit HonestLoad(client::CoordinatorDirectory &directory) : m_directory(directory) {}
    ~HonestLoad() { stop(); }

    void add(test::TestWallet *wallet, QList<client::Utxo> coins, const QString &tx0)
    {
        m_wallets.push_back(std::make_unique<Wallet>(Wallet{wallet, std::move(coins), 0, nullptr}));
        m_tx0s.insert(tx0.toLower());
    }
    void start()
    {
        for (auto &w : m_wallets)
            launch(*w);
    }
    void stop()
    {
        m_stopped = true;
        for (auto &w : m_wallets)
            if (w->session) {
                w->session->disconnect();
                w->session->stop();
                w->session.release()->deleteLater();
            }
    }

    /// Honest mixes (distinct txids) that succeeded in [@p fromMs, @p toMs).
    int mixesIn(qint64 fromMs, qint64 toMs) const
    {
        return int(std::count_if(m_successes.begin(), m_successes.end(),
                                 [&](const QPair<qint64, QString> &s) { return s.first >= fromMs && s.first < toMs; }));
    }
    int mixes() const { return int(m_successes.size()); }
    /// Coins that gave up (ResilientMixSession::failed): none expected.
    int gaveUp() const { return m_gaveUp; }
    QString lastGiveUp() const { return m_lastGiveUp; }
    int walletsOutOfCoins() const
    {
        return int(std::count_if(m_wallets.begin(), m_wallets.end(), [](const auto &w) { return w->next >= w->coins.size(); }));
    }
    /// Whether blame identifier @p id is an honest coin: its Tx0 txid or an outpoint of an honest mix.
    bool isHonest(const QString &id) const
    {
        const QString txid = id.left(64).toLower();
        return m_tx0s.contains(txid) || m_mixTxids.contains(txid);
    }
    void setTip(int tip) { m_tip = tip; }

private:
    void launch(Wallet &w)
    {
        if (m_stopped || w.next >= w.coins.size())
            return;
        const client::Utxo utxo = w.coins[w.next++];
        client::MixConfig config;
        config.poolId = test::kAdvPool;
        config.denomination = 1'000'000;
        config.network = btc::Network::Regtest;
        config.blockHeight = [this] { return m_tip; };
        config.registerOutputRetryMs = 200;
        client::ResilienceConfig resilience;
        resilience.maxMixAttempts = 1000; // a persistent attacker must not make honest coins give up
        w.session = std::make_unique<client::ResilientMixSession>(
            config, client::MixUtxo{utxo.outpoint, utxo.value, utxo.script}, w.wallet->mixWallet, &m_directory, resilience);
        client::ResilientMixSession *s = w.session.get();
        Wallet *wallet = &w;
        QObject::connect(s, &client::ResilientMixSession::succeeded, s, [this, wallet](const QString &txid) {
            if (!m_mixTxids.contains(txid.toLower())) {
                m_mixTxids.insert(txid.toLower());
                m_successes.append({nowMs(), txid});
            }
            next(*wallet);
        });
        QObject::connect(s, &client::ResilientMixSession::failed, s,
                         [this, wallet](client::MixFailReason r, const QString &m, int) {
                             ++m_gaveUp;
                             m_lastGiveUp = client::mixFailReasonName(r) + QLatin1Char(' ') + m;
                             next(*wallet);
                         });
        s->start();
    }
    /// The session of @p w ended: it is deleted later (it is emitting), the next coin starts.
    void next(Wallet &w)
    {
        if (w.session)
            w.session.release()->deleteLater();
        QTimer::singleShot(0, &m_context, [this, &w] { launch(w); });
    }

    QObject m_context; ///< receiver of the delayed launches: none runs once this is gone
    client::CoordinatorDirectory &m_directory;
    std::vector<std::unique_ptr<Wallet>> m_wallets;
    QSet<QString> m_tx0s;
    QSet<QString> m_mixTxids;
    QList<QPair<qint64, QString>> m_successes;
    int m_gaveUp = 0;
    QString m_lastGiveUp;
    int m_tip = 0;
    bool m_stopped = false;
};

// ---- the attacker ------------------------------------------------------------------------------

enum class Kind { Disconnect, NeverConfirm, DuplicateReveal, HighS, Sighash, DoubleSpendBlind, DoubleSpendSigned };

struct KindInfo {
    Kind kind;
    const char *key;
    const char *label;
    int inputs; ///< attacker inputs (Tx0s) it needs
};

const KindInfo kKinds[] = {
    {Kind::Disconnect, "disconnect", "disconnect after confirm", 1},
    {Kind::NeverConfirm, "noconfirm", "never confirm", 1},
    {Kind::DuplicateReveal, "dupreveal", "duplicate reveal (2 inputs)", 2},
    {Kind::HighS, "highs", "high-S signature", 1},
    {Kind::Sighash, "sighash", "sighash 0x81", 1},
    {Kind::DoubleSpendBlind, "dsblind", "double spend after blind sig.", 1},
    {Kind::DoubleSpendSigned, "dssign", "double spend before signature", 1},
};

/// One attacker input slot: the coins of its Tx0 and the HostileClient of the current attempt.
struct Slot {
    QList<test::HostileCoin> coins; ///< not spent yet
    int next = 0;
    HostileClient *client = nullptr; ///< owned by the attacker (QObject child)
    QString identifier;              ///< its blame identifier (the Tx0 txid)
};

/// A persistent attacker of one kind: every attempt that ends (FAIL, refusal, own
/// disconnect, CONFIRM_TIMEOUT) is followed by a new registration kRejoinMs later,
/// with the same coin ("1 coin") or the next coin of its Tx0 ("Tx0 of 10"), until it
/// has no unspent coin left or the run ends. Thread affinity: the bench thread.
class PersistentAttacker : public QObject {
public:
    PersistentAttacker(Kind kind, QList<Slot> slots, QUrl url, test::ClusterFixture &cluster, QString minerAddress,
                       HonestLoad &honest)
        : m_kind(kind), m_slots(std::move(slots)), m_url(std::move(url)), m_cluster(cluster),
          m_minerAddress(std::move(minerAddress)), m_honest(honest)
    {
    }

    void start()
    {
        for (int i = 0; i < m_slots.size(); ++i)
            launch(i);
    }
    void stop()
    {
        m_stopped = true;
        for (Slot &s : m_slots)
            if (s.client) {
                s.client->disconnect(this);
                s.client->disconnectNow();
            }
    }

    QStringList identifiers() const
    {
        QStringList out;
        for (const Slot &s : m_slots)
            out.append(s.identifier);
        return out;
    }
    /// Every slot has no coin left (all double-spent or mixed).
    bool exhausted() const
    {
        return std::all_of(m_slots.begin(), m_slots.end(), [](const Slot &s) { return s.coins.isEmpty(); });
    }
    /// When the last attempt of an exhausted() attacker ended (0: not exhausted).
    qint64 exhaustedAtMs() const { return m_exhaustedAtMs; }
    int attempts() const { return m_attempts; }
    int refusals() const { return m_refusals; }
    int bannedRefusals() const { return m_bannedRefusals; }
    int attackedMixes() const { return int(m_attackedMixes.size()); }
    int mixedCoins() const { return m_mixedCoins; }
    int doubleSpends() const { return m_doubleSpends; }
    QString lastError() const { return m_lastError; }
    /// Duplicate reveal: mixes in which both inputs were.
    int togetherMixes() const { return int(m_together.size()); }
    /// The chain height the next registrations announce.
    void setTip(int tip) { m_tip = tip; }

private:
    void launch(int i)
    {
        Slot &slot = m_slots[i];
        if (m_stopped || slot.coins.isEmpty())
            return;
        const test::HostileCoin coin = slot.coins[slot.next % slot.coins.size()];
        ++slot.next;
        if (slot.client && slot.client->coin().outpoint == coin.outpoint) {
            slot.client->start(); // the same coin registers again
        } else {
            if (slot.client) {
                slot.client->disconnect(this);
                slot.client->deleteLater();
            }
            test::HostileConfig config;
            config.coordinatorUrl = m_url;
            config.blockHeight = m_tip;
            slot.client = new HostileClient(config, coin, behaviour(i), this);
            connect(slot.client, &HostileClient::stepChanged, this,
                    [this, i, c = slot.client](HostileStep step) { onStep(i, c, step); });
            slot.client->start();
        }
        ++m_attempts;
    }

    test::HostileBehaviour behaviour(int i)
    {
        test::HostileBehaviour b;
        switch (m_kind) {
        case Kind::Disconnect:
            // At once: with a full queue a mix can reach SIGNING within half a second, and
            // a token holder that leaves after it signed breaks nothing.
            b.disconnectAt = HostileStep::Confirmed;
            break;
        case Kind::NeverConfirm:
            b.confirm = false;
            break;
        case Kind::DuplicateReveal:
            b.onRegisterOutput = [this, i](const QString &) { planReveal(i); };
            break;
        case Kind::HighS:
            b.sign = test::SignMode::HighS;
            break;
        case Kind::Sighash:
            b.sign = test::SignMode::SighashType;
            b.sighashType = 0x81;
            break;
        case Kind::DoubleSpendBlind:
            break; // see onStep(Confirmed)
        case Kind::DoubleSpendSigned:
            b.beforeSendingSignature = [this, i] { doubleSpend(i); };
            break;
        }
        return b;
    }

    /// Duplicate reveal: when both inputs are in the mix, slot 0 registers one address
    /// and both reveal it; an input alone registers nothing and reveals an address that
    /// is no registered output.
    void planReveal(int i)
    {
        HostileClient *me = m_slots[i].client;
        HostileClient *partner = m_slots[1 - i].client;
        const QString mixId = me->mixId();
        const bool together = partner && partner->mixId() == mixId;
        if (!m_sharedAddress.contains(mixId))
            m_sharedAddress.insert(mixId, HostileClient::freshAddress());
        const QString shared = m_sharedAddress.value(mixId);
        me->behaviour().registerOutput = together && i == 0;
        me->behaviour().outputAddress = shared;
        me->behaviour().revealAddress = shared;
        if (together)
            m_together.insert(mixId);
    }

    /// Double-spends (and mines) the coin of slot @p i; the coin leaves the rotation.
    void doubleSpend(int i)
    {
        Slot &slot = m_slots[i];
        HostileClient *c = slot.client;
        if (!c)
            return;
        auto spent = c->doubleSpend(m_cluster.node, m_minerAddress);
        if (spent) {
            ++m_doubleSpends;
            ++m_tip;
            m_honest.setTip(m_tip);
            dropCoin(slot, c->coin().outpoint);
        } else {
            m_lastError = spent.error().message;
        }
    }

    void dropCoin(Slot &slot, const btc::OutPoint &outpoint)
    {
        slot.coins.erase(std::remove_if(slot.coins.begin(), slot.coins.end(),
                                        [&](const test::HostileCoin &c) { return c.outpoint == outpoint; }),
                         slot.coins.end());
    }

    void onStep(int i, HostileClient *c, HostileStep step)
    {
        if (m_stopped || m_slots[i].client != c)
            return;
        if (step == HostileStep::Confirmed) {
            m_attackedMixes.insert(c->mixId());
            if (m_kind == Kind::DoubleSpendBlind)
                QTimer::singleShot(0, this, [this, i, c] {
                    if (!m_stopped && m_slots[i].client == c)
                        doubleSpend(i);
                });
            return;
        }
        const bool end = step == HostileStep::Success || step == HostileStep::MixFailed || step == HostileStep::Refused ||
                         step == HostileStep::Disconnected;
        if (!end)
            return;
        if (step == HostileStep::Success) {
            ++m_mixedCoins; // the attack did not stop this mix: the coin is spent
            dropCoin(m_slots[i], c->coin().outpoint);
        }
        if (exhausted() && !m_exhaustedAtMs)
            m_exhaustedAtMs = nowMs(); // its last attempt is over
        if (step == HostileStep::Refused) {
            ++m_refusals;
            if (c->lastError() && c->lastError()->errorCode == 612)
                ++m_bannedRefusals;
        }
        QTimer::singleShot(kRejoinMs, this, [this, i, c] {
            if (m_slots[i].client == c)
                launch(i);
        });
    }

    Kind m_kind;
    QList<Slot> m_slots;
    QUrl m_url;
    test::ClusterFixture &m_cluster;
    QString m_minerAddress;
    HonestLoad &m_honest;
    int m_tip = 0;
    bool m_stopped = false;
    qint64 m_exhaustedAtMs = 0;
    int m_attempts = 0;
    int m_refusals = 0;
    int m_bannedRefusals = 0;
    int m_mixedCoins = 0;
    int m_doubleSpends = 0;
    QSet<QString> m_attackedMixes;
    QSet<QString> m_together;
    QHash<QString, QString> m_sharedAddress;
    QString m_lastError;
};

// ---- the bench ---------------------------------------------------------------------------------

/// The results of one run.
struct RunResult {
    QString name;
    QString variant;
    double seconds = 0;
    int mixes = 0;
    double rate = 0;          ///< honest mixes per minute over the run
    double postRate = -1;     ///< ... after the ban (or exhaustion); -1: not measured
    QString postWhat;         ///< "banned", "coin spent", "not banned: last N s"
    double banSeconds = -1;   ///< time until banned; -1: not banned
    int attackerBlames = 0;
    QStringList attackerReasons;
    int honestBlames = 0;
    int otherBlames = 0;
    int attackedMixes = 0;
    int attempts = 0;
    int refusals612 = 0;
    QString note;
    bool pass = true;
};

struct Bench {
    test::ClusterFixture cluster;
    std::vector<std::unique_ptr<test::TestWallet>> wallets; ///< 0 mines; 1..6 honest; then attackers
    std::unique_ptr<client::CoordinatorDirectory> directory;
    std::unique_ptr<HonestLoad> honest;
    QString url;
    QMap<QString, QList<test::HostileCoin>> attackerCoins; ///< by Tx0 txid
    QList<QString> attackerTx0s;                          ///< in wallet order
    QSet<QString> usedAttackerTx0s;
    QFile csv;
    bool quick = false;
    int baselineMs = 90000;
    int postMs = 60000;
    int capMs = 180000;
    int confirmTickMs = 500;
    int honestWallets = 14;

    int tip() { return cluster.node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    void mine() { static_cast<void>(cluster.node.generateToAddress(1, wallets[0]->miningAddress())); }

    /// Blame rows (id, identifier, reason) with id > @p afterId.
    QList<QStringList> blamesAfter(qint64 afterId)
    {
        QList<QStringList> out;
        auto rows = cluster.sql().query("SELECT id, identifier, reason FROM blame WHERE id > ? ORDER BY id", {afterId});
        if (rows)
            for (const auto &row : *rows)
                out.append({row.toString(0).value_or(QString()), row.toString(1).value_or(QString()),
                            row.toString(2).value_or(QString())});
        return out;
    }
    qint64 lastBlameId()
    {
        auto row = cluster.sql().queryOne("SELECT COALESCE(MAX(id), 0) FROM blame");
        return row && row->has_value() ? (*row)->toString(0).value_or(QStringLiteral("0")).toLongLong() : 0;
    }
    bool isBanned(const QString &identifier)
    {
        auto row = cluster.sql().queryOne("SELECT 1 FROM ban WHERE identifier = ? AND "
                                          "(expiration IS NULL OR expiration > UTC_TIMESTAMP(6))",
                                          {identifier});
        return row && row->has_value();
    }

    /// Services, the coordinator, funded wallets, Tx0s (honest: @p honestCoins each;
    /// attackers: one Tx0 of 1 and one of 10 coins per attacker input of @p kinds).
    Result<void> setUp(int honestCoins, const QList<KindInfo> &kinds)
    {
        QElapsedTimer clock;
        clock.start();
        if (auto r = cluster.startServices(); !r)
            return r;
        int attackerWallets = 0;
        for (const KindInfo &k : kinds)
            attackerWallets += 2 * k.inputs;
        auto funded = test::fundedWallets(cluster.node, 1 + honestWallets + attackerWallets);
        if (!funded)
            return funded.error();
        wallets = std::move(*funded);
        if (auto r = cluster.start(QStringLiteral("alpha"), benchIni(std::max(honestCoins, 10), confirmTickMs)); !r)
            return fail(QStringLiteral("coordinator: %1").arg(r.error().message));
        url = cluster.url(QStringLiteral("alpha"));
        client::DirectoryConfig config;
        config.network = btc::Network::Regtest;
        config.bootstrap.append(proto::ClusterInstance{{}, QStringLiteral("alpha"), url, {}});
        directory = std::make_unique<client::CoordinatorDirectory>(config);

        QList<QString> honestTx0s;
        for (int i = 1; i < int(wallets.size()); ++i) {
            const bool isHonest = i <= honestWallets;
            // Attacker wallets alternate: a Tx0 of 1 coin, a Tx0 of 10 coins.
            const int outputs = isHonest ? honestCoins : ((i - honestWallets - 1) % 2 == 0 ? 1 : 10);
            auto tx0 = wallets[size_t(i)]->tx0(url, test::kAdvPool, outputs);
            if (!tx0)
                return fail(QStringLiteral("Tx0 of wallet %1: %2").arg(i).arg(tx0.error().message));
            (isHonest ? honestTx0s : attackerTx0s).append(tx0->toHex());
        }
        mine();
        const int height = tip();
        honest = std::make_unique<HonestLoad>(*directory);
        honest->setTip(height);
        for (int i = 1; i <= honestWallets; ++i) {
            const QList<client::Utxo> coins = wallets[size_t(i)]->coins(client::WalletAccount::Premix);
            if (coins.size() < honestCoins)
                return fail(QStringLiteral("honest wallet %1 has %2 premix coins").arg(i).arg(coins.size()));
            honest->add(wallets[size_t(i)].get(), coins, honestTx0s[i - 1]);
        }
        for (int i = honestWallets + 1; i < int(wallets.size()); ++i) {
            test::TestWallet &w = *wallets[size_t(i)];
            const QString tx0 = attackerTx0s[i - honestWallets - 1];
            for (const client::Utxo &u : w.coins(client::WalletAccount::Premix)) {
                const auto path = w.book().find(u.script);
                if (path)
                    attackerCoins[tx0].append(test::HostileCoin::fromKey(u.outpoint, u.value, *w.book().keys().privKey(*path)));
            }
        }
        std::printf("set-up: MariaDB, bcoin, 1 coordinator, %d wallets, %d honest Tx0s of %d coins, %d attacker Tx0s: "
                    "%.0f s\n",
                    int(wallets.size()) - 1, honestWallets, honestCoins, int(attackerTx0s.size()), clock.elapsed() / 1e3);
        std::fflush(stdout);
        return {};
    }

    /// The attacker slots of one run: the next @p inputs attacker Tx0s of @p size coins.
    QList<Slot> takeSlots(int inputs, int size)
    {
        QList<Slot> out;
        for (const QString &tx0 : attackerTx0s) {
            const QList<test::HostileCoin> coins = attackerCoins.value(tx0);
            if (out.size() == inputs || usedAttackerTx0s.contains(tx0) || coins.size() != size)
                continue;
            usedAttackerTx0s.insert(tx0);
            Slot s;
            s.coins = coins;
            s.identifier = tx0;
            out.append(s);
        }
        return out;
    }

    void csvRow(const RunResult &r)
    {
        csv.write(QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13,%14,%15\n")
                      .arg(r.name, r.variant)
                      .arg(r.seconds, 0, 'f', 1)
                      .arg(r.mixes)
                      .arg(r.rate, 0, 'f', 2)
                      .arg(r.postRate, 0, 'f', 2)
                      .arg(r.postWhat)
                      .arg(r.banSeconds, 0, 'f', 1)
                      .arg(r.attackerBlames)
                      .arg(r.attackerReasons.join(QLatin1Char(' ')))
                      .arg(r.honestBlames)
                      .arg(r.otherBlames)
                      .arg(r.attackedMixes)
                      .arg(r.refusals612)
                      .arg(r.pass ? QStringLiteral("pass") : QStringLiteral("MISS"))
                      .toUtf8());
        csv.flush();
    }
};

/// Honest mixes per minute in [@p from, @p to).
double perMinute(const HonestLoad &h, qint64 from, qint64 to)
{
    return to > from ? h.mixesIn(from, to) * 60000.0 / double(to - from) : 0;
}

RunResult baseline(Bench &b)
{
    RunResult r;
    r.name = QStringLiteral("baseline");
    r.variant = QStringLiteral("-");
    const qint64 mark = b.lastBlameId();
    const qint64 from = nowMs();
    (void)waitFor([] { return false; }, b.baselineMs, 200);
    const qint64 to = nowMs();
    r.seconds = (to - from) / 1e3;
    r.mixes = b.honest->mixesIn(from, to);
    r.rate = perMinute(*b.honest, from, to);
    r.postRate = r.rate;
    r.postWhat = QStringLiteral("no attacker");
    for (const QStringList &row : b.blamesAfter(mark))
        (b.honest->isHonest(row[1]) ? r.honestBlames : r.otherBlames)++;
    r.pass = r.honestBlames == 0 && r.mixes > 0;
    return r;
}

RunResult attackRun(Bench &b, const KindInfo &kind, bool tx0Variant)
{
    RunResult r;
    r.name = QLatin1String(kind.key);
    r.variant = tx0Variant ? QStringLiteral("tx0of10") : QStringLiteral("1coin");
    QList<Slot> slots = b.takeSlots(kind.inputs, tx0Variant ? 10 : 1);
    if (slots.size() != kind.inputs) {
        r.note = QStringLiteral("no attacker coins left");
        r.pass = false;
        return r;
    }
    const int height = b.tip();
    b.honest->setTip(height);
    const qint64 mark = b.lastBlameId();
    PersistentAttacker attacker(kind.kind, slots, QUrl(b.url), b.cluster, b.wallets[0]->miningAddress(), *b.honest);
    attacker.setTip(height);
    const QStringList ids = attacker.identifiers();
    QSet<QString> idSet;
    for (const QString &id : ids)
        idSet.insert(id.toLower());

    const qint64 from = nowMs();
    attacker.start();
    qint64 bannedAt = 0;
    QElapsedTimer banPoll;
    banPoll.start();
    (void)waitFor(
        [&] {
            const qint64 now = nowMs();
            if (!bannedAt && banPoll.elapsed() >= 250) {
                banPoll.restart();
                if (std::all_of(ids.begin(), ids.end(), [&](const QString &id) { return b.isBanned(id); }))
                    bannedAt = now;
            }
            const qint64 neutralised = bannedAt ? bannedAt : attacker.exhaustedAtMs();
            if (neutralised)
                return now - neutralised >= kRecoveryMs + b.postMs;
            return now - from >= b.capMs; // the cap: for an attacker still in play
        },
        b.capMs + kRecoveryMs + b.postMs + 10000, 50);
    const qint64 to = nowMs();
    attacker.stop();

    r.seconds = (to - from) / 1e3;
    r.mixes = b.honest->mixesIn(from, to);
    r.rate = perMinute(*b.honest, from, to);
    qint64 postFrom = 0;
    if (bannedAt) {
        r.banSeconds = (bannedAt - from) / 1e3;
        postFrom = std::min(to, bannedAt + kRecoveryMs);
        r.postWhat = QStringLiteral("banned");
    } else if (attacker.exhaustedAtMs()) {
        postFrom = std::min(to, attacker.exhaustedAtMs() + kRecoveryMs);
        r.postWhat = QStringLiteral("no coin left");
    } else {
        postFrom = std::max(from, to - b.postMs);
        r.postWhat = QStringLiteral("not banned: last %1 s").arg((to - postFrom) / 1000);
    }
    r.postRate = perMinute(*b.honest, postFrom, to);
    r.attackedMixes = attacker.attackedMixes();
    r.attempts = attacker.attempts();
    r.refusals612 = attacker.bannedRefusals();

    // Blames written during the run and a moment after it (a FAIL the attacker caused may be written late).
    (void)waitFor([] { return false; }, 1500, 100);
    for (const QStringList &row : b.blamesAfter(mark)) {
        const QString id = row[1].toLower();
        if (idSet.contains(id.left(64)) || idSet.contains(id)) {
            ++r.attackerBlames;
            r.attackerReasons.append(row[2]);
        } else if (b.honest->isHonest(id)) {
            ++r.honestBlames;
        } else {
            ++r.otherBlames;
        }
    }
    r.attackerReasons.removeDuplicates();
    QStringList notes;
    if (kind.kind == Kind::DuplicateReveal)
        notes.append(QStringLiteral("both inputs in %1 mixes").arg(attacker.togetherMixes()));
    if (attacker.mixedCoins())
        notes.append(QStringLiteral("%1 attacker coins mixed").arg(attacker.mixedCoins()));
    if (attacker.doubleSpends())
        notes.append(QStringLiteral("%1 double spends").arg(attacker.doubleSpends()));
    if (!attacker.lastError().isEmpty())
        notes.append(attacker.lastError());
    r.note = notes.join(QStringLiteral("; "));
    return r;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("wp.*.info=false\nwp.*.warning=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Honest mixes per minute under one persistent attacker of each kind"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("quick"), QStringLiteral("short windows (about 8 minutes in all)")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("CSV output (default bench-attack.csv)"), QStringLiteral("FILE"),
                      QStringLiteral("bench-attack.csv")});
    parser.addOption({QStringLiteral("only"),
                      QStringLiteral("attack kinds to run, comma-separated: disconnect, noconfirm, dupreveal, highs, "
                                     "sighash, dsblind, dssign (default: all; --quick: all but dssign)"),
                      QStringLiteral("kinds")});
    parser.addOption({QStringLiteral("coins"), QStringLiteral("premix coins per honest wallet (default and most 600, --quick 300)"),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("log"), QStringLiteral("write the coordinator's log to FILE at the end"),
                      QStringLiteral("FILE")});
    parser.process(app);

    Bench b;
    b.quick = parser.isSet(QStringLiteral("quick"));
    if (b.quick) {
        b.baselineMs = 20000;
        b.postMs = 15000;
        b.capMs = 35000;
        b.honestWallets = 8;
    }
    const int honestCoins =
        std::clamp(parser.isSet(QStringLiteral("coins")) ? parser.value(QStringLiteral("coins")).toInt() : (b.quick ? 300 : client::kMaxPremixOutputs),
                   10, client::kMaxPremixOutputs);
    QList<KindInfo> kinds;
    const QStringList only = parser.value(QStringLiteral("only")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const KindInfo &k : kKinds)
        if (only.isEmpty() ? !(b.quick && k.kind == Kind::DoubleSpendSigned) : only.contains(QLatin1String(k.key)))
            kinds.append(k);
    if (kinds.isEmpty()) {
        std::fprintf(stderr, "bench_attack: --only names no known kind\n");
        return 1;
    }
    b.csv.setFileName(parser.value(QStringLiteral("csv")));
    if (!b.csv.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "bench_attack: cannot write %s\n", qPrintable(b.csv.fileName()));
        return 1;
    }
    b.csv.write("run,variant,seconds,honest_mixes,mixes_per_min,post_ban_mixes_per_min,post_window,time_to_ban_s,"
                "attacker_blames,attacker_reasons,honest_blames,unexplained_blames,attacked_mixes,refused_banned,result\n");

    std::printf("load average before: %s\n", qPrintable(loadAverage()));
    if (auto r = b.setUp(honestCoins, kinds); !r) {
        std::fprintf(stderr, "bench_attack: cannot start: %s\n", qPrintable(r.error().message));
        return 1;
    }

    // Warm up: the honest load runs until two mixes went through.
    b.honest->start();
    if (!waitFor([&] { return b.honest->mixes() >= 2; }, 60000, 100)) {
        std::fprintf(stderr, "bench_attack: the honest wallets do not mix (%d mixes in 60 s)\n%s\n", b.honest->mixes(),
                     qPrintable(b.cluster.logText(QStringLiteral("alpha")).right(3000)));
        return 1;
    }

    // The baseline is measured before and after the attacks (the machine's load may drift
    // over the run); the targets compare with both windows together.
    QList<RunResult> results;
    RunResult before = baseline(b);
    before.name = QStringLiteral("baseline (before)");
    std::printf("baseline before the attacks: %d honest mixes in %.0f s = %.1f mixes/min\n", before.mixes, before.seconds,
                before.rate);
    std::fflush(stdout);

    for (const KindInfo &kind : kinds) {
        for (bool tx0Variant : {false, true}) {
            b.mine(); // keeps the mempool short between runs
            const RunResult r = attackRun(b, kind, tx0Variant);
            results.append(r);
            std::printf("%-30s %-8s %5.0f s: %3d mixes, %5.1f /min; after %s: %5.1f /min; "
                        "banned after %s; attacker blames %d [%s], honest blames %d, unexplained %d; "
                        "%d attempts, %d attacked mixes, %d refusals 612%s%s\n",
                        kind.label, qPrintable(r.variant), r.seconds, r.mixes, r.rate,
                        qPrintable(r.postWhat), r.postRate,
                        r.banSeconds >= 0 ? qPrintable(QStringLiteral("%1 s").arg(r.banSeconds, 0, 'f', 1)) : "never",
                        r.attackerBlames, qPrintable(r.attackerReasons.join(QLatin1Char(','))), r.honestBlames,
                        r.otherBlames, r.attempts, r.attackedMixes, r.refusals612, r.note.isEmpty() ? "" : "; ",
                        qPrintable(r.note));
            std::fflush(stdout);
            // Let the pool settle (a mix the stopped attacker was in fails and restarts).
            (void)waitFor([] { return false; }, 3000, 200);
        }
    }
    RunResult after = baseline(b);
    after.name = QStringLiteral("baseline (after)");
    std::printf("baseline after the attacks: %d honest mixes in %.0f s = %.1f mixes/min\n", after.mixes, after.seconds,
                after.rate);
    RunResult base = before;
    base.name = QStringLiteral("baseline");
    base.seconds = before.seconds + after.seconds;
    base.mixes = before.mixes + after.mixes;
    base.rate = base.postRate = base.mixes * 60.0 / base.seconds;
    base.honestBlames = before.honestBlames + after.honestBlames;
    base.otherBlames = before.otherBlames + after.otherBlames;
    base.pass = before.pass && after.pass;
    results.prepend(base);
    results.insert(1, before);
    results.insert(2, after);
    for (RunResult &r : results) {
        if (!r.name.startsWith(QLatin1String("baseline")))
            r.pass = r.honestBlames == 0 && base.rate > 0 && r.postRate >= kPostBanTarget * base.rate;
        b.csvRow(r);
    }
    b.honest->stop();
    if (parser.isSet(QStringLiteral("log"))) {
        QFile log(parser.value(QStringLiteral("log")));
        if (log.open(QIODevice::WriteOnly | QIODevice::Truncate))
            log.write(b.cluster.logText(QStringLiteral("alpha")).toUtf8());
    }

    const bool coinsOut = b.honest->walletsOutOfCoins() > 0;
    std::printf("\nbaseline %.1f honest mixes/min; target: after the ban >= %.0f %% of it, 0 honest blames; "
                "[ban] blames = %d\n",
                base.rate, 100 * kPostBanTarget, kBlamesToBan);
    std::printf("%-30s %-8s %8s %6s %9s %6s %-22s %8s %8s %7s %s\n", "attack", "coins", "mix/min", "ratio", "post-ban",
                "ratio", "post window", "ban (s)", "blames", "honest", "result");
    bool allPass = !coinsOut && b.honest->gaveUp() == 0;
    for (const RunResult &r : results) {
        QString label = r.name;
        for (const KindInfo &k : kKinds)
            if (r.name == QLatin1String(k.key))
                label = QLatin1String(k.label);
        std::printf("%-30s %-8s %8.1f %5.0f%% %9.1f %5.0f%% %-22s %8s %8d %7d %s\n", qPrintable(label.left(30)),
                    qPrintable(r.variant), r.rate, 100 * r.rate / base.rate, r.postRate, 100 * r.postRate / base.rate,
                    qPrintable(r.postWhat.left(22)),
                    r.banSeconds >= 0 ? qPrintable(QString::number(r.banSeconds, 'f', 1)) : "-", r.attackerBlames,
                    r.honestBlames, r.pass ? "pass" : "MISS");
        allPass = allPass && r.pass;
    }
    if (b.honest->gaveUp())
        std::printf("MISS: %d honest coins gave up (last: %s)\n", b.honest->gaveUp(), qPrintable(b.honest->lastGiveUp()));
    if (coinsOut)
        std::printf("MISS: %d honest wallets ran out of premix coins (raise --coins)\n", b.honest->walletsOutOfCoins());
    std::printf("CSV: %s\n", qPrintable(b.csv.fileName()));
    return allPass ? 0 : 2;
}
