#pragma once

#include <crypto/securebytes.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>

namespace wp::crypto {

/// AES-256-GCM sizes: 32-byte key, 12-byte nonce (96-bit IV), 16-byte tag.
inline constexpr int kAesGcmKeySize = 32;
inline constexpr int kAesGcmNonceSize = 12;
inline constexpr int kAesGcmTagSize = 16;

/// AES-256-GCM authenticated encryption (NIST SP 800-38D) through OpenSSL's EVP.
/// A nonce must never be used twice with the same key: draw it from
/// randomBytes(kAesGcmNonceSize) for each message. Thread-safe.
///
/// In:      @p key: 32 bytes. @p nonce: 12 bytes (else WP_ASSERT: a bug).
///          @p plaintext, @p aad (authenticated, not encrypted): any bytes.
/// Returns: ciphertext (same length as the plaintext) followed by the 16-byte tag.
[[nodiscard]] QByteArray aes256GcmEncrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView plaintext,
                                          QByteArrayView aad);

/// Decrypts and authenticates what aes256GcmEncrypt() produced.
///
/// In:      @p key: 32 bytes, @p nonce: 12 bytes (else WP_ASSERT).
///          @p sealed: ciphertext followed by its 16-byte tag (untrusted).
///          @p aad: the associated data given when encrypting.
/// Returns: the plaintext, or an error (code 0) when @p sealed is shorter than
///          a tag or the tag does not authenticate key, nonce, aad and
///          ciphertext (wrong key, or altered data). Nothing of the plaintext
///          is returned on failure; the plaintext lives in wiped memory.
[[nodiscard]] Result<SecureBytes> aes256GcmDecrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView sealed,
                                                  QByteArrayView aad);

} // namespace wp::crypto
