#pragma once

#include <QLoggingCategory>

namespace wp::client {

/// STOMP transport ("wp.client.stomp").
Q_DECLARE_LOGGING_CATEGORY(lcStomp)
/// Coordinator REST calls ("wp.client.rest").
Q_DECLARE_LOGGING_CATEGORY(lcRest)
/// Mix sessions ("wp.client.mix"). Logged by session id only, never an address next to an input.
Q_DECLARE_LOGGING_CATEGORY(lcMix)
/// Coordinator directory: manifest, instance choice, redirects, failover ("wp.client.cluster").
Q_DECLARE_LOGGING_CATEGORY(lcCluster)

} // namespace wp::client
