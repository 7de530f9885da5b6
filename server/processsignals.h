#pragma once

#include <coordinatoroptions.h>

#include <functional>

class QCoreApplication;

namespace wp::server {

/// Process set-up of the coordinator: log message pattern and rules, and the
/// soft file-descriptor limit raised to the hard limit (many sockets).
void configureProcess(const CoordinatorOptions &options);

/// On the first SIGTERM or SIGINT, calls @p gracefulStop on the event loop with a
/// function that quits @p app (call it when the graceful stop is over); on a second
/// signal, quits at once. A self-pipe keeps all work out of the signal handler.
void stopOnTerminationSignals(QCoreApplication *app, std::function<void(std::function<void()> quit)> gracefulStop);

} // namespace wp::server
