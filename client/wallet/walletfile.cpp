#include "walletfile.h"

#include "logging.h"

#include <util/async.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>

#include <unistd.h>

namespace wp::client {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

Error fileFail(WalletFileError code, QString message)
{
    return Error(int(code), std::move(message));
}

/// The bytes of the file at @p path (at most kMaxFileSize + 1 of them).
Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fileFail(WalletFileError::NotFound, QStringLiteral("no wallet file at %1").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fileFail(WalletFileError::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.read(WalletFileFormat::kMaxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return fileFail(WalletFileError::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return bytes;
}

/// Puts @p bytes at @p path, which must not exist: written and synced to a
/// temporary file next to it, then renamed without replacing anything.
Result<void> writeNewFile(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fileFail(WalletFileError::Io, QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    QTemporaryFile tmp(info.absoluteFilePath() + QStringLiteral(".XXXXXX.tmp"));
    if (!tmp.open())
        return fileFail(WalletFileError::Io, QStringLiteral("cannot write in %1: %2").arg(info.absolutePath(), tmp.errorString()));
    tmp.setPermissions(kOwnerOnly);
    if (tmp.write(bytes) != bytes.size() || !tmp.flush() || ::fsync(tmp.handle()) != 0)
        return fileFail(WalletFileError::Io, QStringLiteral("cannot write %1: %2").arg(tmp.fileName(), tmp.errorString()));
    // QFile::rename never replaces an existing file (renameat2 RENAME_NOREPLACE or link/unlink).
    if (!tmp.rename(info.absoluteFilePath())) {
        if (QFileInfo::exists(path))
            return fileFail(WalletFileError::AlreadyExists,
                            QStringLiteral("a file already exists at %1; it was left untouched").arg(path));
        return fileFail(WalletFileError::Io, QStringLiteral("cannot create %1: %2").arg(path, tmp.errorString()));
    }
    tmp.setAutoRemove(false);
    return {};
}

/// Replaces the file at @p path with @p bytes if it still holds @p expected.
Result<void> replaceFile(const QString &path, const QByteArray &expected, const QByteArray &bytes)
{
    auto current = readFile(path);
    if (!current && current.error().code == int(WalletFileError::NotFound))
        return fileFail(WalletFileError::ChangedOnDisk,
                        QStringLiteral("the wallet file %1 was moved or deleted; not written").arg(path));
    if (!current)
        return current.error();
    if (*current != expected)
        return fileFail(WalletFileError::ChangedOnDisk,
                        QStringLiteral("the wallet file %1 was changed by another program since it was read; "
                                       "it was left untouched")
                            .arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileFail(WalletFileError::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(kOwnerOnly);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fileFail(WalletFileError::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

Result<EncryptedWalletFile> EncryptedWalletFile::create(const QString &path, const WalletContents &contents,
                                                        QStringView password, const crypto::ScryptParams &kdf)
{
    if (auto ok = WalletFileFormat::checkNewPassword(password); !ok)
        return ok.error();
    if (auto ok = WalletFileFormat::checkKdfParams(kdf); !ok)
        return ok.error();
    if (auto ok = WalletFileFormat::checkContents(contents); !ok)
        return ok.error();
    if (QFileInfo::exists(path) || QFileInfo(path).isSymLink())
        return fileFail(WalletFileError::AlreadyExists,
                        QStringLiteral("a file already exists at %1; it was left untouched").arg(path));
    auto key = WalletFileFormat::deriveNewKey(password, kdf);
    if (!key)
        return key.error();
    QByteArray bytes = WalletFileFormat::encrypt(contents, *key);
    if (auto written = writeNewFile(path, bytes); !written)
        return written.error();
    qCInfo(lcWallet) << "created an encrypted wallet file";
    return EncryptedWalletFile(path, contents, std::move(*key), std::move(bytes));
}

Result<EncryptedWalletFile> EncryptedWalletFile::open(const QString &path, QStringView password)
{
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    auto envelope = WalletFileFormat::parse(*bytes);
    if (!envelope)
        return envelope.error();
    auto key = WalletFileFormat::deriveKey(password, envelope->kdf, envelope->salt);
    if (!key)
        return key.error();
    auto contents = WalletFileFormat::decrypt(*envelope, *key);
    if (!contents)
        return contents.error();
    return EncryptedWalletFile(path, std::move(*contents), std::move(*key), std::move(*bytes));
}

Result<EncryptedWalletFile> EncryptedWalletFile::changePassword(const QString &path, QStringView oldPassword,
                                                                QStringView newPassword, const crypto::ScryptParams &kdf)
{
    if (auto ok = WalletFileFormat::checkNewPassword(newPassword); !ok)
        return ok.error();
    if (auto ok = WalletFileFormat::checkKdfParams(kdf); !ok)
        return ok.error();
    auto opened = open(path, oldPassword);
    if (!opened)
        return opened.error();
    auto key = WalletFileFormat::deriveNewKey(newPassword, kdf);
    if (!key)
        return key.error();
    QByteArray bytes = WalletFileFormat::encrypt(opened->m_contents, *key);
    if (auto written = replaceFile(path, opened->m_diskBytes, bytes); !written)
        return written.error();
    qCInfo(lcWallet) << "changed the wallet password";
    return EncryptedWalletFile(path, std::move(opened->m_contents), std::move(*key), std::move(bytes));
}

void EncryptedWalletFile::createAsync(QObject *context, const QString &path, const WalletContents &contents,
                                      const QString &password, const crypto::ScryptParams &kdf, Done done)
{
    util::runInThreadPool<Result<EncryptedWalletFile>>(
        context, [path, contents, password, kdf] { return create(path, contents, password, kdf); }, std::move(done));
}

void EncryptedWalletFile::openAsync(QObject *context, const QString &path, const QString &password, Done done)
{
    util::runInThreadPool<Result<EncryptedWalletFile>>(
        context, [path, password] { return open(path, password); }, std::move(done));
}

void EncryptedWalletFile::changePasswordAsync(QObject *context, const QString &path, const QString &oldPassword,
                                              const QString &newPassword, const crypto::ScryptParams &kdf, Done done)
{
    util::runInThreadPool<Result<EncryptedWalletFile>>(
        context, [path, oldPassword, newPassword, kdf] { return changePassword(path, oldPassword, newPassword, kdf); },
        std::move(done));
}

Result<void> EncryptedWalletFile::save()
{
    if (auto ok = WalletFileFormat::checkContents(m_contents); !ok)
        return ok.error();
    QByteArray bytes = WalletFileFormat::encrypt(m_contents, m_key);
    if (auto written = replaceFile(m_path, m_diskBytes, bytes); !written)
        return written.error();
    m_diskBytes = std::move(bytes);
    return {};
}

} // namespace wp::client
