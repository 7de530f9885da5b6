#pragma once

// Several ClusterMembers in one test process, each with its OWN db::Database pool
// (as separate instances would have), plus the invariant checks on their
// ownership logs. Header-only, for the tests in tests/cluster.
#include "../db/dbtestconfig.h"

#include <cluster/clustermember.h>
#include <db/database.h>
#include <db/dbconnection.h>
#include <db/migrations.h>

#include <QHash>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

namespace wp::test {

using server::cluster::ClusterConfig;
using server::cluster::ClusterMember;
using server::cluster::LossReason;
using server::cluster::OwnershipInterval;
using server::cluster::SteadyClock;
using server::cluster::SteadyTime;

inline double msBetween(SteadyTime a, SteadyTime b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

/// One pool changing hands: who acquired it when (local monotonic).
struct Acquisition {
    QString poolId;
    qint64 epoch = 0;
    QString instanceId;
    SteadyTime at;
};

class ClusterHarness {
public:
    ClusterHarness(server::db::DbConfig db, ClusterConfig base) : m_db(std::move(db)), m_base(std::move(base)) {}
    ~ClusterHarness() { killAll(); }

    /// How long a member takes to "drain" a pool before release() (0: at once).
    std::chrono::milliseconds drainDelay{50};

    /// Starts a new member (own Database, drains answered after drainDelay).
    ClusterMember *spawn(const QString &name)
    {
        Node node;
        node.db = std::make_unique<server::db::Database>(m_db);
        ClusterConfig config = m_base;
        config.name = name;
        config.urlClear = QStringLiteral("http://%1.example:8080").arg(name);
        config.urlOnion = QStringLiteral("http://%1.onion").arg(name);
        config.version = QStringLiteral("test");
        node.member = std::make_unique<ClusterMember>(*node.db, config);
        ClusterMember *member = node.member.get();
        QObject::connect(member, &ClusterMember::drainRequested, member, [this, member](const QString &pool) {
            ++drainsRequested;
            QTimer::singleShot(drainDelay, member, [member, pool] { member->release(pool); });
        });
        QObject::connect(member, &ClusterMember::poolAcquired, member, [this, member](const QString &pool, qint64 epoch) {
            acquisitions.append(Acquisition{pool, epoch, member->instanceId(), SteadyClock::now()});
        });
        member->start();
        m_nodes.push_back(std::move(node));
        return member;
    }

    /// The kill -9 case: the member and its connections vanish without a word.
    /// Its open intervals end now.
    void kill(ClusterMember *member)
    {
        const auto it = find(member);
        QList<OwnershipInterval> log = member->ownershipLog();
        const SteadyTime now = SteadyClock::now();
        for (OwnershipInterval &interval : log) {
            if (!interval.lostAt) {
                interval.lostAt = now;
                interval.lostDbUs = member->dbTimeAt(now);
            }
        }
        m_deadLogs += log;
        it->member.reset();
        it->db.reset();
        m_nodes.erase(it);
    }

    /// Graceful shutdown, waiting for shutdownFinished (returns false on timeout).
    bool shutdown(ClusterMember *member, std::chrono::milliseconds drainTimeout, int waitMs = 10000)
    {
        bool finished = false;
        QObject::connect(member, &ClusterMember::shutdownFinished, member, [&finished] { finished = true; });
        member->shutdown(drainTimeout);
        if (!QTest::qWaitFor([&finished] { return finished; }, waitMs))
            return false;
        m_deadLogs += member->ownershipLog();
        const auto it = find(member);
        it->member.reset();
        it->db.reset();
        m_nodes.erase(it);
        return true;
    }

    void killAll()
    {
        while (!m_nodes.empty())
            kill(m_nodes.front().member.get());
    }

    QList<ClusterMember *> members() const
    {
        QList<ClusterMember *> out;
        for (const Node &n : m_nodes)
            out.append(n.member.get());
        return out;
    }

    /// pool -> members that hold it right now (by holds()).
    QHash<QString, QStringList> owners() const
    {
        QHash<QString, QStringList> out;
        for (const Node &n : m_nodes) {
            const auto owned = n.member->ownedPools();
            for (auto it = owned.cbegin(); it != owned.cend(); ++it) {
                if (n.member->holds(it.key(), it.value()))
                    out[it.key()].append(n.member->instanceId());
            }
        }
        return out;
    }

    /// Every pool held by exactly one member.
    bool everyPoolOwnedOnce() const
    {
        const auto o = owners();
        for (const QString &pool : m_base.pools) {
            if (o.value(pool).size() != 1)
                return false;
        }
        return true;
    }

    /// Every pool owned once and every member within [floor, ceil] of the spread
    /// among active members.
    bool balanced() const
    {
        if (!everyPoolOwnedOnce() || m_nodes.empty())
            return false;
        const int n = int(m_nodes.size());
        const int p = int(m_base.pools.size());
        for (const Node &node : m_nodes) {
            const int held = int(node.member->ownedPools().size());
            if (held < p / n || held > (p + n - 1) / n)
                return false;
        }
        return true;
    }

    /// Every interval of every member, dead or alive (open ones have no lostAt).
    QList<OwnershipInterval> allIntervals() const
    {
        QList<OwnershipInterval> all = m_deadLogs;
        for (const Node &n : m_nodes)
            all += n.member->ownershipLog();
        return all;
    }

    /// The invariant: per pool, intervals sorted by start never overlap (each ends,
    /// by its owner's fence clock, before the next starts) and epochs strictly
    /// increase. Returns: an empty string, or the first violation.
    /// @p minGapMs receives the smallest gap between consecutive intervals.
    /// @p minDbGapMs the same in DB time (claim time of the next owner minus the
    /// estimated DB time at which the previous one stopped).
    QString checkIntervals(double *minGapMs = nullptr, int *count = nullptr, double *minDbGapMs = nullptr) const
    {
        QHash<QString, QList<OwnershipInterval>> byPool;
        const QList<OwnershipInterval> all = allIntervals();
        for (const OwnershipInterval &i : all)
            byPool[i.poolId].append(i);
        double gap = std::numeric_limits<double>::infinity();
        double dbGap = std::numeric_limits<double>::infinity();
        for (auto it = byPool.begin(); it != byPool.end(); ++it) {
            auto &list = it.value();
            std::sort(list.begin(), list.end(),
                      [](const OwnershipInterval &a, const OwnershipInterval &b) { return a.acquiredAt < b.acquiredAt; });
            for (qsizetype k = 1; k < list.size(); ++k) {
                const OwnershipInterval &prev = list[k - 1];
                const OwnershipInterval &next = list[k];
                if (next.epoch <= prev.epoch)
                    return QStringLiteral("pool %1: epoch %2 after epoch %3").arg(it.key()).arg(next.epoch).arg(prev.epoch);
                if (!prev.lostAt)
                    return QStringLiteral("pool %1: epoch %2 (%3) still open when epoch %4 (%5) started")
                        .arg(it.key()).arg(prev.epoch).arg(prev.instanceId.left(8)).arg(next.epoch).arg(next.instanceId.left(8));
                const double g = msBetween(*prev.lostAt, next.acquiredAt);
                if (g < 0)
                    return QStringLiteral("pool %1: epoch %2 (%3) ended %4 ms after epoch %5 (%6) started")
                        .arg(it.key()).arg(prev.epoch).arg(prev.instanceId.left(8)).arg(-g).arg(next.epoch)
                        .arg(next.instanceId.left(8));
                gap = std::min(gap, g);
                if (prev.lostDbUs)
                    dbGap = std::min(dbGap, double(next.acquiredDbUs - *prev.lostDbUs) / 1000);
            }
        }
        if (minGapMs)
            *minGapMs = gap;
        if (count)
            *count = int(all.size());
        if (minDbGapMs)
            *minDbGapMs = dbGap;
        return {};
    }

    /// Acquisitions recorded since @p since, of @p pool, by other members than @p excluded.
    std::optional<SteadyTime> acquiredAfter(const QString &pool, SteadyTime since, const QString &excluded = {}) const
    {
        for (const Acquisition &a : acquisitions) {
            if (a.poolId == pool && a.at >= since && a.instanceId != excluded)
                return a.at;
        }
        return std::nullopt;
    }

    QList<Acquisition> acquisitions;
    int drainsRequested = 0;

private:
    struct Node {
        std::unique_ptr<server::db::Database> db;
        std::unique_ptr<ClusterMember> member;
    };

    std::vector<Node>::iterator find(ClusterMember *member)
    {
        const auto it = std::find_if(m_nodes.begin(), m_nodes.end(),
                                     [member](const Node &n) { return n.member.get() == member; });
        WP_ASSERT(it != m_nodes.end());
        return it;
    }

    server::db::DbConfig m_db;
    ClusterConfig m_base;
    std::vector<Node> m_nodes;
    QList<OwnershipInterval> m_deadLogs;
};

/// Applies the embedded migrations and empties the cluster tables (one per test).
inline Result<void> prepareClusterTables(server::db::DbConnection &conn)
{
    auto applied = server::db::Migrations::applyEmbedded(conn);
    if (!applied)
        return applied.error();
    for (const char *sql : {"DELETE FROM pool_lease", "DELETE FROM cluster_instance"}) {
        auto r = conn.exec(sql);
        if (!r)
            return r.error();
    }
    return {};
}

/// Median of @p values (0 when empty).
inline double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace wp::test
