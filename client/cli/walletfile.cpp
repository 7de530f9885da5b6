#include "walletfile.h"

#include <bitcoin/bip39.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace wp::client {

Result<WalletFile> WalletFile::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read wallet %1: %2").arg(path, file.errorString()));
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    WalletFile w;
    const auto network = btc::networkFromName(o.value(QStringLiteral("network")).toString());
    w.mnemonic = o.value(QStringLiteral("mnemonic")).toString();
    w.passphrase = o.value(QStringLiteral("passphrase")).toString();
    w.birthdayHeight = qMax(1, o.value(QStringLiteral("birthdayHeight")).toInt(1));
    if (o.value(QStringLiteral("version")).toInt() != 1 || !network || !btc::validateMnemonic(w.mnemonic))
        return fail(QStringLiteral("%1 is not a whirlpool-cli wallet file (or it is damaged)").arg(path));
    w.network = *network;
    return w;
}

Result<void> WalletFile::save(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write wallet %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QJsonObject o{{QStringLiteral("version"), 1},
                        {QStringLiteral("network"), btc::networkParams(network).name},
                        {QStringLiteral("mnemonic"), mnemonic},
                        {QStringLiteral("passphrase"), passphrase},
                        {QStringLiteral("birthdayHeight"), birthdayHeight}};
    file.write(QJsonDocument(o).toJson());
    if (!file.commit())
        return fail(QStringLiteral("cannot write wallet %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace wp::client
