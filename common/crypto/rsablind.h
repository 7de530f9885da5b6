#pragma once

#include <crypto/securebytes.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <optional>

namespace wp::crypto {

// RSA blind signatures exactly as Whirlpool's "bordereau" (protocol reference §6):
//   client:  EM = EMSA-PSS-ENCODE(bordereau; SHA-256, MGF1-SHA-256, salt 32, trailer 0xBC,
//                                 emBits = modBits - 1)
//            blinded = EM · r^e mod n                                  (blind)
//   server:  blindSig = blinded^d mod n, always k = modulus-length bytes  (RsaKeyPair::signBlinded)
//   client:  sig = blindSig · r^-1 mod n                                (unblind, then verified)
//   anyone:  RSASSA-PSS-VERIFY(SHA-256, MGF1-SHA-256, salt 32) of the bordereau (RsaPublicKey::verifyPss)
// This is the blinding of RFC 9474's RSABSSA "PSS-Deterministic" variant (no
// message randomizer) but with SHA-256 and a 32-byte salt: what the Java
// (BouncyCastle PSSSigner + RSABlindingEngine) and Rust (blind_rsa_signatures,
// Options(Sha256, false, 32)) Whirlpool clients do.
//
// Keys must be RSA with e = 65537 and a 2048..4096-bit modulus. All OpenSSL
// handles are owned by the classes (RAII); the key objects are immutable and
// may be used from several threads at once. Secrets (d, r, r^-1) are never logged.

/// Error::code values of the functions below.
enum class RsaBlindError : int {
    WrongLength = 1,      ///< an input has the wrong size
    OutOfRange = 2,       ///< a number is 0 or >= n
    KeyMismatch = 3,      ///< unblind() with a key other than the one blind() used
    InvalidSignature = 4, ///< the unblinded signature does not verify (wrong key or a cheating signer)
    Internal = 5,         ///< OpenSSL failed unexpectedly
};

/// Salt length of the Whirlpool PSS encoding (bytes).
inline constexpr int kPssSaltLength = 32;
/// Public exponent of every key this module accepts.
inline constexpr unsigned long kRsaPublicExponent = 65537;

class BlindingContext;

/// An RSA public key (immutable, cheap to copy, thread-safe).
class RsaPublicKey {
public:
    /// Parses a DER X.509 SubjectPublicKeyInfo (as Whirlpool's `publicKey64`, after Z85 decoding).
    /// Returns: nullopt for malformed or non-canonical DER, trailing bytes, a
    /// non-RSA key, e != 65537 or a modulus outside 2048..4096 bits.
    static std::optional<RsaPublicKey> fromDer(QByteArrayView spki);

    /// DER SubjectPublicKeyInfo, byte-identical to what fromDer() accepted.
    QByteArray der() const;
    /// SHA-256 of der(): what clients compare to detect a per-client (tagging) key.
    QByteArray fingerprint() const;
    /// Bit length of n (2048 for Whirlpool keys).
    int modulusBits() const;
    /// k = ceil(modulusBits / 8): the size of blinded values and signatures.
    int modulusBytes() const;
    /// n as k big-endian bytes.
    QByteArray modulus() const;

    /// RSASSA-PSS verification of @p message (SHA-256, MGF1-SHA-256, salt exactly 32 bytes).
    /// @p signature may be shorter than k bytes (leading zeros stripped, as the
    /// Java client's RSABlindingEngine produces); it is left-padded before verifying.
    /// Returns: false for a bad signature, a longer-than-k signature or one >= n.
    bool verifyPss(QByteArrayView message, QByteArrayView signature) const;

    friend bool operator==(const RsaPublicKey &a, const RsaPublicKey &b) { return a.der() == b.der(); }

