#include <status/passwordhash.h>

#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/securebytes.h>
#include <util/assert.h>
#include <util/hex.h>

#include <QList>

#include <algorithm>

namespace wp::server::status {

namespace {

constexpr QLatin1StringView kScheme("pbkdf2-sha512");

/// The password as UTF-8 in a buffer that is wiped after use.
crypto::SecureBytes passwordBytes(QStringView password)
{
    QByteArray utf8 = password.toUtf8();
    crypto::SecureBytes out{QByteArrayView(utf8)};
    utf8.fill('\0');
    return out;
}

} // namespace

QString hashPassword(QStringView password, int iterations)
{
    WP_ASSERT(iterations >= kPasswordMinIterations && iterations <= kPasswordMaxIterations);
    const QByteArray salt = crypto::randomBytes(kPasswordSaltBytes);
    const crypto::SecureBytes secret = passwordBytes(password);
    const QByteArray hash = crypto::pbkdf2HmacSha512(secret.view(), salt, iterations, kPasswordHashBytes);
    return QStringLiteral("%1$%2$%3$%4").arg(kScheme).arg(iterations).arg(util::toHex(salt), util::toHex(hash));
}

std::optional<PasswordHash> parsePasswordHash(QStringView stored)
{
    if (stored.size() > 512)
        return std::nullopt;
    const QList<QStringView> parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != kScheme)
        return std::nullopt;
    // Digits only: toInt() would accept "+5" or " 5".
    if (parts[1].isEmpty() || parts[1].size() > 9 ||
        !std::all_of(parts[1].begin(), parts[1].end(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }))
        return std::nullopt;
    PasswordHash out;
    out.iterations = parts[1].toInt();
    if (out.iterations < kPasswordMinIterations || out.iterations > kPasswordMaxIterations)
        return std::nullopt;
    auto salt = util::fromHex(parts[2]);
    auto hash = util::fromHex(parts[3]);
    if (!salt || !hash || salt->size() < kPasswordSaltBytes || salt->size() > 64 || hash->size() != kPasswordHashBytes)
        return std::nullopt;
    out.salt = *salt;
    out.hash = *hash;
    return out;
}

bool verifyPassword(QStringView password, QStringView stored)
{
    const auto parsed = parsePasswordHash(stored);
    if (!parsed || password.size() > kPasswordMaxLength)
        return false;
    const crypto::SecureBytes secret = passwordBytes(password);
    const crypto::SecureBytes computed{
        QByteArrayView(crypto::pbkdf2HmacSha512(secret.view(), parsed->salt, parsed->iterations, kPasswordHashBytes))};
    // SecureBytes compares with CRYPTO_memcmp (constant time for equal sizes; sizes are both 64).
    return computed == crypto::SecureBytes{QByteArrayView(parsed->hash)};
}

QString unmatchablePasswordHash()
{
    // Salt and hash of zeros: finding a password whose PBKDF2 output is all zeros is
    // as hard as inverting SHA-512.
    return QStringLiteral("%1$%2$%3$%4")
        .arg(kScheme)
        .arg(kPasswordDefaultIterations)
        .arg(QString(kPasswordSaltBytes * 2, QLatin1Char('0')), QString(kPasswordHashBytes * 2, QLatin1Char('0')));
}

QString passwordProblem(QStringView password)
{
    if (password.size() < kPasswordMinLength)
        return QStringLiteral("the password must have at least %1 characters").arg(kPasswordMinLength);
    if (password.size() > kPasswordMaxLength)
        return QStringLiteral("the password must have at most %1 characters").arg(kPasswordMaxLength);
    return {};
}

} // namespace wp::server::status
