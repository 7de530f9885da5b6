#pragma once

#include <QLoggingCategory>

// Logging categories of the coordinator's services. Privacy: log sessions by id
// and never an input together with an output or an address.
Q_DECLARE_LOGGING_CATEGORY(lcPool)
Q_DECLARE_LOGGING_CATEGORY(lcCoordinator)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
