#pragma once

#include <QtGlobal>

#include <optional>

namespace wp::server::mix {

/// Escalating bans (§3.9): when the blames of one identifier within
/// `blamePeriodS` reach `blamesToBan`, it is banned for `banDurationS`, and every
/// further ban of the same identifier lasts `recidivismFactor` times the last one.
struct BanPolicy {
    int blamesToBan = 8;
    qint64 blamePeriodS = 7200;
    qint64 banDurationS = 43200;
    int recidivismFactor = 2;
    qint64 maxBanDurationS = 365LL * 24 * 3600; ///< caps the escalation

    /// Returns: the duration of the ban to create now, or nullopt if @p recentBlames
    /// (including the new one) is still under the threshold.
    std::optional<qint64> banFor(int recentBlames, std::optional<qint64> lastBanDurationS) const
    {
        if (recentBlames < blamesToBan)
            return std::nullopt;
        if (!lastBanDurationS || *lastBanDurationS <= 0)
            return banDurationS;
        const qint64 next = *lastBanDurationS * recidivismFactor;
        return next > maxBanDurationS || next < *lastBanDurationS ? maxBanDurationS : next;
    }
};

} // namespace wp::server::mix
