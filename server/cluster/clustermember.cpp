#include "clustermember.h"

#include "clusterlogging.h"
#include "leasecycle.h"
#include "leasestore.h"

#include <crypto/random.h>
#include <db/database.h>
#include <util/assert.h>
#include <util/hex.h>

#include <QJsonDocument>
#include <QPointer>

#include <algorithm>

namespace wp::server::cluster {

namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

qint64 toUs(SteadyTime t)
{
    return duration_cast<microseconds>(t.time_since_epoch()).count();
}

qint64 toUs(milliseconds d)
{
    return duration_cast<microseconds>(d).count();
}

/// Whole milliseconds until @p t, rounded up (a timer must not fire before it).
int msUntil(SteadyTime t, SteadyTime now)
{
    if (t <= now)
        return 0;
    const auto us = duration_cast<microseconds>(t - now).count();
    return int(qMin<qint64>((us + 999) / 1000, std::numeric_limits<int>::max()));
}

} // namespace

ClusterMember::ClusterMember(db::Database &database, ClusterConfig config, QObject *parent)
    : QObject(parent), m_db(database), m_config(std::move(config)), m_instanceId(newInstanceId())
{
    WP_ASSERT(validate(m_config));
    m_renewTimer.setTimerType(Qt::PreciseTimer);
    m_renewTimer.setInterval(m_config.renewInterval);
    connect(&m_renewTimer, &QTimer::timeout, this, &ClusterMember::startCycle);
    m_takeoverTimer.setTimerType(Qt::PreciseTimer);
    m_takeoverTimer.setSingleShot(true);
    connect(&m_takeoverTimer, &QTimer::timeout, this, &ClusterMember::startCycle);
    m_fenceTimer.setTimerType(Qt::PreciseTimer);
    m_fenceTimer.setSingleShot(true);
    connect(&m_fenceTimer, &QTimer::timeout, this, &ClusterMember::onFenceTimer);
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, &ClusterMember::finishShutdown);
}

ClusterMember::~ClusterMember() = default;

QString ClusterMember::newInstanceId()
{
    return util::toHex(crypto::randomBytes(16));
}

void ClusterMember::setStatsProvider(StatsProvider provider)
{
    m_statsProvider = std::move(provider);
}

void ClusterMember::start()
{
    WP_ASSERT(m_phase == Phase::Idle);
    m_phase = Phase::Active;
    qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "(" << m_config.name << ") joining the cluster,"
                                << m_config.pools.size() << "pools";
    m_renewTimer.start();
    startCycle();
}

bool ClusterMember::holds(const QString &poolId, qint64 epoch) const
{
    const auto it = m_held.constFind(poolId);
    return it != m_held.cend() && *it == epoch && SteadyClock::now() < m_fenceDeadline;
}

bool ClusterMember::isInContact() const { return m_registered && SteadyClock::now() < m_fenceDeadline; }

std::optional<qint64> ClusterMember::epochOf(const QString &poolId) const
{
    const auto it = m_held.constFind(poolId);
    if (it == m_held.cend() || SteadyClock::now() >= m_fenceDeadline)
        return std::nullopt;
    return *it;
}

QHash<QString, qint64> ClusterMember::ownedPools() const
{
    if (SteadyClock::now() >= m_fenceDeadline)
        return {};
    return m_held;
}

