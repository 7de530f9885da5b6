#pragma once

#include <bitcoin/network.h>
#include <crypto/scrypt.h>
#include <crypto/securebytes.h>
#include <util/result.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace wp::client {

/// Error::code values of the encrypted wallet file (WalletFileFormat, EncryptedWalletFile).
enum class WalletFileError : int {
    Io = 1,             ///< the file or its folder cannot be read or written (message: path and OS reason)
    NotFound,           ///< open(): no file at the path
    AlreadyExists,      ///< create(): a file is already at the path; it is left untouched
    Damaged,            ///< not a wallet file, truncated, or altered; the message names what is wrong
    UnsupportedVersion, ///< written by a newer program (a format version this one does not read)
    WrongPassword,      ///< the password does not decrypt the file
    ChangedOnDisk,      ///< save(): the file was changed or removed by someone else since it was read
    BadContents,        ///< create()/save() refused: invalid mnemonic, birthday, password or KDF parameters
};

/// What the encrypted wallet file holds. The secrets (mnemonic, passphrase)
/// are UTF-8 in wiped memory; network, birthday and app state are plain.
/// Copyable value type (copying duplicates the secrets: keep copies short-lived).
struct WalletContents {
    crypto::SecureBytes mnemonic;   ///< BIP39 English sentence, single spaces (btc::normalizeMnemonic)
    crypto::SecureBytes passphrase; ///< optional BIP39 passphrase ("25th word"), UTF-8 as typed, may be empty
    btc::Network network = btc::Network::Main;
    int birthdayHeight = 1;         ///< first block height to scan (>= 1)
    QJsonObject appState;           ///< the GUI's small persisted state (mix counts, settings, ...)

    /// The mnemonic as a QString for WalletKeys::fromMnemonic (this copy is not wiped: keep it short-lived).
    QString mnemonicText() const { return QString::fromUtf8(mnemonic.view()); }
    /// The passphrase as a QString (same caveat).
    QString passphraseText() const { return QString::fromUtf8(passphrase.view()); }

    /// Builds contents from typed text: the mnemonic is normalized (btc::normalizeMnemonic)
    /// but not validated here (WalletFileFormat::checkContents does that).
    static WalletContents fromText(QStringView mnemonic, QStringView passphrase, btc::Network network,
                                   int birthdayHeight, QJsonObject appState = {});

    friend bool operator==(const WalletContents &, const WalletContents &) = default;
};

/// A key derived from the wallet password: the AES-256-GCM key and the scrypt
/// salt and parameters it came from (both stored in the file header).
/// Move-only, so the key has one owner.
struct WalletFileKey {
    crypto::SecureBytes key; ///< 32 bytes
    QByteArray salt;         ///< 16 bytes
    crypto::ScryptParams params;

    WalletFileKey() = default;
    WalletFileKey(WalletFileKey &&) = default;
    WalletFileKey &operator=(WalletFileKey &&) = default;
    WalletFileKey(const WalletFileKey &) = delete;
    WalletFileKey &operator=(const WalletFileKey &) = delete;
};

/// The parsed, checked envelope of a wallet file (everything but the decryption).
struct WalletEnvelope {
    int version = 0;
    crypto::ScryptParams kdf;
    QByteArray salt;
    QByteArray nonce;
    QByteArray sealed; ///< ciphertext followed by the 16-byte GCM tag
    QByteArray aad;    ///< the header bytes authenticated by GCM
};

