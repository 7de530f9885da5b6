#pragma once

#include <crypto/securebytes.h>

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <optional>

namespace wp::crypto {

/// A secp256k1 public key (wraps libsecp256k1; immutable value type).
class PubKey {
public:
    /// Parses a 33-byte compressed or 65-byte uncompressed SEC encoding.
    /// Returns: nullopt for any other length or a point not on the curve.
    static std::optional<PubKey> fromBytes(QByteArrayView serialized);

    /// SEC encoding, 33 bytes compressed (default) or 65 bytes uncompressed.
    QByteArray serialize(bool compressed = true) const;

    /// Verifies a strict-DER ECDSA signature of a 32-byte digest. High-S
    /// signatures are normalised first (as Bitcoin Core's CPubKey::Verify).
    /// Returns: false for malformed DER, a wrong digest length or a bad signature.
    bool verifyDer(QByteArrayView hash32, QByteArrayView derSignature) const;

    /// Returns: this + tweak·G, or nullopt if the tweak is out of range or the result is infinity (BIP32).
    std::optional<PubKey> tweakAdd(QByteArrayView tweak32) const;

    friend bool operator==(const PubKey &a, const PubKey &b) { return a.serialize() == b.serialize(); }

private:
    PubKey() = default;
    friend class PrivKey;
    friend std::optional<PubKey> recoverCompact(QByteArrayView, QByteArrayView, bool *);
    std::array<unsigned char, 64> m_data{}; // secp256k1_pubkey, opaque
};

/// A secp256k1 private key; its 32 bytes live in wiped memory.
class PrivKey {
public:
    /// Returns: nullopt unless @p bytes is 32 bytes and a valid scalar (0 < k < n).
    static std::optional<PrivKey> fromBytes(QByteArrayView bytes);
    /// A fresh key from the CSPRNG.
    static PrivKey generate();

    const SecureBytes &bytes() const { return m_secret; }
    PubKey pubKey() const;

    /// RFC 6979 deterministic ECDSA over a 32-byte digest; low-S, DER encoded.
    QByteArray signDer(QByteArrayView hash32) const;

    /// RFC 6979 recoverable signature in the 65-byte "compact" form of
    /// Bitcoin signed messages: header 27 + recid (+4 when @p compressed), r, s.
    QByteArray signCompact(QByteArrayView hash32, bool compressed = true) const;

    /// Returns: (this + tweak) mod n, or nullopt if out of range (BIP32).
    std::optional<PrivKey> tweakAdd(QByteArrayView tweak32) const;

    /// ECDH as BIP47 uses it: the 32-byte x coordinate of this·other.
    SecureBytes ecdhX(const PubKey &other) const;

private:
    explicit PrivKey(SecureBytes secret) : m_secret(std::move(secret)) {}
    SecureBytes m_secret;
};

/// Recovers the public key from a 65-byte compact signature of a 32-byte digest.
/// Out: @p compressed (optional) tells whether the header asked for a compressed key.
/// Returns: nullopt for a bad header, length or signature.
std::optional<PubKey> recoverCompact(QByteArrayView hash32, QByteArrayView signature65, bool *compressed = nullptr);

} // namespace wp::crypto
