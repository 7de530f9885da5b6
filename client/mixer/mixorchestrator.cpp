#include <mixer/mixorchestrator.h>

#include <mixer/logging.h>
#include <protocol/messages.h>
#include <util/assert.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace wp::client {

namespace {

/// Adapts a ResilientMixSession to the orchestrator's MixAttempt.
class ResilientAttempt : public MixAttempt {
public:
    ResilientAttempt(MixConfig config, MixUtxo utxo, std::shared_ptr<MixWallet> wallet, CoordinatorDirectory *directory,
                     ResilienceConfig resilience)
        : m_session(std::move(config), std::move(utxo), std::move(wallet), directory, resilience, this)
    {
        connect(&m_session, &ResilientMixSession::stepChanged, this, &MixAttempt::stepChanged);
        connect(&m_session, &ResilientMixSession::succeeded, this, &MixAttempt::succeeded);
        connect(&m_session, &ResilientMixSession::failed, this, &MixAttempt::failed);
        connect(&m_session, &ResilientMixSession::coordinatorChanged, this, &MixAttempt::coordinatorChanged);
        connect(&m_session, &ResilientMixSession::retrying, this, [this](const QString &message, int delayMs) {
            Q_EMIT note(MixOrchestrator::tr("%1; trying again in %2 s").arg(message).arg((delayMs + 999) / 1000));
        });
        connect(&m_session, &ResilientMixSession::event, this,
                [this](const DirectoryEvent &e) { Q_EMIT note(e.message); });
    }
    void start() override { m_session.start(); }
    void stop() override { m_session.stop(); }

private:
    ResilientMixSession m_session;
};

} // namespace

QString coinMixStateName(CoinMixState state)
{
    switch (state) {
    case CoinMixState::Idle: return QStringLiteral("IDLE");
    case CoinMixState::Queued: return QStringLiteral("QUEUED");
    case CoinMixState::Mixing: return QStringLiteral("MIXING");
    case CoinMixState::Waiting: return QStringLiteral("WAITING");
    case CoinMixState::Mixed: return QStringLiteral("MIXED");
    case CoinMixState::Blocked: return QStringLiteral("BLOCKED");
    }
    return QStringLiteral("UNKNOWN");
}

MixFailureAdvice adviceForFailure(MixFailReason reason, int code, const QString &message)
{
    MixFailureAdvice a;
    switch (reason) {
    case MixFailReason::Cancel:
    case MixFailReason::Stop:
        a.explanation = MixOrchestrator::tr("Mixing stopped.");
        a.retry = false;
        return a;
    case MixFailReason::MixFailed:
        a.explanation = MixOrchestrator::tr("The mix round failed (another participant left or was too slow). Nobody took your coin.");
        a.advice = MixOrchestrator::tr("Nothing to do: it joins the next round.");
        return a;
    case MixFailReason::Disconnected:
        a.explanation = MixOrchestrator::tr("No coordinator instance could be reached.");
        a.advice = MixOrchestrator::tr("Check your internet connection or Tor proxy in Settings; retrying by itself.");
        return a;
    case MixFailReason::InputRejected:
        if (code == proto::error::kInputBanned) {
            a.explanation = MixOrchestrator::tr("The coordinator has banned this coin for a while: %1").arg(message);
            a.advice = MixOrchestrator::tr("Coins are banned after they disappear from mixes several times (closed app, lost "
                          "connection during signing). Keep the app online while mixing; retrying later.");
            a.longPause = true;
            return a;
        }
        a.explanation = MixOrchestrator::tr("The coordinator refused this coin: %1").arg(message);
        a.advice = MixOrchestrator::tr("If the coin is unconfirmed, wait for a confirmation; retrying by itself.");
        return a;
    case MixFailReason::ProtocolMismatch:
        a.explanation = MixOrchestrator::tr("This coordinator speaks another protocol version.");
        a.advice = MixOrchestrator::tr("Update the app.");
        a.retry = false;
        return a;
    case MixFailReason::KeyMismatch:
        a.explanation = MixOrchestrator::tr("The coordinator showed this coin another mix key than the one it publishes: this could "
                           "be an attempt to identify you. The coin was not mixed.");
        a.advice = MixOrchestrator::tr("Mixing of this coin is paused for your safety. Start it again only if it keeps happening "
                      "nowhere else, and tell the operator.");
        a.retry = false;
        return a;
    case MixFailReason::PoolMismatch:
        a.explanation = MixOrchestrator::tr("The pool's network, denomination or fees differ from what this coin was made for.");
        a.advice = MixOrchestrator::tr("Check the bootstrap list in Settings (wrong network or a foreign coordinator?).");
        a.retry = false;
        return a;
    case MixFailReason::InvalidTransaction:
        a.explanation = MixOrchestrator::tr("The coordinator proposed a mix transaction that does not pay you correctly, so it "
                           "was not signed. Your coin is safe.");
        a.advice = MixOrchestrator::tr("Mixing of this coin is paused; start it again to retry.");
        a.retry = false;
        return a;
    case MixFailReason::InternalError:
        a.explanation = MixOrchestrator::tr("The wallet could not complete the mix: %1").arg(message);
        a.advice = MixOrchestrator::tr("Retrying by itself; if it persists, restart the app.");
        return a;
    }
    a.explanation = message;
    return a;
}

