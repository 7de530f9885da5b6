#pragma once

#include <QLoggingCategory>

namespace wp::server::db {

/// "wp.server.db": connections, reconnects, slow jobs, migrations. Never logs
/// parameter values (they may be addresses or identifiers).
Q_DECLARE_LOGGING_CATEGORY(lcDb)

} // namespace wp::server::db
