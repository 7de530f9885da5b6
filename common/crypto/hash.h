#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace wp::crypto {

// Hash functions through OpenSSL's EVP interface. They never fail on any
// input; an OpenSSL failure here means a broken installation (WP_ASSERT).

QByteArray sha256(QByteArrayView data);
/// SHA-256 applied twice (bitcoin's Hash256).
QByteArray sha256d(QByteArrayView data);
QByteArray sha512(QByteArrayView data);
QByteArray ripemd160(QByteArrayView data);
/// RIPEMD-160 of SHA-256 (bitcoin's Hash160).
QByteArray hash160(QByteArrayView data);

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);
QByteArray hmacSha512(QByteArrayView key, QByteArrayView data);

/// PBKDF2 with HMAC-SHA512 (BIP39 seed derivation).
QByteArray pbkdf2HmacSha512(QByteArrayView password, QByteArrayView salt, int iterations, int length);

/// BIP340 tagged hash: sha256(sha256(tag) || sha256(tag) || data).
QByteArray taggedHash(QByteArrayView tag, QByteArrayView data);

} // namespace wp::crypto
