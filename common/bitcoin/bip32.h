#pragma once

#include <bitcoin/network.h>
#include <crypto/eckey.h>
#include <crypto/securebytes.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace wp::btc {

/// Error::code values of the HD wallet functions (bip32, bip39, bip84, bip47).
enum class HdError : int {
    BadEncoding = 1,    ///< not base58check, bad checksum, wrong length
    BadVersion,         ///< version bytes not among the accepted ones
    BadStructure,       ///< depth / parent fingerprint / child number inconsistent
    BadKey,             ///< key bytes are not a valid secp256k1 key
    BadPath,            ///< malformed derivation path
    HardenedFromPublic, ///< hardened child requested from a public key
    InvalidChild,       ///< BIP32 "proceed with the next index" case, or depth overflow
    BadSeed,            ///< seed length outside 16..64 bytes, or invalid master key
    BadWordCount,       ///< mnemonic word count not 12/15/18/21/24
    UnknownWord,        ///< mnemonic word not in the wordlist
    BadChecksum,        ///< mnemonic checksum mismatch
    BadEntropy,         ///< entropy length not 16/20/24/28/32 bytes
    BadPaymentCode,     ///< BIP47 payment code malformed or unsupported
};

/// Convenience: an Error carrying an HdError code.
inline Error hdFail(HdError code, QString message) { return Error(int(code), std::move(message)); }

/// Child numbers at or above this are hardened (written 0' / 0h).
inline constexpr std::uint32_t kHardened = 0x80000000u;

/// Length of a serialized extended key payload (without base58check checksum).
inline constexpr int kExtendedKeySize = 78;

/// Parses "m/84'/0'/0'/0/1" (absolute, leading "m") or "84'/0/1" (relative) into child numbers.
/// Hardened markers: ', h or H. "m" alone is the empty path. No spaces, no empty components,
/// each index < 2^31 before hardening, at most 255 components.
/// Out: @p absolute (optional) tells whether the path started with "m".
/// Returns: HdError::BadPath with the offending component.
Result<std::vector<std::uint32_t>> parseDerivationPath(QStringView path, bool *absolute = nullptr);

/// Formats child numbers as "m/84'/0'/0'/0/1" (hardened written with ').
QString formatDerivationPath(std::span<const std::uint32_t> path);

/// A BIP32 extended public key (immutable value type).
class ExtendedPubKey {
public:
    /// Builds a key from its parts. Returns: nullopt if @p chainCode is not 32 bytes,
    /// or if depth 0 comes with a non-zero parent fingerprint or child number.
    static std::optional<ExtendedPubKey> fromParts(std::uint8_t depth, std::uint32_t parentFingerprint,
                                                   std::uint32_t childNumber, QByteArrayView chainCode,
                                                   const crypto::PubKey &pubKey);

    /// Parses a base58check extended public key whose 4 version bytes must be one of
    /// @p acceptedVersions. Checks length (78 bytes), checksum, depth-0 consistency
    /// (parent fingerprint and child number zero) and that the key is a valid compressed point.
    /// Returns: HdError::BadEncoding / BadVersion / BadStructure / BadKey with a message.
    static Result<ExtendedPubKey> parse(QStringView text, std::span<const std::uint32_t> acceptedVersions);
    /// Same, accepting the xpub and zpub (SLIP-132 BIP84) versions of @p params.
    static Result<ExtendedPubKey> parse(QStringView text, const NetworkParams &params);

    /// Version bytes of the last parse() (0 for keys made otherwise).
    std::uint32_t parsedVersion() const { return m_parsedVersion; }

    /// CKDpub: the non-hardened child @p index.
    /// Returns: HdError::HardenedFromPublic for index >= 2^31, HdError::InvalidChild when BIP32
    /// says to skip the index (probability < 2^-127) or depth would exceed 255.
    Result<ExtendedPubKey> derive(std::uint32_t index) const;

    /// Derives a relative path ("0/1", or "m/0/1" only on a depth-0 key). Hardened steps fail.
    /// Returns: the first error of parseDerivationPath() or derive().
    Result<ExtendedPubKey> derivePath(QStringView path) const;
    /// Derives the given child numbers in order.
    Result<ExtendedPubKey> derivePath(std::span<const std::uint32_t> path) const;

    /// Base58check serialization with the 4 @p version bytes (xpub, tpub, zpub, vpub...).
    QString serialize(std::uint32_t version) const;
    /// The 78-byte payload serialize() encodes.
    QByteArray toBytes(std::uint32_t version) const;