MixAttemptFactory resilientAttemptFactory(MixConfig base, QHash<QString, btc::Amount> denominations,
                                          std::shared_ptr<MixWallet> wallet, CoordinatorDirectory *directory,
                                          std::function<int()> blockHeight, ResilienceConfig resilience)
{
    return [=](const MixableCoin &coin) -> MixAttempt * {
        MixConfig config = base;
        config.poolId = coin.poolId;
        config.denomination = denominations.value(coin.poolId);
        if (blockHeight)
            config.blockHeight = blockHeight; // read again at each input registration
        return new ResilientAttempt(config, MixUtxo{coin.outpoint, coin.value, coin.scriptPubKey}, wallet, directory,
                                    resilience);
    };
}

MixOrchestrator::MixOrchestrator(MixAttemptFactory factory, OrchestratorConfig config, QObject *parent)
    : QObject(parent), m_factory(std::move(factory)), m_config(config),
      m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    WP_ASSERT(m_factory);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &MixOrchestrator::pump);
}

MixOrchestrator::~MixOrchestrator()
{
    // Stop sessions quietly: nobody listens any more.
    const auto attempts = m_attempts;
    m_attempts.clear();
    for (MixAttempt *attempt : attempts) {
        attempt->disconnect(this);
        attempt->stop();
        delete attempt;
    }
}

void MixOrchestrator::setConfig(const OrchestratorConfig &config)
{
    m_config = config;
    pump();
}

void MixOrchestrator::setClock(std::function<qint64()> now)
{
    WP_ASSERT(now);
    m_now = std::move(now);
}

QString MixOrchestrator::shortName(const btc::OutPoint &outpoint)
{
    return outpoint.txid.toHex().left(8) + QLatin1Char(':') + QString::number(outpoint.index);
}

bool MixOrchestrator::wantsMixing(const Entry &entry) const
{
    if (!m_running || entry.userStopped)
        return false;
    if (!entry.status.coin.postmix)
        return m_config.autoMix;
    return m_config.autoRemix && (m_config.remixTarget <= 0 || entry.status.mixesDone < m_config.remixTarget);
}

