#pragma once

#include "clustertypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace wp::server::cluster {

/// What the pool router (PoolRouter) reads about pool ownership: whether this
/// instance holds a lease right now, who owns a pool otherwise, and which
/// instances are alive. ClusterMember implements it; unit tests implement it
/// with a table.
///
/// Thread affinity: that of the implementation (ClusterMember: the event loop).
class PoolOwnership {
public:
    virtual ~PoolOwnership() = default;

    /// This instance's id.
    virtual const QString &instanceId() const = 0;
    /// True if this instance owns @p poolId under fencing token @p epoch at the
    /// moment of the call (the fence deadline applied now, not when a timer fires).
    virtual bool holds(const QString &poolId, qint64 epoch) const = 0;
    /// The owner of @p poolId as last seen (this instance included), or nullopt
    /// while nobody holds it.
    virtual std::optional<PoolOwner> owner(const QString &poolId) const = 0;
    /// Instances with a fresh heartbeat as last seen, with the age of that heartbeat.
    virtual QList<MemberInfo> members() const = 0;

protected:
    PoolOwnership() = default;
    PoolOwnership(const PoolOwnership &) = default;
    PoolOwnership &operator=(const PoolOwnership &) = default;
};

} // namespace wp::server::cluster
