#pragma once

// The pool ownership intervals that every coordinator writes to its log
// (server/cluster/clustermember.cpp), read back from the logs of all the
// instances of a test cluster and checked against each other:
//
//   instance <id> owns <pool> epoch <n> since-db-us <us>
//   instance <id> no longer owns <pool> epoch <n> ( <reason> ) interval-db-us <from>..<to> end-error-us <e>
//
// Times are the database clock in microseconds since 1970, so intervals of
// different processes compare directly. A start is exact (the claim's own DB
// time); an end is the instance's estimate from its local clock, off by at most
// <e> (older logs without it: taken as exact). An end counts as overlapping the
// next interval only when it is later than that interval's start even at its
// earliest possible value (end - e): no false alarm from a slow clock read. An interval still open when its
// process died (SIGKILL, or an exit that logged nothing) ends at the latest
// when the process was gone: the test records the DB clock right after and
// passes it as that instance's end bound. An interval open in a process that
// still runs ends "now".
//
// Header-only; pure parsing and checking, no I/O (unit-testable on strings).

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>
#include <tuple>

namespace wp::test {

/// One ownership interval of one pool by one instance, as its log tells it.
struct LoggedInterval {
    QString poolId;
    QString instanceId;
    QString source;             ///< the log it came from (the instance's name in the test)
    qint64 epoch = 0;
    qint64 fromUs = 0;          ///< DB clock, exact (the winning claim)
    std::optional<qint64> toUs; ///< DB clock as logged (-1: unknown); nullopt while open in the log
    QString reason;             ///< fenced, lease-lost, released, shutdown; empty while open
    qint64 endErrorUs = 0;      ///< the most the logged end can be off by (0: exact or not logged)
    qint64 endUs = 0;           ///< the end the checks use: toUs, else the instance's end bound, else now
    bool closedByBound = false; ///< endUs comes from an end bound (the process died holding it)
};

/// Every pool ownership interval of a test cluster, collected from the logs of
/// its instances, with the overlap and epoch checks of the fault tests.
/// Plain value type.
class OwnershipLog {
public:
    /// Adds every ownership line of @p logText, the log of one coordinator slot
    /// (several runs of it are fine: each run has its own instance id). Adding
    /// the same text again changes nothing. Lines that do not parse are ignored.
    void addLog(const QString &source, const QString &logText)
    {
        static const QRegularExpression owns(QStringLiteral(
            R"(instance ([0-9a-fA-F]+) owns (\S+) epoch (\d+) since-db-us (-?\d+))"));
        static const QRegularExpression lost(QStringLiteral(
            R"(instance ([0-9a-fA-F]+) no longer owns (\S+) epoch (\d+) \( (\S+) \) interval-db-us (-?\d+)\.\.(-?\d+)(?: end-error-us (\d+))?)"));
        const QStringList lines = logText.split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            if (const QRegularExpressionMatch m = owns.match(line); m.hasMatch()) {
                LoggedInterval &i = entry(m.captured(1), m.captured(2), m.captured(3).toLongLong());
                i.source = source;
                i.fromUs = m.captured(4).toLongLong();
            } else if (const QRegularExpressionMatch l = lost.match(line); l.hasMatch()) {
                LoggedInterval &i = entry(l.captured(1), l.captured(2), l.captured(3).toLongLong());
                i.source = source;
                i.reason = l.captured(4);
                i.fromUs = l.captured(5).toLongLong();
                i.toUs = l.captured(6).toLongLong();
                i.endErrorUs = l.captured(7).isEmpty() ? 0 : l.captured(7).toLongLong();
            }
        }
    }

    /// Instance @p instanceId was gone (killed or exited) at the latest at DB
    /// time @p dbUs: its intervals still open in the log end there.
    void setEndBound(const QString &instanceId, qint64 dbUs) { m_bounds.insert(instanceId, dbUs); }

    /// Every interval, in order of pool then start, open ones ending at their
    /// instance's end bound if it has one, else at @p nowUs.
    QList<LoggedInterval> intervals(qint64 nowUs) const
    {
        QList<LoggedInterval> out;
        for (LoggedInterval i : m_intervals) {
            if (i.toUs) {
                i.endUs = *i.toUs;
            } else if (const auto bound = m_bounds.constFind(i.instanceId); bound != m_bounds.cend()) {
                i.endUs = *bound;
                i.closedByBound = true;
            } else {
                i.endUs = nowUs;
            }
            out.append(i);
        }
        std::sort(out.begin(), out.end(), [](const LoggedInterval &a, const LoggedInterval &b) {
            return std::tie(a.poolId, a.fromUs, a.epoch) < std::tie(b.poolId, b.fromUs, b.epoch);
        });
        return out;
    }

