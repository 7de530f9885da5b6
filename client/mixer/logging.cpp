#include <mixer/logging.h>

namespace wp::client {

Q_LOGGING_CATEGORY(lcStomp, "wp.client.stomp", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRest, "wp.client.rest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMix, "wp.client.mix", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCluster, "wp.client.cluster", QtInfoMsg)

} // namespace wp::client