void MixOrchestrator::setCoins(const QList<MixableCoin> &coins)
{
    QSet<btc::OutPoint> present;
    QList<btc::OutPoint> order;
    for (const MixableCoin &coin : coins) {
        present.insert(coin.outpoint);
        order.append(coin.outpoint);
        auto it = m_entries.find(coin.outpoint);
        if (it != m_entries.end()) {
            it->status.coin = coin;
            continue;
        }
        Entry entry;
        entry.status.coin = coin;
        if (const auto count = m_countByMixTxid.constFind(coin.outpoint.txid.toHex()); count != m_countByMixTxid.cend())
            entry.status.mixesDone = *count;
        else
            entry.status.mixesDone = m_restoredCounts.value(coin.outpoint, coin.postmix ? 1 : 0);
        entry.userStopped = m_restoredStopped.contains(coin.outpoint);
        it = m_entries.insert(coin.outpoint, entry);
        if (wantsMixing(*it))
            queue(*it);
    }
    // Spent coins leave (a running session for one is stopped: its coin is gone), except
    // one spent by its own mix: the coordinator broadcasts before SUCCESS reaches us, so a
    // sync can see the coin spent first. It stays until its session ends, so that the
    // success (history, the count of the new coin) is not lost.
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const bool signedMix = it->status.step == MixStep::Signing || it->status.step == MixStep::Signed;
        if (present.contains(it.key()) || (signedMix && m_attempts.contains(it.key()))) {
            ++it;
            continue;
        }
        if (MixAttempt *attempt = m_attempts.take(it.key())) {
            attempt->disconnect(this);
            attempt->stop();
            attempt->deleteLater();
        }
        it = m_entries.erase(it);
    }
    m_order = order;
    Q_EMIT coinsChanged();
    Q_EMIT stateChanged();
    pump();
}

void MixOrchestrator::queue(Entry &entry)
{
    entry.status.state = CoinMixState::Queued;
    entry.status.progress = 0;
    entry.status.stepMessage = tr("Waiting for a free mixing slot");
    entry.queuedAt = ++m_queueSerial;
    changed(entry);
}

bool MixOrchestrator::start(const btc::OutPoint &outpoint)
{
    auto it = m_entries.find(outpoint);
    if (it == m_entries.end())
        return false;
    const bool wasStopped = it->userStopped;
    it->userStopped = false;
    it->failures = 0;
    if (it->status.state != CoinMixState::Mixing && it->status.state != CoinMixState::Mixed)
        queue(*it);
    if (wasStopped)
        Q_EMIT stateChanged();
    pump();
    return true;
}

bool MixOrchestrator::stop(const btc::OutPoint &outpoint)
{
    auto it = m_entries.find(outpoint);
    if (it == m_entries.end())
        return false;
    it->userStopped = true;
    if (MixAttempt *attempt = m_attempts.take(outpoint)) {
        attempt->disconnect(this);
        attempt->stop();
        attempt->deleteLater();
    }
    if (it->status.state != CoinMixState::Mixed) {
        it->status.state = CoinMixState::Idle;
        it->status.progress = 0;
        it->status.stepMessage = tr("Stopped");
        changed(*it);
    }
    Q_EMIT stateChanged();
    pump();
    return true;
}

void MixOrchestrator::startAll()
{
    m_running = true;
    for (const btc::OutPoint &outpoint : std::as_const(m_order))
        start(outpoint);
}

void MixOrchestrator::stopAll()
{
    m_running = false;
    for (const btc::OutPoint &outpoint : std::as_const(m_order))
        stop(outpoint);
}

void MixOrchestrator::pump()
{
    const qint64 t = now();
    // Back-offs that are over: queue again.
    for (Entry &entry : m_entries)
        if (entry.status.state == CoinMixState::Waiting && entry.status.retryAtMs <= t)
            queue(entry);
    // Free slots: premix coins first (they wait for their first mix), then by queue order.
    while (m_running && int(m_attempts.size()) < m_config.maxConcurrent) {
        Entry *next = nullptr;
        for (Entry &entry : m_entries) {
            if (entry.status.state != CoinMixState::Queued)
                continue;
            if (!next || (entry.status.coin.postmix != next->status.coin.postmix ? !entry.status.coin.postmix
                                                                                 : entry.queuedAt < next->queuedAt))
                next = &entry;
        }
        if (!next)
            break;
        launch(*next);
    }
    armRetryTimer();
}

