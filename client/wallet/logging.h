#pragma once

#include <QLoggingCategory>

namespace wp::client {

/// Wallet: keys, chain scanning, Tx0 building ("wp.client.wallet").
/// Never logs key material, addresses together with amounts, or seeds.
Q_DECLARE_LOGGING_CATEGORY(lcWallet)

} // namespace wp::client
