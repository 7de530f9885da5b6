#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/script.h>
#include <bitcoin/transaction.h>
#include <util/result.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace wp::client {

/// The coin a MixSession mixes. Whether it joins as liquidity (a postmix coin
/// remixing for free) is derived as in the classic client: value == denomination.
struct MixUtxo {
    btc::OutPoint outpoint;
    btc::Amount value = 0;
    btc::Script scriptPubKey; ///< P2WPKH
};

/// What a MixSession needs from the wallet that owns the coin. Keys never
/// leave the wallet: it signs on request.
///
/// Every request answers through its callback, exactly once, LATER or at once,
/// from ANY thread (a hardware wallet may take minutes, a plugin host may answer
/// on its own thread). MixSession moves answers to its own thread and ignores
/// answers that arrive after it moved on or was destroyed. Errors are reported
/// through Result (the message is shown to the user, so no key material in it).
class MixWallet {
public:
    virtual ~MixWallet() = default;

    template <typename T>
    using Callback = std::function<void(Result<T>)>;

    /// Signs @p message (UTF-8 bytes) as a Bitcoin signed message with the key
    /// of @p utxo; answers the base64 compact signature (65 bytes, compressed header).
    virtual void signMessage(const MixUtxo &utxo, const QByteArray &message, Callback<QString> done) = 0;

    /// Signs input @p inputIndex of @p unsignedTx, spending @p utxo worth
    /// @p utxo.value, as P2WPKH with BIP143 and SIGHASH_ALL; answers the witness
    /// stack [DER signature + 0x01, 33-byte compressed pubkey]. The session has
    /// already verified the transaction (§8.3) and verifies the answer too.
    virtual void signInput(const MixUtxo &utxo, const btc::Transaction &unsignedTx, qsizetype inputIndex,
                           Callback<QList<QByteArray>> done) = 0;

    /// The next unused postmix receive address (bech32 P2WPKH of the session's
    /// network). Asked again when the coordinator says the address is already used.
    virtual void nextOutputAddress(Callback<QString> done) = 0;

    /// hex(SHA-256(first PREMIX address)) computed once per wallet (§8.4).
    /// Called on the session's thread; must not block.
    virtual QString userPreHash() const = 0;
};

} // namespace wp::client
