#include "spendbuilder.h"

#include "tx0builder.h"

#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>

#include <QSet>

#include <algorithm>

namespace wp::client {

namespace {

constexpr qsizetype kP2wpkhScriptSize = 22;
constexpr int kLockTimeThreshold = 500'000'000; // nLockTime at or above it is a timestamp

Error spendFail(SpendError code, QString message)
{
    return Error(int(code), std::move(message));
}

QString networkName(btc::Network network)
{
    switch (network) {
    case btc::Network::Main:
        return QStringLiteral("mainnet");
    case btc::Network::Test:
        return QStringLiteral("testnet");
    case btc::Network::Regtest:
        return QStringLiteral("regtest");
    }
    return {};
}

struct Validated {
    SpendPreview preview;
    btc::Script recipientScript;
};

Result<btc::Amount> checkCoins(const QList<Utxo> &coins, WalletAccount account)
{
    if (coins.isEmpty())
        return spendFail(SpendError::NoCoins, QStringLiteral("no coin chosen to spend"));
    QSet<btc::OutPoint> seen;
    btc::Amount total = 0;
    for (const Utxo &u : coins) {
        const QString name = u.outpoint.toString();
        if (seen.contains(u.outpoint))
            return spendFail(SpendError::BadCoin, QStringLiteral("coin %1 is chosen twice").arg(name));
        seen.insert(u.outpoint);
        if (u.value <= 0 || !btc::moneyRange(u.value))
            return spendFail(SpendError::BadCoin, QStringLiteral("coin %1 has an invalid value").arg(name));
        if (u.account() != account)
            return spendFail(SpendError::BadCoin, QStringLiteral("coin %1 belongs to the %2 account, not %3")
                                                      .arg(name, accountName(u.account()), accountName(account)));
        if (!u.script.isP2wpkh())
            return spendFail(SpendError::BadCoin, QStringLiteral("coin %1 is not P2WPKH").arg(name));
        if (!u.isMature())
            return spendFail(SpendError::ImmatureCoinbase,
                             QStringLiteral("coin %1 is a coinbase output with %2 confirmation(s), %3 needed")
                                 .arg(name)
                                 .arg(u.confirmations)
                                 .arg(kCoinbaseMaturity));
        total += u.value;
        if (!btc::moneyRange(total))
            return spendFail(SpendError::BadCoin, QStringLiteral("the coins add up to more than 21 million BTC"));
    }
    return total;
}

Result<Validated> validate(const SpendRequest &r, const AddressBook &book)
{
    const btc::Network network = book.keys().network();
    auto total = checkCoins(r.coins, r.account);
    if (!total)
        return total.error();
    auto address = SpendBuilder::parseAddress(r.address, network);
    if (!address)
        return address.error();
    if (r.feeRate < SpendBuilder::kMinFeeRate || r.feeRate > SpendBuilder::kMaxFeeRate)
        return spendFail(SpendError::BadFeeRate, QStringLiteral("fee rate %1 sat/vB is outside [%2, %3]")
                                                     .arg(r.feeRate)
                                                     .arg(SpendBuilder::kMinFeeRate)
                                                     .arg(SpendBuilder::kMaxFeeRate));
    if (r.currentHeight < 0 || r.currentHeight >= kLockTimeThreshold)
        return spendFail(SpendError::BadHeight, QStringLiteral("block height %1 is out of range").arg(r.currentHeight));
    if (!r.sendAll) {
        if (r.amount <= 0 || !btc::moneyRange(r.amount))
            return spendFail(SpendError::BadAmount, QStringLiteral("the amount must be between 1 sat and 21 million BTC"));
        if (r.amount < SpendBuilder::kDustLimit)
            return spendFail(SpendError::DustOutput, QStringLiteral("%1 sat is below the dust limit of %2 sat")
                                                         .arg(r.amount)
                                                         .arg(SpendBuilder::kDustLimit));
    }

    const btc::Script &recipient = address->scriptPubKey();
    const int nbInputs = int(r.coins.size());
    const qint64 vsizeAlone = Tx0Builder::estimateVsize(nbInputs, {recipient.size()});
    const qint64 vsizeWithChange = Tx0Builder::estimateVsize(nbInputs, {recipient.size(), kP2wpkhScriptSize});
    if (vsizeAlone * 4 > SpendBuilder::kMaxStandardWeight)
        return spendFail(SpendError::TooLarge,
                         QStringLiteral("%1 coins make a transaction of %2 vB, above the standard limit of %3 vB; "
                                        "spend fewer coins at a time")
                             .arg(nbInputs)
                             .arg(vsizeAlone)
                             .arg(SpendBuilder::kMaxStandardWeight / 4));

    SpendPreview p;
    p.address = address->toString();
    p.addressType = address->type();
    p.nbInputs = nbInputs;
    p.totalInputs = *total;
    p.feeRate = r.feeRate;
    const btc::Amount feeAlone = vsizeAlone * r.feeRate;
    const btc::Amount feeWithChange = vsizeWithChange * r.feeRate;

    if (r.sendAll) {
        p.amount = p.totalInputs - feeAlone;
        if (p.amount < SpendBuilder::kDustLimit)
            return spendFail(SpendError::InsufficientFunds,
                             QStringLiteral("the coins hold %1 sat; after a fee of %2 sat, %3 sat would be left, below "
                                            "the dust limit of %4 sat")
                                 .arg(p.totalInputs)
                                 .arg(feeAlone)
                                 .arg(p.totalInputs - feeAlone)
                                 .arg(SpendBuilder::kDustLimit));
        p.fee = feeAlone;
        p.vsize = vsizeAlone;
    } else {
        p.amount = r.amount;
        if (p.totalInputs < r.amount + feeAlone)
            return spendFail(SpendError::InsufficientFunds,
                             QStringLiteral("sending %1 sat with a fee of %2 sat needs %3 sat; the coins hold %4 sat")
                                 .arg(r.amount)
                                 .arg(feeAlone)
                                 .arg(r.amount + feeAlone)
                                 .arg(p.totalInputs));
        const btc::Amount change = p.totalInputs - r.amount - feeWithChange;
        if (change >= SpendBuilder::kDustLimit) {
            p.change = change;
            p.fee = feeWithChange;
            p.vsize = vsizeWithChange;
            p.changePath = book.peekNext(r.account, btc::AddressChain::Change);
        } else {
            p.fee = p.totalInputs - r.amount;
            p.changeAddedToFee = p.fee - feeAlone;
            p.vsize = vsizeAlone;
        }
    }
    WP_ASSERT(p.amount + p.fee + p.change == p.totalInputs);
    return Validated{p, recipient};
}

} // namespace

Result<btc::Address> SpendBuilder::parseAddress(QStringView text, btc::Network network)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return spendFail(SpendError::InvalidAddress, QStringLiteral("no destination address"));
    auto address = btc::Address::fromString(trimmed, btc::networkParams(network));
    if (!address) {
        for (btc::Network other : {btc::Network::Main, btc::Network::Test, btc::Network::Regtest})
            if (other != network && btc::Address::fromString(trimmed, btc::networkParams(other)))
                return spendFail(SpendError::WrongNetwork, QStringLiteral("%1 is a %2 address; this wallet is on %3")
                                                               .arg(trimmed.toString(), networkName(other),
                                                                    networkName(network)));
        return spendFail(SpendError::InvalidAddress,
                         QStringLiteral("%1 is not a valid address: %2").arg(trimmed.toString(), address.error().message));
    }
    if (address->type() == btc::AddressType::WitnessUnknown)
        return spendFail(SpendError::InvalidAddress,
                         QStringLiteral("%1 uses a future segwit version; sending to it is not supported")
                             .arg(trimmed.toString()));
    return address;
}

