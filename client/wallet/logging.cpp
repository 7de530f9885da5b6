#include "logging.h"

namespace wp::client {

Q_LOGGING_CATEGORY(lcWallet, "wp.client.wallet", QtInfoMsg)

} // namespace wp::client
