#pragma once

#include <bitcoin/network.h>
#include <util/result.h>

#include <QString>

namespace wp::client {

/// The CLI's wallet file: network, BIP39 mnemonic and passphrase, and the
/// height to scan from. JSON, written atomically with owner-only permissions.
/// (The desktop wallet's password-encrypted format comes with issue #5.)
struct WalletFile {
    btc::Network network = btc::Network::Regtest;
    QString mnemonic;
    QString passphrase;
    int birthdayHeight = 1;

    static Result<WalletFile> load(const QString &path);
    Result<void> save(const QString &path) const;
};

} // namespace wp::client
