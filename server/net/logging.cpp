#include <net/logging.h>

namespace wp::server::net {

Q_LOGGING_CATEGORY(lcNet, "wp.server.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "wp.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStomp, "wp.server.stomp", QtInfoMsg)

} // namespace wp::server::net
