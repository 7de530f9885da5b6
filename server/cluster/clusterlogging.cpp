#include "clusterlogging.h"

namespace wp::server::cluster {

Q_LOGGING_CATEGORY(lcCluster, "wp.server.cluster", QtInfoMsg)

} // namespace wp::server::cluster