    /// The intervals of @p poolId only (see intervals()).
    QList<LoggedInterval> intervalsOf(const QString &poolId, qint64 nowUs) const
    {
        QList<LoggedInterval> out;
        for (const LoggedInterval &i : intervals(nowUs))
            if (i.poolId == poolId)
                out.append(i);
        return out;
    }

    /// What is wrong, one line each; empty when, for every pool, no two intervals
    /// overlap (one ends, at the earliest its logged end allows, at or before the
    /// next starts) and epochs strictly increase with time. An interval with an unknown end (-1) or ending before
    /// it starts is wrong too.
    QStringList violations(qint64 nowUs) const
    {
        QStringList out;
        const QList<LoggedInterval> all = intervals(nowUs);
        std::optional<LoggedInterval> latest; ///< of the current pool: the interval that ends last so far
        std::optional<LoggedInterval> previous;
        for (const LoggedInterval &i : all) {
            if (previous && previous->poolId != i.poolId) {
                latest.reset();
                previous.reset();
            }
            if (i.toUs && *i.toUs < 0)
                out.append(QStringLiteral("%1: the end of %2 is unknown").arg(i.poolId, describe(i)));
            else if (i.endUs < i.fromUs)
                out.append(QStringLiteral("%1: %2 ends before it starts").arg(i.poolId, describe(i)));
            if (latest && latest->endUs - latest->endErrorUs > i.fromUs)
                out.append(QStringLiteral("%1: %2 overlaps %3 by %4 us")
                               .arg(i.poolId, describe(*latest), describe(i))
                               .arg(latest->endUs - latest->endErrorUs - i.fromUs));
            if (previous && previous->epoch >= i.epoch)
                out.append(QStringLiteral("%1: epoch %2 follows epoch %3 (%4 then %5)")
                               .arg(i.poolId)
                               .arg(i.epoch)
                               .arg(previous->epoch)
                               .arg(describe(*previous), describe(i)));
            if (!latest || i.endUs - i.endErrorUs > latest->endUs - latest->endErrorUs)
                latest = i;
            previous = i;
        }
        return out;
    }

    /// Pool ids seen in any log, sorted.
    QStringList pools() const
    {
        QStringList out;
        for (const LoggedInterval &i : m_intervals)
            if (!out.contains(i.poolId))
                out.append(i.poolId);
        out.sort();
        return out;
    }

    /// Number of intervals parsed so far.
    qsizetype size() const { return m_intervals.size(); }

    /// Every interval, one line each, for failure messages and summaries.
    QString dump(qint64 nowUs) const
    {
        QString text;
        for (const LoggedInterval &i : intervals(nowUs))
            text += QStringLiteral("  %1 %2\n").arg(i.poolId, describe(i));
        return text;
    }

    /// The instance ids that joined the cluster in @p logText, oldest run first
    /// ("instance <id> ( <name> ) joining the cluster").
    static QStringList instanceIds(const QString &logText)
    {
        static const QRegularExpression joining(QStringLiteral(R"(instance ([0-9a-fA-F]+) \(.*\) joining the cluster)"));
        QStringList out;
        for (auto it = joining.globalMatch(logText); it.hasNext();)
            out.append(it.next().captured(1));
        return out;
    }

    /// "epoch 3 by beta/1a2b3c4d [1700000000000000..1700000003000000±150] (fenced)".
    static QString describe(const LoggedInterval &i)
    {
        return QStringLiteral("epoch %1 by %2/%3 [%4..%5%6] (%7)")
            .arg(i.epoch)
            .arg(i.source, i.instanceId.left(8))
            .arg(i.fromUs)
            .arg(i.endUs)
            .arg(i.endErrorUs ? QStringLiteral("±%1").arg(i.endErrorUs) : QString())
            .arg(i.toUs ? i.reason : i.closedByBound ? QStringLiteral("open: ended by its process end")
                                                     : QStringLiteral("open"));
    }

private:
    LoggedInterval &entry(const QString &instanceId, const QString &poolId, qint64 epoch)
    {
        const QString key = instanceId + QLatin1Char('/') + poolId + QLatin1Char('/') + QString::number(epoch);
        const auto found = m_index.constFind(key);
        if (found != m_index.cend())
            return m_intervals[*found];
        LoggedInterval i;
        i.instanceId = instanceId;
        i.poolId = poolId;
        i.epoch = epoch;
        m_index.insert(key, m_intervals.size());
        m_intervals.append(i);
        return m_intervals.last();
    }

    QList<LoggedInterval> m_intervals;
    QHash<QString, qsizetype> m_index; ///< "instance/pool/epoch" -> index in m_intervals
    QHash<QString, qint64> m_bounds;   ///< instance id -> DB time it was gone by
};

} // namespace wp::test
