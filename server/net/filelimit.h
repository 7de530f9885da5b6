#pragma once

#include <util/result.h>

namespace wp::server::net {

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

} // namespace wp::server::net
