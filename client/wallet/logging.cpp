#include "logging.h"

namespace wp::client {

Q_LOGGING_CATEGORY(lcWallet, "wp.client.wallet")

} // namespace wp::client