Result<SpendPreview> SpendBuilder::preview(const SpendRequest &request, const AddressBook &book)
{
    auto v = validate(request, book);
    if (!v)
        return v.error();
    return v->preview;
}

Result<SpendTx> SpendBuilder::build(const SpendRequest &request, AddressBook &book)
{
    auto v = validate(request, book);
    if (!v)
        return v.error();
    const WalletKeys &keys = book.keys();
    for (const Utxo &u : request.coins) {
        auto script = keys.script(u.path);
        if (!script || *script != u.script)
            return spendFail(SpendError::BadCoin, QStringLiteral("coin %1 is not paid to the wallet key %2")
                                                      .arg(u.outpoint.toString(), u.path.toString()));
    }

    SpendTx out;
    out.preview = v->preview;
    btc::Script changeScript;
    if (out.preview.change > 0) {
        // Reserved only now that the spend is known to be valid.
        const KeyPath path = book.reserveNext(request.account, btc::AddressChain::Change);
        auto script = keys.script(path);
        if (!script)
            return spendFail(SpendError::SigningFailed, script.error().message);
        changeScript = std::move(*script);
        out.preview.changePath = path;
    }

    btc::Transaction &tx = out.tx;
    tx.version = 2;
    tx.lockTime = std::uint32_t(request.currentHeight);
    for (const Utxo &u : request.coins)
        tx.inputs.append(btc::TxIn{u.outpoint, {}, kSequenceRbf, {}});
    tx.outputs.append(btc::TxOut{out.preview.amount, v->recipientScript});
    if (out.preview.change > 0)
        tx.outputs.append(btc::TxOut{out.preview.change, changeScript});
    btc::sortBip69(tx);
    for (int i = 0; i < int(tx.outputs.size()); ++i) {
        const btc::TxOut &o = tx.outputs[i];
        if (out.recipientOutput < 0 && o.scriptPubKey == v->recipientScript && o.value == out.preview.amount)
            out.recipientOutput = i;
        else
            out.changeOutput = i;
    }
    WP_ASSERT(out.recipientOutput >= 0 && (out.preview.change > 0) == (out.changeOutput >= 0));

    for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
        const auto u = std::find_if(request.coins.begin(), request.coins.end(),
                                    [&](const Utxo &x) { return x.outpoint == tx.inputs[i].prevout; });
        WP_ASSERT(u != request.coins.end());
        const auto key = keys.privKey(u->path);
        if (!key)
            return spendFail(SpendError::SigningFailed, key.error().message);
        if (auto signedInput = btc::signP2wpkhInput(tx, i, u->value, *key); !signedInput)
            return spendFail(SpendError::SigningFailed, signedInput.error().message);
        if (auto check = btc::verifyP2wpkhInput(tx, i, u->value, u->script); !check)
            return spendFail(SpendError::SigningFailed, check.error().message);
    }
    WP_ASSERT(tx.vsize() <= out.preview.vsize);
    return out;
}

} // namespace wp::client