void MixOrchestrator::armRetryTimer()
{
    std::optional<qint64> soonest;
    for (const Entry &entry : std::as_const(m_entries))
        if (entry.status.state == CoinMixState::Waiting)
            soonest = std::min(soonest.value_or(entry.status.retryAtMs), entry.status.retryAtMs);
    if (!soonest) {
        m_retryTimer.stop();
        return;
    }
    m_retryTimer.start(int(std::clamp<qint64>(*soonest - now(), 0, 24LL * 3600 * 1000)));
}

void MixOrchestrator::launch(Entry &entry)
{
    const btc::OutPoint outpoint = entry.status.coin.outpoint;
    MixAttempt *attempt = m_factory(entry.status.coin);
    WP_ASSERT(attempt);
    attempt->setParent(this);
    m_attempts.insert(outpoint, attempt);
    entry.status.state = CoinMixState::Mixing;
    entry.status.step = MixStep::Connecting;
    entry.status.progress = mixStepInfo(MixStep::Connecting).progress;
    entry.status.stepMessage = tr(mixStepInfo(MixStep::Connecting).message);
    changed(entry);
    connect(attempt, &MixAttempt::stepChanged, this, [this, outpoint](MixStep step, const QString &, int progress) {
        auto it = m_entries.find(outpoint);
        if (it == m_entries.end())
            return;
        it->status.step = step;
        it->status.progress = progress;
        it->status.stepMessage = tr(mixStepInfo(step).message);
        changed(*it);
    });
    connect(attempt, &MixAttempt::coordinatorChanged, this, [this, outpoint](const QString &name, const QUrl &) {
        auto it = m_entries.find(outpoint);
        if (it == m_entries.end())
            return;
        it->status.instance = name;
        changed(*it);
    });
    connect(attempt, &MixAttempt::note, this,
            [this, outpoint](const QString &message) { Q_EMIT note(QStringLiteral("%1: %2").arg(shortName(outpoint), message)); });
    connect(attempt, &MixAttempt::succeeded, this, [this, outpoint](const QString &txid) { onSucceeded(outpoint, txid); });
    connect(attempt, &MixAttempt::failed, this,
            [this, outpoint](MixFailReason reason, const QString &message, int code) {
                onFailed(outpoint, reason, message, code);
            });
    attempt->start();
}

void MixOrchestrator::onAttemptFinished(const btc::OutPoint &outpoint)
{
    if (MixAttempt *attempt = m_attempts.take(outpoint)) {
        attempt->disconnect(this);
        attempt->deleteLater();
    }
}

void MixOrchestrator::onSucceeded(const btc::OutPoint &outpoint, const QString &txid)
{
    onAttemptFinished(outpoint);
    ++m_succeeded;
    auto it = m_entries.find(outpoint);
    if (it != m_entries.end()) {
        const int count = it->status.mixesDone + 1;
        m_countByMixTxid.insert(txid, std::max(count, m_countByMixTxid.value(txid)));
        it->failures = 0;
        it->status.state = CoinMixState::Mixed;
        it->status.step = MixStep::Success;
        it->status.progress = 100;
        it->status.stepMessage = tr("Mixed: the new coin appears after the next sync");
        it->status.lastError.clear();
        it->status.advice.clear();
        it->status.lastErrorCode = 0;
        it->status.lastTxid = txid;
        changed(*it);
    }
    Q_EMIT note(tr("%1 mixed in %2").arg(shortName(outpoint), txid));
    Q_EMIT mixSucceeded(outpoint, txid);
    Q_EMIT stateChanged();
    pump();
}

