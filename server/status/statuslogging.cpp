#include <status/statuslogging.h>

Q_LOGGING_CATEGORY(lcStatus, "wp.server.status", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "wp.server.admin", QtInfoMsg)
