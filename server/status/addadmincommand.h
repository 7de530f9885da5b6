#pragma once

#include <QString>

#include <cstdio>
#include <functional>
#include <optional>

namespace wp::server {
struct CoordinatorOptions;
}

namespace wp::server::status {

/// Runs `whirlpool-coordinator --config FILE --add-admin LOGIN`: reads the password
/// from $WP_ADMIN_PASSWORD, else one line from standard input (without echo on a
/// terminal), never from the command line; checks it (at least 12 characters); applies
/// the schema migrations; hashes it (PBKDF2-HMAC-SHA512, passwordhash.h) and creates
/// the admin_user row, or replaces the password of an existing admin.
/// Blocking: call it from main() instead of starting the coordinator.
/// Returns: the process exit code, 0 after printing one line to @p out, 1 after
/// printing a one-line reason to @p err.
int runAddAdminCommand(const CoordinatorOptions &options, std::FILE *out = stdout, std::FILE *err = stderr);

/// The password for --add-admin: $WP_ADMIN_PASSWORD if set, else one line of @p in
/// (trailing CR/LF removed; echo turned off while reading when @p in is a terminal,
/// with a prompt on @p prompt). Returns nullopt on end of input.
std::optional<QString> readAdminPassword(std::FILE *in, std::FILE *prompt);

} // namespace wp::server::status
