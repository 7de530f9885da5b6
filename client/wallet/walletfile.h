#pragma once

#include "walletfileformat.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

class QObject;

namespace wp::client {

/// The desktop wallet's password-encrypted file on disk (format: WalletFileFormat):
/// the BIP39 mnemonic and passphrase, network, birthday height and the GUI's
/// app state, under a key derived from the user's password with scrypt.
///
/// An open wallet file keeps the derived key (in wiped memory), so the app
/// state can be saved again without the password and without the KDF.
///
/// Safety rules:
/// - create() never replaces an existing file (the new file is written to a
///   temporary file and renamed without replacing, atomically).
/// - save() and changePassword() replace the file atomically (QSaveFile), and
///   only if it still holds exactly the bytes read or written last: a file changed
///   by someone else is never overwritten (ChangedOnDisk).
/// - A file that cannot be read, is damaged, has a newer format or is locked by a
///   wrong password is reported and never touched.
/// - Files are written with permissions 0600.
///
/// create(), open() and changePassword() are SLOW (scrypt: about a second and
/// 128 MiB with the default parameters): call them off the GUI thread, or use the
/// ...Async() wrappers, which run them on the global thread pool and answer on
/// the context object's thread.
///
/// Move-only value type; not thread-safe (one thread uses an instance at a time).
class EncryptedWalletFile {
public:
    using Done = std::function<void(Result<EncryptedWalletFile>)>;

    /// Creates a new wallet file at @p path (its folder is created if missing).
    /// SLOW (one key derivation).
    /// Returns: AlreadyExists if anything is at @p path (checked before the KDF and
    /// again atomically when the file is put in place), BadContents for an invalid
    /// mnemonic, birthday, empty password or KDF parameters out of bounds, Io when
    /// the folder or file cannot be written.
    static Result<EncryptedWalletFile> create(const QString &path, const WalletContents &contents,
                                              QStringView password,
                                              const crypto::ScryptParams &kdf = WalletFileFormat::kDefaultKdf);

    /// Opens and decrypts the wallet file at @p path. SLOW (one key derivation).
    /// Returns: NotFound, Io (unreadable), Damaged (with what is wrong),
    /// UnsupportedVersion, or WrongPassword. The file is never modified.
    static Result<EncryptedWalletFile> open(const QString &path, QStringView password);

    /// Re-encrypts the wallet file at @p path under @p newPassword with a fresh
    /// salt (and @p kdf), after checking @p oldPassword. The contents are those
    /// on disk: save() pending changes first. SLOW (two key derivations).
    /// Returns: open()'s errors for the old password, BadContents for an empty new
    /// password or bad KDF parameters, ChangedOnDisk if the file changed during
    /// the operation, Io when it cannot be written (the old file is then intact).
    /// On success the returned object replaces any open one for this path (whose
    /// save() would now report ChangedOnDisk).
    static Result<EncryptedWalletFile> changePassword(const QString &path, QStringView oldPassword,
                                                      QStringView newPassword,
                                                      const crypto::ScryptParams &kdf = WalletFileFormat::kDefaultKdf);

    /// create() on the global thread pool; @p done runs on @p context's thread
    /// (not at all if @p context is destroyed first). Returns at once.
    static void createAsync(QObject *context, const QString &path, const WalletContents &contents,
                            const QString &password, const crypto::ScryptParams &kdf, Done done);
    /// open() on the global thread pool; @p done as createAsync(). Returns at once.
    static void openAsync(QObject *context, const QString &path, const QString &password, Done done);
    /// changePassword() on the global thread pool; @p done as createAsync(). Returns at once.
    static void changePasswordAsync(QObject *context, const QString &path, const QString &oldPassword,
                                    const QString &newPassword, const crypto::ScryptParams &kdf, Done done);

    EncryptedWalletFile(EncryptedWalletFile &&) = default;
    EncryptedWalletFile &operator=(EncryptedWalletFile &&) = default;
    EncryptedWalletFile(const EncryptedWalletFile &) = delete;
    EncryptedWalletFile &operator=(const EncryptedWalletFile &) = delete;

    const QString &path() const { return m_path; }
    /// The decrypted contents (secrets included: never log them).
    const WalletContents &contents() const { return m_contents; }
    /// The scrypt parameters of the file's key.
    const crypto::ScryptParams &kdfParams() const { return m_key.params; }

    /// Replaces the app state in memory; save() writes it.
    void setAppState(const QJsonObject &state) { m_contents.appState = state; }

    /// Writes the contents with the key of open()/create() (fresh nonce, no KDF:
    /// fast; a small synchronous file write with fsync).
    /// Returns: ChangedOnDisk if the file no longer holds what was last read or
    /// written (it is then left alone), BadContents if the app state is too large,
    /// Io when it cannot be written (the previous file stays intact).
    Result<void> save();

private:
    EncryptedWalletFile(QString path, WalletContents contents, WalletFileKey key, QByteArray diskBytes)
        : m_path(std::move(path)), m_contents(std::move(contents)), m_key(std::move(key)),
          m_diskBytes(std::move(diskBytes)) {}

    QString m_path;
    WalletContents m_contents;
    WalletFileKey m_key;
    QByteArray m_diskBytes; ///< the file's bytes as last read or written
};

} // namespace wp::client
