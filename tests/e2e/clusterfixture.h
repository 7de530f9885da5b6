#pragma once

// A cluster of real whirlpool-coordinator processes on one real MariaDB and one
// real bcoin node, for the cluster fault tests (issue #4): named instance slots
// that can be started, killed, stopped and started again (same name, same port,
// same log file), the DB view of pool ownership, and the ownership intervals of
// every run of every slot (ownershiplog.h) with the end bound of each process
// that died.

#include "e2ehelpers.h"
#include "ownershiplog.h"

#include <db/dbconnection.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <csignal>
#include <map>

namespace wp::test {

/// The cluster timings of the fault tests (DESIGN §2.2: TTL 3 s, renew 0.5 s, fence after 2 s).
inline constexpr char kFastClusterIni[] = "[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n";
inline constexpr qint64 kLeaseTtlMs = 3000;
inline constexpr qint64 kFenceMs = 2000;

/// Lets the event loop run for @p ms: the length of a fault or of an observation
/// window, not a wait for a result (those use QTRY_* / qWaitFor).
inline void runFor(int ms)
{
    QElapsedTimer t;
    t.start();
    static_cast<void>(QTest::qWaitFor([&t, ms] { return t.elapsed() >= ms; }, ms + 1000));
}

/// One GET with a short timeout, events processed meanwhile. Returns the HTTP status
/// (0: no answer) and the body.
inline QPair<int, QByteArray> httpGet(const QString &url, int timeoutMs = 2000)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

/// Named coordinator slots sharing one MariaDB and one bcoin node.
///
/// Thread affinity: the test thread. Calls block it briefly (DB queries, process
/// start); kill() and terminate() keep the event loop running while they wait.
class ClusterFixture {
public:
    MariaDbServer db;
    BcoinNode node;

    ~ClusterFixture()
    {
        m_slots.clear(); // processes first (SIGTERM), then the services
        m_conn.reset();
    }

    /// Starts MariaDB and bcoin. Returns: why one of them could not start.
    Result<void> startServices()
    {
        if (auto r = db.start(); !r)
            return fail(QStringLiteral("MariaDB: %1").arg(r.error().message));
        if (auto r = node.start(); !r)
            return fail(QStringLiteral("bcoin: %1").arg(r.error().message));
        return {};
    }

    /// Starts slot @p name: a new one, or a slot that is not running any more
    /// (same port and log file; a new process, so a new instance id). @p extraIni
    /// follows the fast cluster timings; empty keeps the slot's last one.
    Result<void> start(const QString &name, const QString &extraIni = {})
    {
        Slot &slot = m_slots[name];
        if (!slot.process)
            slot.process = std::make_unique<CoordinatorProcess>();
        if (slot.process->isRunning() || isStopping(name))
            return fail(QStringLiteral("%1 is still running").arg(name));
        if (!extraIni.isEmpty() || slot.extraIni.isEmpty())
            slot.extraIni = extraIni;
        CoordinatorProcess::Config config = coordinatorConfig(name, db, node);
        config.port = slot.port;
        config.extraIni = QString::fromLatin1(kFastClusterIni) + slot.extraIni;
        auto started = slot.process->start(config);
        if (!started)
            return started;
        slot.port = slot.process->port();
        const QStringList ids = OwnershipLog::instanceIds(slot.process->logText());
        slot.instanceId = ids.isEmpty() ? QString() : ids.last();
        if (slot.instanceId.isEmpty())
            return fail(QStringLiteral("%1 started but logged no instance id").arg(name));
        m_names.insert(slot.instanceId, name);
        return {};
    }

