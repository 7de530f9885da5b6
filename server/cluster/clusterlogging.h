#pragma once

#include <QLoggingCategory>

namespace wp::server::cluster {

/// "wp.server.cluster": membership, leases, fencing, drains. Logs instance and
/// pool ids only.
Q_DECLARE_LOGGING_CATEGORY(lcCluster)

} // namespace wp::server::cluster
