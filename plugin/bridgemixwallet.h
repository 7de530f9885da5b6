#pragma once

#include <whirlpool/walletbridge.h>

#include <mixer/asyncgate.h>
#include <mixer/mixwallet.h>

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace wp::plugin {

/// The client library's MixWallet over the host's whirlpool::WalletBridge: the
/// same MixSession code the desktop app uses signs through the host, whose keys
/// never enter the plugin.
///
/// Robustness at the boundary: every bridge call is wrapped (an exception from
/// the host fails that request), every request times out after timeoutMs (a
/// host that never answers fails only that coin), answers of the wrong kind or
/// that do not verify (a message signature that is not by the coin's key) fail
/// with a clear message, and answers after a timeout or after detach() are
/// ignored.
///
/// Thread affinity: called on the thread of @p context (the mixer's); answers
/// may come from any thread. detach() before the bridge goes away.
class BridgeMixWallet : public client::MixWallet {
public:
    /// Finds the host's coin for an outpoint (account etc.); nullopt when unknown.
    using CoinLookup = std::function<std::optional<whirlpool::Coin>(const btc::OutPoint &)>;

    /// @p bridge and @p context must not be null (WP_ASSERT).
    BridgeMixWallet(whirlpool::WalletBridge *bridge, QObject *context, int timeoutMs, CoinLookup lookup);

    void signMessage(const client::MixUtxo &utxo, const QByteArray &message, Callback<QString> done) override;
    void signInput(const client::MixUtxo &utxo, const btc::Transaction &unsignedTx, qsizetype inputIndex,
                   Callback<QList<QByteArray>> done) override;
    void nextOutputAddress(Callback<QString> done) override;
    /// hex(SHA-256(firstPremixAddress())), asked once from the host.
    QString userPreHash() const override;

    /// Asks the host for all its coins (listCoins) with the same timeout rules.
    void listCoins(std::function<void(Result<QList<whirlpool::Coin>>)> done);

    /// The bridge is gone or the mixer is closing: no further calls reach it and
    /// pending answers are dropped. Idempotent.
    void detach();

    enum class Kind { Text, Witness, Coins };
    /// What the host answered. Plain value type.
    struct Answer {
        QString text;
        QList<QByteArray> witness;
        QList<whirlpool::Coin> coins;
        std::optional<QString> error;
    };

private:
    /// Sends one request to the host: arms the timeout, calls @p call (catching
    /// anything the host throws) and hands the answer (or the error) to @p done
    /// on the context's thread, unless detach() came first.
    void request(Kind kind, const QString &what, const std::function<void(whirlpool::BridgeReplyPtr)> &call,
                 std::function<void(Answer)> done);
    whirlpool::Coin coinFor(const client::MixUtxo &utxo) const;

    whirlpool::WalletBridge *m_bridge;
    QPointer<QObject> m_context;
    client::AsyncGate m_gate;
    int m_timeoutMs;
    CoinLookup m_lookup;
    mutable QString m_userPreHash;
};

} // namespace wp::plugin
