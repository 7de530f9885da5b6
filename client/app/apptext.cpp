#include "apptext.h"
#include "walletmodel.h"

#include <wallet/spendbuilder.h>
#include <wallet/tx0builder.h>
#include <wallet/walletfileformat.h>

#include <net/noderpcclient.h>

namespace wp::client {

namespace {

/// "Headline: detail", or the headline alone when there is no detail.
QString withDetail(const QString &headline, const QString &detail)
{
    return detail.isEmpty() ? headline : headline + QStringLiteral(" (") + detail + QLatin1Char(')');
}

} // namespace

QString AppText::walletFileError(const Error &error)
{
    switch (WalletFileError(error.code)) {
    case WalletFileError::Io:
        return withDetail(tr("The wallet file cannot be read or written. Check the folder's permissions and free space."),
                          error.message);
    case WalletFileError::NotFound:
        return withDetail(tr("There is no wallet file there."), error.message);
    case WalletFileError::AlreadyExists:
        return withDetail(tr("A file already exists there; it was left untouched. Choose another name."), error.message);
    case WalletFileError::Damaged:
        return withDetail(tr("The wallet file is damaged. Restore the wallet from its recovery words."), error.message);
    case WalletFileError::UnsupportedVersion:
        return tr("This wallet file was written by a newer version of the app. Update the app to open it.");
    case WalletFileError::WrongPassword:
        return tr("Wrong password.");
    case WalletFileError::ChangedOnDisk:
        return withDetail(tr("The wallet file was changed by another program, so it was not overwritten. Lock and "
                             "open the wallet again."),
                          error.message);
    case WalletFileError::BadContents:
        return withDetail(tr("The wallet cannot be saved with these values."), error.message);
    }
    return error.message;
}

QString AppText::tx0Error(const Error &error)
{
    switch (Tx0Error(error.code)) {
    case Tx0Error::NoInputs:
        return tr("Choose at least one confirmed deposit coin.");
    case Tx0Error::BadInput:
        return withDetail(tr("One of the chosen coins cannot be used."), error.message);
    case Tx0Error::ImmatureCoinbase:
        return withDetail(tr("A mined coin can be spent only after 100 confirmations."), error.message);
    case Tx0Error::BadFeeRate:
        return withDetail(tr("The fee rate is out of range."), error.message);
    case Tx0Error::BadPool:
    case Tx0Error::BadTx0Data:
        return withDetail(tr("The coordinator sent pool data this wallet does not accept; nothing was spent."),
                          error.message);
    case Tx0Error::PremixFeeTooHigh:
        return withDetail(tr("The mix fee reserved per coin would be too high; choose a lower fee."), error.message);
    case Tx0Error::InsufficientFunds:
        return withDetail(tr("Not enough funds for this pool."), error.message);
    case Tx0Error::DustChange:
        return withDetail(tr("The change would be too small to spend later; add or remove a coin."), error.message);
    case Tx0Error::SigningFailed:
        return withDetail(tr("The wallet could not sign the transaction."), error.message);
    }
    return error.message;
}

QString AppText::spendError(const Error &error)
{
    switch (SpendError(error.code)) {
    case SpendError::NoCoins:
        return tr("Choose at least one coin to spend.");
    case SpendError::BadCoin:
        return withDetail(tr("One of the chosen coins cannot be spent from here."), error.message);
    case SpendError::ImmatureCoinbase:
        return withDetail(tr("A mined coin can be spent only after 100 confirmations."), error.message);
    case SpendError::InvalidAddress:
        return withDetail(tr("That is not a bitcoin address this wallet can send to."), error.message);
    case SpendError::WrongNetwork:
        return withDetail(tr("That address belongs to another bitcoin network."), error.message);
    case SpendError::BadAmount:
        return withDetail(tr("The amount is not valid."), error.message);
    case SpendError::DustOutput:
        return withDetail(tr("The amount is too small to be sent."), error.message);
    case SpendError::BadFeeRate:
        return withDetail(tr("The fee rate is out of range."), error.message);
    case SpendError::BadHeight:
        return withDetail(tr("The wallet has not synced with the node yet."), error.message);
    case SpendError::InsufficientFunds:
        return withDetail(tr("Not enough funds in the chosen coins."), error.message);
    case SpendError::TooLarge:
        return withDetail(tr("Too many coins for one transaction; spend fewer at a time."), error.message);
    case SpendError::SigningFailed:
        return withDetail(tr("The wallet could not sign the transaction."), error.message);
    }
    return error.message;
}

QString AppText::broadcastError(const Error &error)
{
    if (error.code == net::kRpcVerifyRejected)
        return withDetail(tr("The node did not accept the transaction (a coin may already be spent, or the fee is "
                             "too low). Nothing was sent."),
                          error.message);
    if (error.code == 0)
        return withDetail(tr("The node could not be reached, so the transaction was not sent."), error.message);
    return withDetail(tr("The node refused the transaction; nothing was sent."), error.message);
}

QString AppText::syncError(const QString &detail)
{
    return withDetail(tr("Cannot sync with the bitcoin node: balances may be out of date. Check the node settings; "
                         "retrying by itself."),
                      detail);
}

QString AppText::directoryEvent(const DirectoryEvent &e)
{
    const QString who = e.instanceName.isEmpty() ? e.url.toString() : e.instanceName;
    switch (e.kind) {
    case DirectoryEvent::Kind::Connected:
        return tr("Connected to coordinator %1").arg(who);
    case DirectoryEvent::Kind::Redirected:
        return withDetail(tr("Redirected to %1, the coordinator that runs the pool").arg(who), e.message);
    case DirectoryEvent::Kind::RedirectRefused:
        return withDetail(tr("Refused a redirect to %1: it is not a known instance of this cluster").arg(who),
                          e.message);
    case DirectoryEvent::Kind::ConnectionFailed:
        return withDetail(tr("Coordinator %1 cannot be reached").arg(who), e.message);
    case DirectoryEvent::Kind::Failover:
        return withDetail(tr("Switching to coordinator %1").arg(who), e.message);
    case DirectoryEvent::Kind::ManifestUpdated:
        return withDetail(tr("The cluster's signed instance list was updated"), e.message);
    case DirectoryEvent::Kind::ManifestRefused:
        return withDetail(tr("The cluster's instance list was not accepted"), e.message);
    }
    return e.message;
}

QString AppText::whyNotMixing(const Utxo &utxo, const QList<proto::PoolInfo> &pools, int minConfirmations)
{
    switch (utxo.account()) {
    case WalletAccount::Deposit:
        return tr("Deposit coins enter a pool through a Tx0.");
    case WalletAccount::Badbank:
        return tr("Change of a Tx0: it is linked to your deposit, so it never mixes. Spend it separately.");
    case WalletAccount::Premix:
    case WalletAccount::Postmix:
        break;
    }
    if (!utxo.isMature())
        return tr("A mined coin: it can move after 100 confirmations.");
    if (utxo.account() == WalletAccount::Postmix && utxo.chain() == btc::AddressChain::Change)
        return tr("Change of a payment from mixed coins: not a mix output, so it does not remix.");
    if (pools.isEmpty())
        return tr("Waiting for the coordinators' list of pools.");
    if (poolForCoin(utxo, pools).isEmpty())
        return tr("Its value fits no pool the coordinators offer now.");
    if (utxo.confirmations < minConfirmations)
        return tr("Waiting for confirmations: a mix needs at least %1.").arg(minConfirmations);
    return {};
}

} // namespace wp::client