    struct Data; ///< implementation detail (OpenSSL handles), defined in rsablind.cpp

private:
    explicit RsaPublicKey(std::shared_ptr<const Data> d) : m_d(std::move(d)) {}
    friend Result<BlindingContext> blindWith(const RsaPublicKey &, QByteArrayView, QByteArrayView, QByteArrayView);
    friend Result<BlindingContext> blind(const RsaPublicKey &, QByteArrayView);
    friend Result<QByteArray> unblind(const RsaPublicKey &, const BlindingContext &, QByteArrayView);
    std::shared_ptr<const Data> m_d;
};

/// A coordinator's per-mix RSA key (immutable, cheap to copy, thread-safe:
/// signBlinded() may run on several worker threads at once).
class RsaKeyPair {
public:
    /// A fresh key with e = 65537. @p bits must be 2048..4096 (a bug otherwise).
    static RsaKeyPair generate(int bits = 2048);
    /// Parses an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY").
    /// Returns: nullopt for malformed PEM, a non-RSA key, e != 65537 or a modulus outside 2048..4096 bits.
    static std::optional<RsaKeyPair> fromPkcs8Pem(QByteArrayView pem);

    RsaPublicKey publicKey() const { return m_public; }
    /// DER X.509 SubjectPublicKeyInfo of the public half (n, e): what Whirlpool publishes.
    QByteArray publicKeyDer() const { return m_public.der(); }
    /// SHA-256 of publicKeyDer().
    QByteArray fingerprint() const { return m_public.fingerprint(); }

    /// Textbook RSA on a blinded value: blinded^d mod n, with OpenSSL's
    /// constant-time, blinded private-key operation (CRT, result checked).
    /// @p blinded must be exactly k bytes (big-endian) with 0 < value < n.
    /// Returns: k bytes, or WrongLength / OutOfRange / Internal.
    Result<QByteArray> signBlinded(QByteArrayView blinded) const;

    struct Data; ///< implementation detail (OpenSSL handles), defined in rsablind.cpp

private:
    /// Takes an acceptable key (checked by the caller); derives the public half.
    explicit RsaKeyPair(std::shared_ptr<const Data> d);
    std::shared_ptr<const Data> m_d;
    RsaPublicKey m_public;
};

/// Client state between blind() and unblind(): the blinded value to send, and
/// (privately) the bordereau, the key fingerprint and the unblinding factor r^-1.
/// Keep it for one mix attempt only; it holds a secret whose leak links the
/// client's input to its output.
class BlindingContext {
public:
    /// k bytes to send to the coordinator (`blindedBordereau64`).
    const QByteArray &blinded() const { return m_blinded; }
    /// The message that was blinded (the bordereau).
    const QByteArray &message() const { return m_message; }

private:
    friend Result<BlindingContext> blindWith(const RsaPublicKey &, QByteArrayView, QByteArrayView, QByteArrayView);
    friend Result<QByteArray> unblind(const RsaPublicKey &, const BlindingContext &, QByteArrayView);
    BlindingContext() = default;
    QByteArray m_blinded;
    QByteArray m_message;
    QByteArray m_keyFingerprint;
    SecureBytes m_rInverse; ///< k bytes, big-endian
};

/// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-256, MGF1-SHA-256 and trailer 0xBC.
/// @param salt any length (Whirlpool uses 32 random bytes)
/// @param emBits modBits - 1 for RSASSA-PSS
/// Returns: EM, ceil(emBits/8) bytes, or WrongLength if emBits is too small for the salt.
Result<QByteArray> pssEncode(QByteArrayView message, QByteArrayView salt, int emBits);

/// Blinds @p message for @p key with a fresh random salt and blinding factor.
/// Returns: the context, or an error only if the CSPRNG/OpenSSL fails (Internal).
Result<BlindingContext> blind(const RsaPublicKey &key, QByteArrayView message);

/// blind() with a caller-chosen 32-byte salt and blinding factor r (big-endian,
/// 1 < r < n, gcd(r, n) = 1): for known-answer tests only. Reusing r or salt
/// across blindings destroys unlinkability.
/// Returns: the context, or WrongLength (salt) / OutOfRange (r).
Result<BlindingContext> blindWith(const RsaPublicKey &key, QByteArrayView message, QByteArrayView salt,
                                  QByteArrayView r);

/// Unblinds the coordinator's answer and verifies the resulting signature on
/// the bordereau, so a coordinator cannot hand out a token that will be refused later.
/// @p blindSignature must be exactly k bytes (the server always pads).
/// Returns: the k-byte signature (`unblindedSignedBordereau64`), or
/// KeyMismatch / WrongLength / OutOfRange / InvalidSignature / Internal.
Result<QByteArray> unblind(const RsaPublicKey &key, const BlindingContext &context, QByteArrayView blindSignature);

} // namespace wp::crypto
