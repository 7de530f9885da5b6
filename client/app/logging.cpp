#include "logging.h"

namespace wp::client {

Q_LOGGING_CATEGORY(lcApp, "wp.client.app", QtInfoMsg)

} // namespace wp::client
