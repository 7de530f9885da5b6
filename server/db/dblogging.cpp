#include "dblogging.h"

namespace wp::server::db {

Q_LOGGING_CATEGORY(lcDb, "wp.server.db", QtInfoMsg)

} // namespace wp::server::db
