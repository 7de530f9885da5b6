#include "clustertypes.h"

namespace wp::server::cluster {

QString instanceStateName(InstanceState state)
{
    switch (state) {
    case InstanceState::Active:
        return QStringLiteral("active");
    case InstanceState::Draining:
        return QStringLiteral("draining");
    case InstanceState::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("stopped");
}

QString lossReasonName(LossReason reason)
{
    switch (reason) {
    case LossReason::Fenced:
        return QStringLiteral("fenced");
    case LossReason::LeaseLost:
        return QStringLiteral("lease-lost");
    case LossReason::Released:
        return QStringLiteral("released");
    case LossReason::Shutdown:
        return QStringLiteral("shutdown");
    }
    return QStringLiteral("unknown");
}

} // namespace wp::server::cluster
