#pragma once

#include <util/result.h>

namespace wp::server::net {

// Process-level set-up for a server with many sockets (reference/qt-port-scale.md §4).
// Call both from main(): preferUnixEventDispatcher() before the QCoreApplication exists,
// raiseFileLimit() before the NetServer is built.

/// RLIMIT_NOFILE: how many file descriptors the process may open.
struct FileLimit {
    qint64 soft = 0;
    qint64 hard = 0;
};

/// Reads the current RLIMIT_NOFILE. Returns an error carrying strerror(errno) if getrlimit fails.
Result<FileLimit> fileLimit();

/// Raises the soft RLIMIT_NOFILE to the hard limit (capped at 1,048,576 when the hard limit is
/// unlimited), as the coordinator must at start-up: each connection costs one fd. Returns the
/// limits now in force, or an error carrying strerror(errno). Never lowers the limit.
Result<FileLimit> raiseFileLimit();

/// Makes Qt use its poll()-based UNIX event dispatcher instead of the GLib one, whose socket
/// notifier bookkeeping grows with N^2 (measured on Qt 6.4: a 20k-client broadcast loop takes
/// 1.4 s instead of 25 ms). Sets QT_NO_GLIB=1 unless the environment already sets it; only
/// effective before the QCoreApplication is created. Returns false if it came too late.
bool preferUnixEventDispatcher();

} // namespace wp::server::net
