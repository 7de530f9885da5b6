#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

namespace wp::server::status {

/// Admin password hashing: PBKDF2-HMAC-SHA512 with a random 16-byte salt, stored as
/// the self-describing string "pbkdf2-sha512$<iterations>$<salt hex>$<hash hex>"
/// (64-byte hash). CPU-heavy by design (about 0.1-0.3 s): call it from a thread-pool
/// job (util::runInThreadPool) or a command-line tool, never on the event loop.

inline constexpr int kPasswordMinIterations = 100'000;
/// OWASP's 2023 figure for PBKDF2-HMAC-SHA512.
inline constexpr int kPasswordDefaultIterations = 210'000;
/// Stored hashes asking for more are refused (a hostile row must not burn minutes of CPU).
inline constexpr int kPasswordMaxIterations = 5'000'000;
inline constexpr int kPasswordMinLength = 12;
inline constexpr int kPasswordMaxLength = 1024;
inline constexpr int kPasswordSaltBytes = 16;
inline constexpr int kPasswordHashBytes = 64;

/// A stored password hash, parsed.
struct PasswordHash {
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;
};

/// Hashes @p password (UTF-8) with a fresh random salt. @p iterations must be in
/// [kPasswordMinIterations, kPasswordMaxIterations] (WP_ASSERT: a bug otherwise).
QString hashPassword(QStringView password, int iterations = kPasswordDefaultIterations);

/// Parses a stored hash string. Returns nullopt for anything not exactly in the format
/// above (unknown scheme, iterations out of range, salt not 16-64 bytes of hex, hash not
/// 64 bytes of hex). Safe on any input.
std::optional<PasswordHash> parsePasswordHash(QStringView stored);

/// True if @p password matches @p stored; the final comparison runs in constant time.
/// A malformed @p stored gives false (never crashes, never accepts). Costs one full
/// hash when @p stored is well formed.
bool verifyPassword(QStringView password, QStringView stored);

/// A well-formed hash that matches no password a user can type: verified instead of a
/// missing user's hash, so an unknown login costs the same time as a wrong password.
QString unmatchablePasswordHash();

/// Checks a new admin password: at least kPasswordMinLength characters, at most
/// kPasswordMaxLength. Returns: an empty string if acceptable, else the reason.
QString passwordProblem(QStringView password);

} // namespace wp::server::status