    /// SIGKILL, waits until the process is gone, records the DB clock as the end
    /// bound of its open intervals. Returns: that DB time, nullopt if the DB did not answer.
    std::optional<qint64> kill(const QString &name) { return endWith(name, SIGKILL); }
    /// SIGTERM (graceful stop), the same way as kill().
    std::optional<qint64> terminate(const QString &name) { return endWith(name, SIGTERM); }
    /// A process that ended (see reap()).
    struct Ended {
        QString name;
        QString instanceId;
        qint64 dbUs = 0;      ///< DB clock once it was seen gone (its end bound)
        qint64 stopMs = 0;    ///< from SIGTERM to exit
        bool forced = false;  ///< it did not exit within the grace period: SIGKILL
    };
    /// SIGTERM without waiting: the slot is stopping() until reap() sees it gone.
    bool terminateAsync(const QString &name)
    {
        if (!isRunning(name) || isStopping(name))
            return false;
        process(name).signal(SIGCONT);
        if (!process(name).signal(SIGTERM))
            return false;
        m_stopping.append({name, instanceId(name), QElapsedTimer()});
        m_stopping.last().since.start();
        return true;
    }
    /// Records the end of every stopping() process that exited (its end bound: the
    /// DB clock now); one still running after @p graceMs gets SIGKILL (forced).
    QList<Ended> reap(int graceMs = 30000)
    {
        QList<Ended> out;
        for (qsizetype i = 0; i < m_stopping.size();) {
            Stopping &s = m_stopping[i];
            CoordinatorProcess &p = process(s.name);
            bool forced = false;
            if (p.isRunning() && s.since.elapsed() > graceMs) {
                p.signal(SIGKILL);
                forced = true;
                (void)QTest::qWaitFor([&] { return !p.isRunning(); }, 10000);
            }
            if (p.isRunning()) {
                ++i;
                continue;
            }
            const qint64 now = dbNowUs().value_or(0);
            m_bounds.insert(s.instanceId, now);
            out.append({s.name, s.instanceId, now, s.since.elapsed(), forced});
            m_stopping.removeAt(i);
        }
        return out;
    }
    bool isStopping(const QString &name) const
    {
        return std::any_of(m_stopping.begin(), m_stopping.end(), [&](const Stopping &s) { return s.name == name; });
    }
    /// Sends @p sig (SIGSTOP, SIGCONT) to slot @p name.
    bool signal(const QString &name, int sig) { return m_slots.count(name) && process(name).signal(sig); }

    bool isRunning(const QString &name) const
    {
        const auto it = m_slots.find(name);
        return it != m_slots.end() && it->second.process && it->second.process->isRunning();
    }
    QStringList names() const
    {
        QStringList out;
        for (const auto &[name, slot] : m_slots)
            out.append(name);
        return out;
    }
    /// Slots whose process runs and is not stopping.
    QStringList running() const
    {
        QStringList out;
        for (const auto &[name, slot] : m_slots)
            if (slot.process && slot.process->isRunning() && !isStopping(name))
                out.append(name);
        return out;
    }
    CoordinatorProcess &process(const QString &name) { return *m_slots.at(name).process; }
    QString url(const QString &name) { return process(name).url(); }
    /// The instance id of the current (or last) run of @p name.
    QString instanceId(const QString &name) const { return m_slots.at(name).instanceId; }
    /// The slot name of instance @p id (any run), or empty.
    QString nameOf(const QString &instanceId) const { return m_names.value(instanceId); }

    /// The test's own DB session (connected on first use, again after a failure).
    server::db::DbConnection &sql()
    {
        if (!m_conn)
            m_conn = std::make_unique<server::db::DbConnection>(dbConfigForCoordinator(db.address()));
        if (!m_conn->isConnected())
            static_cast<void>(m_conn->connect());
        return *m_conn;
    }
    /// Drops the test's DB session (after a DB restart).
    void resetSql() { m_conn.reset(); }

    /// The DB clock (UTC_TIMESTAMP(6)) in microseconds since 1970, nullopt if the DB does not answer.
    std::optional<qint64> dbNowUs()
    {
        auto row = sql().queryOne("SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))");
        if (!row || !row->has_value())
            return std::nullopt;
        return (*row)->toInt64(0);
    }

