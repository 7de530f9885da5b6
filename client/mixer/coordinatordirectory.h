#pragma once

#include <mixer/networkidentity.h>
#include <bitcoin/network.h>
#include <protocol/clustermanifest.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace wp::client {

/// One coordinator instance the client may connect to.
struct CoordinatorEndpoint {
    QString id;   ///< the manifest's instance id; empty for a bootstrap entry without one
    QString name; ///< for users: the operator's name, else the URL's host
    QUrl url;     ///< normalized base URL (proto::parseInstanceUrl), onion or clearnet as configured

    friend bool operator==(const CoordinatorEndpoint &, const CoordinatorEndpoint &) = default;
};

/// What the client knows before it ever talks to the cluster. Plain value type.
struct DirectoryConfig {
    /// The shipped (user-editable) instances, each with a clearnet and/or an onion URL.
    QList<proto::ClusterInstance> bootstrap;
    /// The operator's signing address: the only signer of manifests we accept.
    /// Empty: no manifest is ever fetched, only bootstrap instances are used
    /// (validateBootstrap() accepts that; validateConfig() does not).
    QString operatorAddress;
    btc::Network network = btc::Network::Main;
    /// Connect to urlOnion (through a Tor identity) instead of urlClear.
    bool useOnion = false;
    /// Manifest fetches go over identity.isolated(): never a mix session's circuit.
    NetworkIdentity identity;
    int restTimeoutMs = 30000;
    /// Failover back-off, uniform in [backoffMinMs, backoffMaxMs] (DESIGN §2.1: 0.5-3 s).
    int backoffMinMs = 500;
    int backoffMaxMs = 3000;
    /// How long a failed instance is avoided by pickRandom() when others are left.
    int failureMemoryMs = 60000;
    /// refreshManifest() asked for sooner than this after the last attempt does nothing
    /// (canRefreshManifest() says whether it would run).
    int minRefreshIntervalMs = 30000;
};

/// Something the user should see about the cluster ("connected to X",
/// "redirected from A to B", "connection to B lost, trying C in 1.2 s",
/// "refused redirect to evil.example: not in the cluster manifest").
struct DirectoryEvent {
    enum class Kind {
        Connected,        ///< a mix session reached an instance
        Redirected,       ///< a redirect was followed (message names both ends)
        RedirectRefused,  ///< a redirect was refused (message says why)
        ConnectionFailed, ///< an instance could not be reached or the connection was lost
        Failover,         ///< moving to another random instance after a back-off
        ManifestUpdated,  ///< a newer verified manifest is in use
        ManifestRefused,  ///< a manifest could not be fetched or did not verify (message says why)
    };
    qint64 timestampMs = 0; ///< wall clock, ms since the epoch
    Kind kind = Kind::Connected;
    QString instanceName;   ///< the instance the event is about (the target for redirects and failovers)
    QUrl url;               ///< its URL
    QString message;        ///< one line for the user (untranslated)
    QString origin;         ///< the mix session that caused it (ResilientMixSession::id()); empty for manifest events
};

/// The enum name ("REDIRECT_REFUSED"), for logs. Never fails.
QString directoryEventKindName(DirectoryEvent::Kind kind);

/// One redirect sequence, from the instance first connected to. followRedirect()
/// checks hops and loops against it and records each hop. Plain value type.
struct RedirectChain {
    QString origin;     ///< the session following it (tags the events)
    QList<QUrl> visited;///< normalized URLs, the first instance first

    /// A chain that starts at @p first.
    static RedirectChain startAt(const QUrl &first, const QString &origin = {});
    /// Redirects followed so far.
    int hops() const { return visited.isEmpty() ? 0 : int(visited.size()) - 1; }
};

/// Why followRedirect() refused (Error::code).
enum class RedirectRefusal : int {
    NoUrl = 1,       ///< the redirect carries no URL of the kind we use (onion/clearnet), or retryAfterMs
    InvalidUrl = 2,  ///< not a coordinator base URL
    UnknownTarget = 3,///< not an instance of the verified manifest nor of the bootstrap list
    TooManyHops = 4, ///< kMaxRedirectHops already followed
    Loop = 5,        ///< back to an instance of this chain (A -> B -> A)
};