std::optional<PoolOwner> ClusterMember::owner(const QString &poolId) const
{
    if (const auto epoch = epochOf(poolId))
        return PoolOwner{m_instanceId, m_config.urlClear, m_config.urlOnion, *epoch};
    for (const LeaseRow &lease : m_lastView.leases) {
        if (lease.poolId != poolId)
            continue;
        if (!lease.isHeld() || lease.instanceId == m_instanceId)
            return std::nullopt;
        for (const MemberInfo &member : m_lastView.members) {
            if (member.id == lease.instanceId)
                return PoolOwner{member.id, member.urlClear, member.urlOnion, lease.epoch};
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<qint64> ClusterMember::dbTimeAt(SteadyTime t) const
{
    if (!m_dbOffsetUs)
        return std::nullopt;
    return toUs(t) + *m_dbOffsetUs;
}

void ClusterMember::queryState(QObject *context, std::function<void(Result<ClusterState>)> done)
{
    const qint64 ttlUs = toUs(m_config.leaseTtl);
    m_db.run<ClusterState>(
        context,
        [ttlUs](db::DbConnection &conn) -> Result<ClusterState> {
            LeaseStore store(conn);
            return store.readState(ttlUs);
        },
        std::move(done));
}

QString ClusterMember::statsJson() const
{
    QJsonObject stats = m_statsProvider ? m_statsProvider() : QJsonObject();
    QJsonObject leases;
    for (auto it = m_held.cbegin(); it != m_held.cend(); ++it)
        leases.insert(it.key(), it.value());
    stats.insert(QStringLiteral("leases"), leases);
    return QString::fromUtf8(QJsonDocument(stats).toJson(QJsonDocument::Compact));
}

QStringList ClusterMember::memberSignature() const
{
    QStringList signature;
    for (const MemberInfo &m : m_lastView.members)
        signature.append(m.id + QLatin1Char(' ') + m.state + QLatin1Char(' ') + m.urlClear + QLatin1Char(' ') +
                         m.urlOnion);
    signature.sort();
    return signature;
}

void ClusterMember::startCycle()
{
    if (m_phase != Phase::Active && m_phase != Phase::Draining)
        return;
    if (m_cycleInFlight) {
        m_cycleAgain = true;
        return;
    }
    m_cycleInFlight = true;
    m_cycleAgain = false;

    CycleInput input;
    input.identity = InstanceIdentity{m_instanceId, m_config.name, m_config.urlClear, m_config.urlOnion,
                                      m_config.version};
    input.state = m_phase == Phase::Active ? InstanceState::Active : InstanceState::Draining;
    input.statsJson = statsJson();
    input.pools = m_config.pools;
    input.ttlUs = toUs(m_config.leaseTtl);
    input.registration = !m_registered;
    input.retention = duration_cast<std::chrono::seconds>(m_config.instanceRetention);
    input.held = m_held;
    input.drainInProgress = !m_draining.isEmpty();
    m_db.run<CycleOutput>(
        this, [input](db::DbConnection &conn) { return runLeaseCycle(conn, input); },
        [this](Result<CycleOutput> result) { onCycleDone(std::move(result)); });
}

void ClusterMember::onCycleFailed(const Error &error)
{
    ++m_counters.failedCycles;
    if (m_failureStreak++ == 0)
        qCWarning(lcCluster).noquote() << "instance" << m_instanceId << "cannot renew its leases:" << error.code
                                       << error.message;
}

void ClusterMember::onCycleDone(Result<CycleOutput> result)
{
    m_cycleInFlight = false;
    if (m_phase == Phase::Stopping) {
        if (m_finishPending)
            sendFinish();
        return;
    }
    if (m_phase != Phase::Active && m_phase != Phase::Draining)
        return;

    const SteadyTime now = SteadyClock::now();
    if (!result) {
        onCycleFailed(result.error());
    } else if (result->renewSentAt + m_config.fenceAfter <= now) {
        // The answer came too late to extend anything: as good as no renewal.
        ++m_counters.lateRenewals;
        onCycleFailed(Error(QStringLiteral("renewal answered after the fence deadline")));
        onFenceTimer();
    } else {
        const CycleOutput &out = *result;
        if (m_failureStreak > 0)
            qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "renews again after" << m_failureStreak
                                        << "failed cycles";
        m_failureStreak = 0;
        m_registered = true;
        ++m_counters.cycles;
        m_counters.writeStatements += quint64(out.writes);
        m_counters.readStatements += quint64(out.reads);
        m_counters.claimsWon += quint64(out.claimed.size());
        m_counters.claimsMissed += quint64(out.claimsMissed);
        m_counters.staleReleases += quint64(out.staleReleased.size());
        m_counters.lastRenewUs = out.renewUs;
        m_counters.maxRenewUs = qMax(m_counters.maxRenewUs, out.renewUs);
        if (out.laterError)
            qCWarning(lcCluster).noquote() << "instance" << m_instanceId << "claim/release failed:"
                                           << out.laterError->code << out.laterError->message;

        const QStringList membersBefore = memberSignature();
        m_lastView = out.view;
        m_dbOffsetUs = out.view.dbNowUs - toUs(out.viewReadAt);
        m_dbOffsetErrorUs = (out.viewWindowUs + 1) / 2;

        // Leases we believed ours that the DB no longer confirms: lost now.
        QStringList lost;
        for (auto it = m_held.cbegin(); it != m_held.cend(); ++it) {
            if (out.confirmed.value(it.key(), -1) != it.value())
                lost.append(it.key());
        }
        lost.sort();
        for (const QString &pool : std::as_const(lost))
            closeInterval(pool, LossReason::LeaseLost, std::min(now, m_fenceDeadline));
        for (const QString &pool : out.staleReleased)
            qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "released stale lease of" << pool;

        // Everything confirmed or claimed by this cycle is valid until its send time + fenceAfter.
        m_fenceDeadline = std::max(m_fenceDeadline, out.renewSentAt + m_config.fenceAfter);

        QList<ClaimWon> acquired;
        if (m_phase == Phase::Active) {
            for (const ClaimWon &claim : out.claimed) {
                m_held.insert(claim.poolId, claim.epoch);
                OwnershipInterval interval;
                interval.poolId = claim.poolId;
                interval.epoch = claim.epoch;
                interval.instanceId = m_instanceId;
                interval.acquiredAt = now;
                interval.acquiredDbUs = claim.dbUs;
                m_openInterval.insert(claim.poolId, m_log.size());
                m_log.append(interval);
                acquired.append(claim);
                qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "owns" << claim.poolId << "epoch"
                                            << claim.epoch << "since-db-us" << claim.dbUs;
            }
        }
        armFenceTimer();

        std::optional<QString> drain;
        if (m_phase == Phase::Active && out.plan.drain && m_held.contains(*out.plan.drain) && m_draining.isEmpty()) {
            drain = *out.plan.drain;
            m_draining.insert(*drain);
            qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "drains" << *drain << "(holds"
                                        << out.plan.held << "of target" << out.plan.target << ")";
        }

        // A foreign lease about to expire (its holder stopped renewing): look again
        // right after it does, rather than at the next tick.
        m_takeoverTimer.stop();
        if (m_phase == Phase::Active) {
            std::optional<qint64> soonestUs;
            for (const LeaseRow &lease : out.view.leases) {
                if (!lease.isHeld() || lease.instanceId == m_instanceId)
                    continue;
                if (*lease.expiresInUs < toUs(m_config.renewInterval))
                    soonestUs = std::min(soonestUs.value_or(*lease.expiresInUs), *lease.expiresInUs);
            }
            if (soonestUs) {
                const SteadyTime at = out.viewReadAt + microseconds(*soonestUs) + milliseconds(10);
                m_takeoverTimer.start(msUntil(at, now));
            }
        }

        const bool membersMoved = memberSignature() != membersBefore;
        QPointer<ClusterMember> self(this);
        for (const QString &pool : std::as_const(lost)) {
            Q_EMIT poolLost(pool, LossReason::LeaseLost);
            if (!self)
                return;
        }
        for (const ClaimWon &claim : std::as_const(acquired)) {
            // A slot may have released or lost it meanwhile: announce only what still holds.
            if (m_held.value(claim.poolId, -1) != claim.epoch)
                continue;
            Q_EMIT poolAcquired(claim.poolId, claim.epoch);
            if (!self)
                return;
        }
        if (drain && m_held.contains(*drain)) {
            Q_EMIT drainRequested(*drain);
            if (!self)
                return;
        }
        if (membersMoved) {
            Q_EMIT membersChanged();
            if (!self)
                return;
        }
    }

    if (m_phase == Phase::Draining && m_held.isEmpty()) {
        finishShutdown();
        return;
    }
    if (m_cycleAgain)
        startCycle();
}

void ClusterMember::armFenceTimer()
{
    if (m_held.isEmpty()) {
        m_fenceTimer.stop();
        return;
    }
    m_fenceTimer.start(msUntil(m_fenceDeadline, SteadyClock::now()));
}

void ClusterMember::onFenceTimer()
{
    const SteadyTime now = SteadyClock::now();
    if (m_held.isEmpty())
        return;
    if (now < m_fenceDeadline) {
        armFenceTimer();
        return;
    }
    ++m_counters.fences;
    QStringList pools = m_held.keys();
    pools.sort();
    qCWarning(lcCluster).noquote() << "instance" << m_instanceId << "self-fences: no renewal for"
                                   << m_config.fenceAfter.count() << "ms, stops serving" << pools.join(QLatin1Char(','));
    for (const QString &pool : std::as_const(pools))
        closeInterval(pool, LossReason::Fenced, m_fenceDeadline);
    QPointer<ClusterMember> self(this);
    for (const QString &pool : std::as_const(pools)) {
        Q_EMIT poolLost(pool, LossReason::Fenced);
        if (!self)
            return;
    }
    if (m_phase == Phase::Draining && m_held.isEmpty())
        finishShutdown();
}

void ClusterMember::closeInterval(const QString &poolId, LossReason reason, SteadyTime at)
{
    m_held.remove(poolId);
    m_draining.remove(poolId);
    const auto open = m_openInterval.constFind(poolId);
    if (open == m_openInterval.cend())
        return;
    OwnershipInterval &interval = m_log[*open];
    interval.lostAt = at;
    interval.lostDbUs = dbTimeAt(at);
    interval.reason = reason;
    m_openInterval.erase(open);
    // One line per closed interval, in DB time, so that the intervals of every instance can be
    // checked for overlap (chaos tests, audits). The start is the claim's own DB time; the end
    // is estimated from the local clock and is off by at most end-error-us (a slow view read
    // under load can make it hundreds of ms), which an audit must allow for.
    qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "no longer owns" << poolId << "epoch"
                                << interval.epoch << "(" << lossReasonName(reason) << ")"
                                << QStringLiteral("interval-db-us %1..%2 end-error-us %3")
                                       .arg(interval.acquiredDbUs)
                                       .arg(interval.lostDbUs.value_or(-1))
                                       .arg(m_dbOffsetErrorUs);
}

bool ClusterMember::release(const QString &poolId)
{
    const auto it = m_held.constFind(poolId);
    if (it == m_held.cend())
        return false;
    const qint64 epoch = *it;
    closeInterval(poolId, LossReason::Released, std::min(SteadyClock::now(), m_fenceDeadline));
    if (m_held.isEmpty())
        m_fenceTimer.stop();
    const QString me = m_instanceId;
    m_db.run<bool>(
        this,
        [poolId, me, epoch](db::DbConnection &conn) {
            LeaseStore store(conn);
            return store.release(poolId, me, epoch);
        },
        [this, poolId](Result<bool> released) {
            ++m_counters.writeStatements;
            if (!released)
                qCWarning(lcCluster).noquote() << "instance" << m_instanceId << "could not release" << poolId << ":"
                                               << released.error().message << "(it expires by itself)";
        });
    QPointer<ClusterMember> self(this);
    Q_EMIT poolLost(poolId, LossReason::Released);
    if (self && m_phase == Phase::Draining && m_held.isEmpty())
        finishShutdown();
    return true;
}

void ClusterMember::shutdown(std::chrono::milliseconds drainTimeout)
{
    if (m_phase == Phase::Idle) {
        m_phase = Phase::Stopped;
        QMetaObject::invokeMethod(this, &ClusterMember::shutdownFinished, Qt::QueuedConnection);
        return;
    }
    if (m_phase != Phase::Active)
        return;
    m_phase = Phase::Draining;
    m_takeoverTimer.stop();
    qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "drains for shutdown," << m_held.size()
                                << "pools held";
    m_drainTimer.start(drainTimeout);
    startCycle(); // publishes 'draining' now
    QStringList pools = m_held.keys();
    pools.sort();
    QPointer<ClusterMember> self(this);
    for (const QString &pool : std::as_const(pools)) {
        if (!m_held.contains(pool) || m_draining.contains(pool))
            continue;
        m_draining.insert(pool);
        Q_EMIT drainRequested(pool);
        if (!self)
            return;
    }
    if (m_phase == Phase::Draining && m_held.isEmpty())
        finishShutdown();
}

void ClusterMember::finishShutdown()
{
    if (m_phase != Phase::Draining)
        return;
    m_phase = Phase::Stopping;
    m_renewTimer.stop();
    m_takeoverTimer.stop();
    m_drainTimer.stop();
    m_fenceTimer.stop();
    QStringList pools = m_held.keys();
    pools.sort();
    const SteadyTime now = SteadyClock::now();
    for (const QString &pool : std::as_const(pools))
        closeInterval(pool, LossReason::Shutdown, std::min(now, m_fenceDeadline));
    QPointer<ClusterMember> self(this);
    for (const QString &pool : std::as_const(pools)) {
        Q_EMIT poolLost(pool, LossReason::Shutdown);
        if (!self)
            return;
    }
    // The heartbeat in flight must not overwrite 'stopped': finish after it.
    if (m_cycleInFlight)
        m_finishPending = true;
    else
        sendFinish();
}

void ClusterMember::sendFinish()
{
    m_finishPending = false;
    const QString me = m_instanceId;
    m_db.run<quint64>(
        this,
        [me](db::DbConnection &conn) {
            LeaseStore store(conn);
            return store.releaseAllAndStop(me);
        },
        [this](Result<quint64> released) {
            if (released)
                qCInfo(lcCluster).noquote() << "instance" << m_instanceId << "stopped," << *released
                                            << "leases released";
            else
                qCWarning(lcCluster).noquote() << "instance" << m_instanceId << "stopped without releasing:"
                                               << released.error().message << "(leases expire by themselves)";
            m_phase = Phase::Stopped;
            Q_EMIT shutdownFinished();
        });
}

} // namespace wp::server::cluster