    std::uint8_t depth() const { return m_depth; }
    std::uint32_t parentFingerprint() const { return m_parentFingerprint; }
    std::uint32_t childNumber() const { return m_childNumber; }
    const QByteArray &chainCode() const { return m_chainCode; }
    const crypto::PubKey &pubKey() const { return m_pubKey; }
    /// First 4 bytes of hash160(compressed pubkey), big endian (the children's parent fingerprint).
    std::uint32_t fingerprint() const;

    friend bool operator==(const ExtendedPubKey &a, const ExtendedPubKey &b)
    {
        return a.m_depth == b.m_depth && a.m_parentFingerprint == b.m_parentFingerprint
            && a.m_childNumber == b.m_childNumber && a.m_chainCode == b.m_chainCode && a.m_pubKey == b.m_pubKey;
    }

private:
    ExtendedPubKey(std::uint8_t depth, std::uint32_t parentFingerprint, std::uint32_t childNumber,
                   QByteArray chainCode, crypto::PubKey pubKey)
        : m_depth(depth), m_parentFingerprint(parentFingerprint), m_childNumber(childNumber),
          m_chainCode(std::move(chainCode)), m_pubKey(std::move(pubKey)) {}
    friend class ExtendedPrivKey;

    std::uint8_t m_depth = 0;
    std::uint32_t m_parentFingerprint = 0;
    std::uint32_t m_childNumber = 0;
    std::uint32_t m_parsedVersion = 0;
    QByteArray m_chainCode;
    crypto::PubKey m_pubKey;
};

/// A BIP32 extended private key. Its private key and chain code live in wiped memory.
class ExtendedPrivKey {
public:
    /// The master key of a 16..64 byte seed (HMAC-SHA512 keyed "Bitcoin seed").
    /// Returns: HdError::BadSeed for another length or the (2^-127) invalid master key.
    static Result<ExtendedPrivKey> fromSeed(QByteArrayView seed);

    /// Parses a base58check extended private key whose version must be in @p acceptedVersions.
    /// Checks as ExtendedPubKey::parse, plus the 0x00 key prefix and 0 < key < n.
    static Result<ExtendedPrivKey> parse(QStringView text, std::span<const std::uint32_t> acceptedVersions);
    /// Same, accepting the xprv and zprv (SLIP-132 BIP84) versions of @p params.
    static Result<ExtendedPrivKey> parse(QStringView text, const NetworkParams &params);

    /// Version bytes of the last parse() (0 for keys made otherwise).
    std::uint32_t parsedVersion() const { return m_parsedVersion; }

    /// CKDpriv: child @p index (hardened when >= kHardened).
    /// Returns: HdError::InvalidChild when BIP32 says to skip the index, or past depth 255.
    Result<ExtendedPrivKey> derive(std::uint32_t index) const;

    /// Derives "m/84'/0'/0'/0/1" (absolute: only on a depth-0 key) or a relative "0'/1".
    /// Returns: HdError::BadPath for a malformed path or an absolute path on a non-master key.
    Result<ExtendedPrivKey> derivePath(QStringView path) const;
    /// Derives the given child numbers in order.
    Result<ExtendedPrivKey> derivePath(std::span<const std::uint32_t> path) const;

    /// The matching extended public key.
    ExtendedPubKey neuter() const;

    /// Base58check serialization with the 4 @p version bytes (xprv, tprv, zprv, vprv...).
    /// The returned string holds the secret: the caller decides where it may go.
    QString serialize(std::uint32_t version) const;

    std::uint8_t depth() const { return m_depth; }
    std::uint32_t parentFingerprint() const { return m_parentFingerprint; }
    std::uint32_t childNumber() const { return m_childNumber; }
    const crypto::SecureBytes &chainCode() const { return m_chainCode; }
    const crypto::PrivKey &privKey() const { return m_privKey; }
    crypto::PubKey pubKey() const { return m_privKey.pubKey(); }
    std::uint32_t fingerprint() const;

private:
    ExtendedPrivKey(std::uint8_t depth, std::uint32_t parentFingerprint, std::uint32_t childNumber,
                    crypto::SecureBytes chainCode, crypto::PrivKey privKey)
        : m_depth(depth), m_parentFingerprint(parentFingerprint), m_childNumber(childNumber),
          m_chainCode(std::move(chainCode)), m_privKey(std::move(privKey)) {}

    std::uint8_t m_depth = 0;
    std::uint32_t m_parentFingerprint = 0;
    std::uint32_t m_childNumber = 0;
    std::uint32_t m_parsedVersion = 0;
    crypto::SecureBytes m_chainCode;
    crypto::PrivKey m_privKey;
};

} // namespace wp::btc