void MixOrchestrator::onFailed(const btc::OutPoint &outpoint, MixFailReason reason, const QString &message, int code)
{
    onAttemptFinished(outpoint);
    auto it = m_entries.find(outpoint);
    if (it == m_entries.end())
        return pump();
    const MixFailureAdvice advice = adviceForFailure(reason, code, message);
    Entry &entry = *it;
    entry.status.progress = 0;
    entry.status.lastError = advice.explanation;
    entry.status.advice = advice.advice;
    entry.status.lastErrorCode = code;
    if (reason == MixFailReason::Stop || reason == MixFailReason::Cancel) {
        entry.status.state = CoinMixState::Idle;
        entry.status.stepMessage = tr("Stopped");
    } else if (!advice.retry) {
        entry.status.state = CoinMixState::Blocked;
        entry.status.stepMessage = tr("Needs your attention");
        Q_EMIT note(tr("%1 paused: %2").arg(shortName(outpoint), advice.explanation));
    } else {
        ++entry.failures;
        qint64 delay = m_config.retryMaxMs;
        if (!advice.longPause) {
            delay = m_config.retryMinMs;
            for (int i = 1; i < entry.failures && delay < m_config.retryMaxMs; ++i)
                delay *= 2;
            delay = std::min<qint64>(delay, m_config.retryMaxMs);
        }
        entry.status.state = CoinMixState::Waiting;
        entry.status.retryAtMs = now() + delay;
        entry.status.stepMessage = tr("Retrying in %1 s").arg((delay + 999) / 1000);
        Q_EMIT note(tr("%1 failed: %2 Retrying in %3 s.").arg(shortName(outpoint), advice.explanation).arg((delay + 999) / 1000));
    }
    changed(entry);
    pump();
}

void MixOrchestrator::changed(const Entry &entry) { Q_EMIT coinChanged(entry.status); }

QList<CoinStatus> MixOrchestrator::coins() const
{
    QList<CoinStatus> out;
    for (const btc::OutPoint &outpoint : m_order)
        if (const auto it = m_entries.constFind(outpoint); it != m_entries.cend())
            out.append(it->status);
    return out;
}

std::optional<CoinStatus> MixOrchestrator::status(const btc::OutPoint &outpoint) const
{
    const auto it = m_entries.constFind(outpoint);
    if (it == m_entries.cend())
        return std::nullopt;
    return it->status;
}

QJsonObject MixOrchestrator::saveState() const
{
    QJsonObject counts;
    QJsonArray stopped;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->status.mixesDone > 0)
            counts.insert(it.key().toString(), it->status.mixesDone);
        if (it->userStopped)
            stopped.append(it.key().toString());
    }
    // Counts of mixes whose outputs the wallet has not seen yet.
    QJsonObject pending;
    for (auto it = m_countByMixTxid.cbegin(); it != m_countByMixTxid.cend(); ++it)
        pending.insert(it.key(), it.value());
    return {{QStringLiteral("version"), 1},
            {QStringLiteral("mixCounts"), counts},
            {QStringLiteral("mixTxCounts"), pending},
            {QStringLiteral("stopped"), stopped}};
}

void MixOrchestrator::restoreState(const QJsonObject &state)
{
    auto parseOutpoint = [](const QString &text) -> std::optional<btc::OutPoint> {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const uint index = text.mid(colon + 1).toUInt(&ok);
        const auto txid = btc::Txid::fromHex(text.left(colon));
        if (colon <= 0 || !ok || !txid)
            return std::nullopt;
        return btc::OutPoint{*txid, index};
    };
    const QJsonObject counts = state.value(QStringLiteral("mixCounts")).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (const auto outpoint = parseOutpoint(it.key()); outpoint && it.value().toInt() > 0)
            m_restoredCounts.insert(*outpoint, std::min(it.value().toInt(), 1'000'000));
    const QJsonObject pending = state.value(QStringLiteral("mixTxCounts")).toObject();
    for (auto it = pending.begin(); it != pending.end(); ++it)
        if (btc::Txid::fromHex(it.key()) && it.value().toInt() > 0)
            m_countByMixTxid.insert(it.key().toLower(), std::min(it.value().toInt(), 1'000'000));
    for (const QJsonValue &v : state.value(QStringLiteral("stopped")).toArray())
        if (const auto outpoint = parseOutpoint(v.toString()))
            m_restoredStopped.insert(*outpoint);
    // Coins already known take their saved state now.
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (const auto count = m_restoredCounts.constFind(it.key()); count != m_restoredCounts.cend())
            it->status.mixesDone = *count;
        if (m_restoredStopped.contains(it.key()) && !it->userStopped)
            stop(it.key());
        else
            changed(*it);
    }
}

} // namespace wp::client
