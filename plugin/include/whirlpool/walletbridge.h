#pragma once

// Public API: what the HOST wallet implements. Keys never leave the host: the
// plugin asks it to sign. Qt and std types only; pure virtual; new functions
// are only ever appended (see docs/integrator-guide.md, "ABI").

#include <whirlpool/types.h>

#include <QByteArray>
#include <QList>
#include <QSharedPointer>
#include <QString>

namespace whirlpool {

/// The answer slot of one WalletBridge request, implemented by the plugin.
/// The host calls exactly one of the setters, once, from ANY thread, at once or
/// later (a hardware wallet may take minutes). Thread-safe. Answers after the
/// first one, after the request timed out, or after the mixer was destroyed are
/// ignored (isOpen() says whether an answer still matters). A setter that does
/// not match the request (e.g. setText() for signInput) fails the request with a
/// clear error.
class BridgeReply {
public:
    virtual ~BridgeReply() = default;
    /// signMessage: base64 compact signature; nextAddress: a bech32 address.
    virtual void setText(const QString &text) = 0;
    /// signInput: the witness stack [DER signature + 0x01 sighash byte, 33-byte compressed pubkey].
    virtual void setWitness(const QList<QByteArray> &witness) = 0;
    /// listCoins: every coin of the wallet (the plugin keeps premix/postmix ones).
    virtual void setCoins(const QList<Coin> &coins) = 0;
    /// The request failed; @p message is shown to the user (no key material in it).
    virtual void setError(const QString &message) = 0;
    /// False once answered, timed out or abandoned.
    virtual bool isOpen() const = 0;
};
using BridgeReplyPtr = QSharedPointer<BridgeReply>;

/// The host wallet as the plugin sees it. Implemented by the host; every call
/// comes on the thread that created the Mixer (normally the GUI thread) and must
/// return at once: the answer goes to @p reply later (any thread). A call that
/// throws is caught by the plugin and fails that request.
class WalletBridge {
public:
    virtual ~WalletBridge() = default;

    /// The wallet's coins with their accounts.
    virtual void listCoins(BridgeReplyPtr reply) = 0;

    /// Sign @p message (UTF-8 bytes) as a Bitcoin signed message with the key of
    /// @p coin; answer setText(base64 compact signature, compressed-key header).
    virtual void signMessage(const Coin &coin, const QByteArray &message, BridgeReplyPtr reply) = 0;

    /// Sign input @p inputIndex of @p unsignedTx (full serialized transaction,
    /// no witnesses) which spends @p coin (prevout value coin.value, script
    /// coin.scriptPubKey) as P2WPKH with BIP143 and SIGHASH_ALL; answer
    /// setWitness(). The plugin has verified the transaction pays this coin's
    /// output correctly and verifies the signature too.
    virtual void signInput(const Coin &coin, const QByteArray &unsignedTx, int inputIndex, BridgeReplyPtr reply) = 0;

    /// The next unused address of @p kind (never handed out twice); answer setText().
    virtual void nextAddress(AddressKind kind, BridgeReplyPtr reply) = 0;

    /// The bech32 address of the premix account's first key (m/84'/c'/2147483645'/0/0):
    /// public, constant, needed for Whirlpool's userPreHash. Must not block.
    virtual QString firstPremixAddress() const = 0;

    /// A mix that spent @p outpoint was broadcast as @p txid: the host may
    /// rescan. Informational; must not block.
    virtual void mixBroadcast(const QString &outpoint, const QString &txid) = 0;
};

} // namespace whirlpool
