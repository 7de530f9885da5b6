#pragma once

#include <coordinatoroptions.h>

#include <functional>

class QCoreApplication;

namespace wp::server {

/// Process set-up of the coordinator: log message pattern and rules, and the
/// soft file-descriptor limit raised to the hard limit (many sockets).
void configureProcess(const CoordinatorOptions &options);

/// On SIGTERM or SIGINT, runs @p beforeQuit on the event loop and then quits
/// @p app (self-pipe, so nothing runs inside the signal handler).
void quitOnTerminationSignals(QCoreApplication *app, std::function<void()> beforeQuit);

} // namespace wp::server
