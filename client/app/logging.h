#pragma once

#include <QLoggingCategory>

namespace wp::client {

/// Desktop client model layer: wallet lifecycle, sync, Tx0, mixing, spending ("wp.client.app").
/// Never logs key material, mnemonics, passwords, or a coin next to an address or its mix output.
Q_DECLARE_LOGGING_CATEGORY(lcApp)

} // namespace wp::client
