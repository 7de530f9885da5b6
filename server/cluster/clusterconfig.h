#pragma once

#include <util/result.h>

#include <QString>
#include <QStringList>

#include <chrono>

namespace wp::server::cluster {

/// Smallest accepted gap between fenceAfter and leaseTtl: the margin that absorbs
/// the difference in rate between the local monotonic clock and the DB clock.
inline constexpr std::chrono::milliseconds kMinFenceSlack{500};

/// This instance's identity in the cluster and the lease timings (DESIGN §2.2).
/// A plain value type.
///
/// Timing rule: renewInterval < fenceAfter < leaseTtl, with leaseTtl - fenceAfter
/// >= kMinFenceSlack. An instance stops serving its pools fenceAfter after the
/// send time of its last successful renewal, so it is silent before the DB lease
/// (at least leaseTtl after that same send) can be taken by anyone else.
struct ClusterConfig {
    /// Stable operator-chosen name, shown on the dashboard (<= 100 characters).
    QString name;
    /// Public URLs clients are redirected to (<= 255 characters each, may be empty).
    QString urlClear;
    QString urlOnion;
    /// Software version shown on the dashboard (<= 50 characters).
    QString version;
    /// Every pool of the cluster (the same list on every instance): ASCII ids of
    /// 1..50 characters, no duplicates.
    QStringList pools;

    std::chrono::milliseconds renewInterval{2000}; ///< heartbeat + renewal period
    std::chrono::milliseconds leaseTtl{10000};     ///< DB lease length after each renewal
    std::chrono::milliseconds fenceAfter{7000};    ///< self-fence after this long without renewal
    /// cluster_instance rows whose heartbeat is older than this are deleted when an
    /// instance starts (history for the dashboard, bounded).
    std::chrono::hours instanceRetention{24 * 7};

    /// Production timings: renew 2 s, TTL 10 s, fence after 7 s (the defaults above).
    static ClusterConfig production(QStringList pools);
    /// Test and benchmark timings: renew 0.5 s, TTL 3 s, fence after 2 s.
    static ClusterConfig fastForTests(QStringList pools);
};

/// Checks the timing rule and the sizes/characters of every field.
/// Returns: an error naming the first bad field.
[[nodiscard]] Result<void> validate(const ClusterConfig &config);

} // namespace wp::server::cluster