/// The encrypted wallet file format, without any I/O (EncryptedWalletFile reads and writes it).
///
/// A file is one line of compact JSON (keys sorted, no spaces) and a newline:
///
///     {"checksum":"<64 hex>",
///      "cipher":{"name":"aes-256-gcm","nonce":"<base64, 12 bytes>"},
///      "ciphertext":"<base64: AES-256-GCM ciphertext, then the 16-byte tag>",
///      "format":"whirlpool-wallet",
///      "kdf":{"n":131072,"name":"scrypt","p":1,"r":8,"salt":"<base64, 16 bytes>"},
///      "version":1}
///
/// - key = scrypt(NFKD(password) as UTF-8, salt, n, r, p) -> 32 bytes (RFC 7914,
///   OpenSSL EVP_KDF "SCRYPT"). n is a power of two in [2^10, 2^20], r in [1, 16],
///   p in [1, 4], using at most 512 MiB (128 * r * n); the default is n = 2^17,
///   r = 8, p = 1 (128 MiB; tests use n = 2^15).
/// - Associated data = the header: the compact JSON of the object without
///   "checksum" and "ciphertext" (format, version, kdf with salt, cipher with nonce).
/// - checksum = hex SHA-256 of the compact JSON of the object without "checksum".
///   It tells a damaged file (any changed, missing or added byte) from a wrong
///   password before any key is derived; GCM then authenticates the header
///   and ciphertext under the password's key. A file deliberately altered with a
///   recomputed checksum fails GCM and reads as a wrong password.
/// - Plaintext (version 1), binary so the secrets never pass through JSON strings:
///   u8 network (0 main, 1 test, 2 regtest) | u32 LE birthday height |
///   CompactSize + UTF-8 mnemonic | CompactSize + UTF-8 passphrase |
///   CompactSize + compact JSON of the app state object.
/// - The file must be exactly its canonical form: re-serializing what was parsed
///   gives the same bytes (so no byte can change unnoticed, even whitespace).
/// - Versions: "format" and "version" stay at the top level in every future
///   version; a version above kVersion is refused with UnsupportedVersion.
///
/// Thread-safe (pure functions). deriveKey() is slow by design.
class WalletFileFormat {
public:
    static constexpr int kVersion = 1;
    static constexpr int kSaltSize = 16;
    /// A wallet file is small; anything larger is refused as damaged before parsing.
    static constexpr qsizetype kMaxFileSize = 1 << 20;
    /// The default (interactive) scrypt cost: n = 2^17, r = 8, p = 1 (about 128 MiB).
    static constexpr crypto::ScryptParams kDefaultKdf{std::uint64_t(1) << 17, 8, 1};
    /// A cheaper cost for tests only: n = 2^15, r = 8, p = 1.
    static constexpr crypto::ScryptParams kTestKdf{std::uint64_t(1) << 15, 8, 1};

    /// Checks the structure of a file's bytes: size, JSON, canonical form,
    /// checksum, format name, version, KDF and cipher fields. Fast (no KDF).
    /// Returns: WalletFileError::Damaged naming the first problem found, or
    /// UnsupportedVersion for a valid envelope of a newer version.
    static Result<WalletEnvelope> parse(QByteArrayView fileBytes);

    /// Derives the file key from @p password with @p params and @p salt (16 bytes).
    /// SLOW (about a second and 128 MiB with kDefaultKdf): never on an event-loop thread.
    /// Returns: BadContents for parameters outside the accepted bounds or a wrong salt
    /// size, Io when the memory cannot be allocated.
    static Result<WalletFileKey> deriveKey(QStringView password, const crypto::ScryptParams &params,
                                           const QByteArray &salt);
    /// deriveKey() with a fresh random salt.
    static Result<WalletFileKey> deriveNewKey(QStringView password, const crypto::ScryptParams &params);

    /// Decrypts a parsed envelope with a key derived from its salt and parameters.
    /// Fast. Returns: WrongPassword when GCM authentication fails, Damaged when the
    /// decrypted payload is malformed (only possible for a file written by a bug).
    static Result<WalletContents> decrypt(const WalletEnvelope &envelope, const WalletFileKey &key);

    /// The file bytes of @p contents encrypted under @p key with a fresh random nonce.
    /// Fast. @p contents must pass checkContents() (else WP_ASSERT: a bug).
    static QByteArray encrypt(const WalletContents &contents, const WalletFileKey &key);

    /// Returns: BadContents unless the mnemonic is a valid English BIP39 sentence,
    /// the birthday height is in [1, 2^31) and the app state fits the file.
    static Result<void> checkContents(const WalletContents &contents);
    /// Returns: BadContents unless the scrypt parameters are within the accepted bounds.
    static Result<void> checkKdfParams(const crypto::ScryptParams &params);
    /// Returns: BadContents for an empty password.
    static Result<void> checkNewPassword(QStringView password);
};

} // namespace wp::client