/// The bootstrap list, the verified cluster manifest, the random choice of an
/// instance, the redirect policy and the failover back-off (DESIGN §2.1), plus
/// the cluster events the GUI shows. One directory serves all mix sessions.
///
/// Redirect safety: a redirect is followed only to an instance listed in a
/// manifest signed by the pinned operator address (and not expired) or in the
/// bootstrap list, with the same scheme, host and port; at most
/// kMaxRedirectHops hops; never back to an instance of the same chain. An
/// instance whose redirect is refused is avoided for a while like a dead one.
///
/// Thread affinity: the thread that creates it (an event-loop thread). Not
/// thread-safe. Manifest fetches are asynchronous.
class CoordinatorDirectory : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRedirectHops = 3;
    /// recentEvents() keeps this many.
    static constexpr int kEventHistory = 200;

    /// Bootstrap entries that fail validateConfig() are skipped (with a warning).
    explicit CoordinatorDirectory(DirectoryConfig config, QObject *parent = nullptr);
    ~CoordinatorDirectory() override;

    /// Checks a (user-edited) configuration: operator address of the network,
    /// at least one usable bootstrap instance, every URL valid, back-off range sane.
    /// Returns: the first problem, for the user. Never fails on any input.
    static Result<void> validateConfig(const DirectoryConfig &config);
    /// validateConfig() without the operator address: for a client that follows
    /// bootstrap instances only (empty operatorAddress). A non-empty address is still checked.
    /// Returns: the first problem, for the user. Never fails on any input.
    static Result<void> validateBootstrap(const DirectoryConfig &config);

    const DirectoryConfig &config() const { return m_config; }

    /// Replaces the wall clock (ms since the epoch), for tests. @p now must not be empty.
    void setClock(std::function<qint64()> now);

    /// Every instance we may connect to: the bootstrap list plus the verified,
    /// unexpired manifest, without duplicates (a manifest entry names a bootstrap one).
    QList<CoordinatorEndpoint> knownInstances() const;

    /// A uniformly random instance of knownInstances(), among those that did
    /// not fail in the last failureMemoryMs when there are any.
    /// Returns: nullopt only when no instance is usable at all.
    std::optional<CoordinatorEndpoint> pickRandom() const;

    /// The known instance at @p url (normalized compare), if any.
    std::optional<CoordinatorEndpoint> endpointFor(const QUrl &url) const;

    /// A jittered failover delay, uniform in [backoffMinMs, backoffMaxMs].
    int backoffMs() const;

    /// Decides whether to follow @p redirect, received on chain.visited.last().
    /// On success, appends the target to @p chain, records a Redirected event
    /// and returns the target's normalized URL. On refusal, records a
    /// RedirectRefused event, avoids the sender (for a loop or too many hops:
    /// every instance of the chain) for failureMemoryMs, and
    /// returns an Error whose code is a RedirectRefusal. Never connects anywhere.
    /// Precondition: @p chain is not empty (WP_ASSERT). A redirect with
    /// retryAfterMs > 0 (no owner right now) is the caller's to wait out: it is refused with NoUrl.
    Result<QUrl> followRedirect(const proto::RedirectResponse &redirect, RedirectChain &chain);
    /// True when @p redirect names (in the URL kind we use) a known instance:
    /// followRedirect() would not refuse it as UnknownTarget. Records nothing.
    /// Lets a caller refresh the manifest first when a new instance is named.
    bool knowsTarget(const proto::RedirectResponse &redirect) const;

    /// Fetches GET /rest/cluster from a random bootstrap instance (avoiding
    /// recently failed ones; any known instance when all bootstrap ones failed
    /// lately) and verifies it against
    /// the operator address. A verified manifest newer than the current one
    /// replaces it (ManifestUpdated); anything else is ignored with a reason
    /// (ManifestRefused). Ends with manifestRefreshFinished(). Calls while a
    /// fetch runs join it; calls within minRefreshIntervalMs of the last attempt
    /// are refused (returns false, no signal).
    bool refreshManifest();
    /// True when refreshManifest() would fetch (or is fetching) now; always
    /// false without an operator address (nothing could be verified).
    bool canRefreshManifest() const;
    bool isRefreshing() const { return m_refreshing; }
    /// The verified manifest in use, if any (even expired: knownInstances() ignores an expired one).
    const std::optional<proto::ClusterManifest> &manifest() const { return m_manifest; }

    /// True if @p url failed (noteFailure()) within the last failureMemoryMs.
    bool recentlyFailed(const QUrl &url) const;
    /// A mix session reached @p url: clears its failure mark; Connected event.
    void noteConnected(const QUrl &url, const QString &origin = {});
    /// @p url could not be used (unreachable, dropped the connection, or
    /// answered that the pool is elsewhere or unavailable): avoided for
    /// failureMemoryMs; ConnectionFailed event with @p why.
    void noteFailure(const QUrl &url, const QString &why, const QString &origin = {});
    /// A session moves from @p from to @p to after @p delayMs: Failover event.
    void noteFailover(const QUrl &from, const CoordinatorEndpoint &to, int delayMs, const QString &origin = {});

    /// The last kEventHistory events, oldest first (for a view opened late).
    const QList<DirectoryEvent> &recentEvents() const { return m_events; }

Q_SIGNALS:
    /// A cluster event happened (also appended to recentEvents()).
    void event(const wp::client::DirectoryEvent &event);
    /// A refreshManifest() fetch ended; @p updated when a newer verified manifest is now in use.
    void manifestRefreshFinished(bool updated);

private:
    struct Entry {
        CoordinatorEndpoint endpoint;
        bool fromManifest = false;
    };
    QList<Entry> entries() const;
    QString displayName(const QUrl &url) const;
    QList<CoordinatorEndpoint> withoutRecentFailures(const QList<CoordinatorEndpoint> &endpoints) const;
    void markFailed(const QUrl &url);
    void record(DirectoryEvent::Kind kind, const QUrl &url, const QString &message, const QString &origin,
                const QString &name = {});
    void onClusterFetched(const QUrl &from, Result<QByteArray> body);

    DirectoryConfig m_config;
    btc::NetworkParams m_params;
    QList<CoordinatorEndpoint> m_bootstrap; ///< validated, normalized, usable with the configured URL kind
    std::optional<proto::ClusterManifest> m_manifest;
    std::function<qint64()> m_now;
    QHash<QString, qint64> m_failedAt; ///< normalized URL string -> wall clock of the last failure
    QList<DirectoryEvent> m_events;
    bool m_refreshing = false;
    qint64 m_lastRefreshAttemptMs = 0;
    bool m_refreshedOnce = false;
};

} // namespace wp::client

Q_DECLARE_METATYPE(wp::client::DirectoryEvent)
Q_DECLARE_METATYPE(wp::client::CoordinatorEndpoint)
