#pragma once

#include <mixer/coordinatordirectory.h>

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace wp::client {

/// One line of the event log: something the user may want to know about the
/// cluster, mixing, the node or the wallet. Plain value type.
struct AppEvent {
    enum class Source {
        Cluster, ///< coordinator instances: connections, redirects, failovers, manifests, pools' owners
        Mixing,  ///< the mixing engine: retries, failures with their reason, successes
        Node,    ///< chain sync with the bitcoin node
        Wallet,  ///< the wallet file, Tx0s and spends
    };
    qint64 timeMs = 0;          ///< wall clock, ms since the epoch
    Source source = Source::Wallet;
    bool warning = false;       ///< something went wrong (the message says what and what happens next)
    QString instance;           ///< the coordinator instance it is about, if any
    QString message;            ///< one line for people (translated headline)
    /// Set for cluster events from the CoordinatorDirectory.
    std::optional<DirectoryEvent::Kind> clusterKind;
};

/// The last events, oldest first, capped. Also drops a mixing note that only
/// repeats a cluster event recorded a moment before (the orchestrator forwards
/// its sessions' directory events). Not thread-safe; no I/O.
class EventLog {
public:
    explicit EventLog(qsizetype capacity = 500) : m_capacity(std::max<qsizetype>(1, capacity)) {}

    /// Appends @p event (dropping the oldest beyond the capacity).
    void append(const AppEvent &event);
    /// Returns: true if @p noteText ("abcd1234:0: <message>") repeats the message of a
    /// cluster event appended within @p windowMs before @p nowMs.
    bool repeatsClusterEvent(const QString &noteText, qint64 nowMs, qint64 windowMs = 10000) const;
    /// Remembers the raw (untranslated) message of a directory event for repeatsClusterEvent().
    void noteClusterMessage(const QString &rawMessage, qint64 nowMs);

    const QList<AppEvent> &events() const { return m_events; }
    void clear();

private:
    qsizetype m_capacity;
    QList<AppEvent> m_events;
    QList<QPair<qint64, QString>> m_recentRaw; ///< (time, raw directory message), newest last
};

} // namespace wp::client

Q_DECLARE_METATYPE(wp::client::AppEvent)
