#pragma once

#include <QLoggingCategory>

namespace wp::server::net {

/// Accept, front door, connection limits: "wp.server.net".
Q_DECLARE_LOGGING_CATEGORY(lcNet)
/// HTTP requests and responses: "wp.server.http".
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
/// STOMP sessions: "wp.server.stomp".
Q_DECLARE_LOGGING_CATEGORY(lcStomp)

} // namespace wp::server::net
