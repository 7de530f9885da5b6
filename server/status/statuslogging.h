#pragma once

#include <QLoggingCategory>

// Logging categories of the dashboard, metrics and admin pages. Privacy: never log a
// client's address next to a coin; admin actions are logged with the admin's login.
Q_DECLARE_LOGGING_CATEGORY(lcStatus)
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)