    /// pool -> (owner slot name, epoch) of every valid lease (DB clock).
    QHash<QString, QPair<QString, qint64>> leases()
    {
        QHash<QString, QPair<QString, qint64>> out;
        auto rows = sql().query("SELECT l.pool_id, l.instance_id, l.epoch FROM pool_lease l"
                                " WHERE l.instance_id IS NOT NULL AND l.expires_at > UTC_TIMESTAMP(6)");
        if (rows)
            for (const auto &row : *rows)
                out.insert(row.toString(0).value_or(QString()),
                           {nameOf(row.toString(1).value_or(QString())), row.toInt64(2).value_or(-1)});
        return out;
    }
    /// pool -> owner slot name of every valid lease.
    QHash<QString, QString> owners()
    {
        QHash<QString, QString> out;
        const auto all = leases();
        for (auto it = all.cbegin(); it != all.cend(); ++it)
            out.insert(it.key(), it->first);
        return out;
    }
    /// owner slot name -> number of pools it holds (valid leases).
    QHash<QString, int> poolCounts()
    {
        QHash<QString, int> out;
        for (const QString &owner : owners())
            ++out[owner];
        return out;
    }
    /// Pools with more than one valid lease right now (a sample; the primary key
    /// of pool_lease makes this structural, the interval logs are the real proof).
    QStringList doubleLeases()
    {
        QStringList out;
        auto rows = sql().query("SELECT pool_id FROM pool_lease WHERE instance_id IS NOT NULL"
                                " AND expires_at > UTC_TIMESTAMP(6) GROUP BY pool_id HAVING COUNT(*) > 1");
        if (rows)
            for (const auto &row : *rows)
                out.append(row.toString(0).value_or(QString()));
        return out;
    }

    /// The pools @p name runs itself, as its own GET /rest/pools says (owner URL
    /// = its URL). Returns: nullopt when it does not answer in time.
    std::optional<QStringList> poolsServedBy(const QString &name, int timeoutMs = 2000)
    {
        const auto [status, body] = httpGet(url(name) + QStringLiteral("/rest/pools"), timeoutMs);
        if (status != 200)
            return std::nullopt;
        auto pools = proto::PoolsResponse::fromJson(body);
        if (!pools)
            return std::nullopt;
        QStringList out;
        for (const proto::PoolInfo &p : pools->pools)
            if (p.ownerUrlClear == url(name))
                out.append(p.poolId);
        out.sort();
        return out;
    }

    /// HTTP status of GET /rest/system/health of @p name (0: no answer).
    int health(const QString &name, int timeoutMs = 2000)
    {
        return httpGet(url(name) + QStringLiteral("/rest/system/health"), timeoutMs).first;
    }

    /// The ownership intervals of every run of every slot, with the end bounds
    /// recorded by kill() and terminate().
    OwnershipLog ownershipLog() const
    {
        OwnershipLog log;
        for (const auto &[name, slot] : m_slots) {
            if (slot.process)
                log.addLog(name, slot.process->logText());
        }
        for (auto it = m_bounds.cbegin(); it != m_bounds.cend(); ++it)
            log.setEndBound(it.key(), it.value());
        return log;
    }

    /// The log text of slot @p name (every run).
    QString logText(const QString &name) const { return m_slots.at(name).process->logText(); }

private:
    struct Slot {
        std::unique_ptr<CoordinatorProcess> process;
        quint16 port = 0; ///< kept across restarts (clients know the cluster by its URLs)
        QString extraIni;
        QString instanceId;
    };

    std::optional<qint64> endWith(const QString &name, int sig)
    {
        Slot &slot = m_slots.at(name);
        if (!slot.process || !slot.process->isRunning())
            return std::nullopt;
        if (sig == SIGTERM)
            slot.process->signal(SIGCONT); // a stopped process cannot handle SIGTERM
        slot.process->signal(sig);
        if (!QTest::qWaitFor([&] { return !slot.process->isRunning(); }, sig == SIGKILL ? 10000 : 30000))
            slot.process->signal(SIGKILL);
        (void)QTest::qWaitFor([&] { return !slot.process->isRunning(); }, 10000);
        const auto now = dbNowUs();
        if (now)
            m_bounds.insert(slot.instanceId, *now);
        return now;
    }

    struct Stopping {
        QString name;
        QString instanceId;
        QElapsedTimer since;
    };

    std::map<QString, Slot> m_slots;
    QList<Stopping> m_stopping;
    QHash<QString, qint64> m_bounds; ///< instance id -> DB time it was gone by
    QHash<QString, QString> m_names; ///< instance id (every run) -> slot name
    std::unique_ptr<server::db::DbConnection> m_conn;
};

} // namespace wp::test
