#include <logging.h>

Q_LOGGING_CATEGORY(lcPool, "wp.server.pool", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCoordinator, "wp.server.coordinator", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "wp.server.store", QtInfoMsg)
