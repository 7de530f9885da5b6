#pragma once

#include <mixer/coordinatordirectory.h>
#include <wallet/utxo.h>

#include <protocol/messages.h>
#include <util/result.h>

#include <QCoreApplication>
#include <QString>

namespace wp::client {

/// The words the desktop client shows for errors and cluster events: a
/// translated headline that says what happened in plain language, followed by
/// the technical detail of the lower layer (English) where it helps. Pure
/// functions (no I/O), usable from any thread once translators are installed.
class AppText {
    Q_DECLARE_TR_FUNCTIONS(wp::client::AppText)
public:
    /// A WalletFileError (walletfileformat.h) for people: "Wrong password.", "The wallet
    /// file is damaged: ...". Unknown codes give the detail as is. Never fails.
    static QString walletFileError(const Error &error);
    /// A Tx0Error (tx0builder.h) for people, with the builder's detail. Never fails.
    static QString tx0Error(const Error &error);
    /// A SpendError (spendbuilder.h) for people, with the builder's detail. Never fails.
    static QString spendError(const Error &error);
    /// A failed broadcast: the node's reason, explained ("already spent" and the like). Never fails.
    static QString broadcastError(const Error &error);
    /// A failed chain sync (node unreachable, wrong credentials...). Never fails.
    static QString syncError(const QString &detail);
    /// One line for a cluster event: who, what and why ("Redirected to beta, the pool's owner").
    /// Never fails.
    static QString directoryEvent(const DirectoryEvent &event);
    /// Why @p utxo is not offered for mixing (account, confirmations, value outside
    /// every pool of @p pools, pools not loaded), or empty when it is mixable with
    /// @p minConfirmations (walletmodel.h: mixableCoins()). Never fails.
    static QString whyNotMixing(const Utxo &utxo, const QList<proto::PoolInfo> &pools, int minConfirmations);
};

} // namespace wp::client
