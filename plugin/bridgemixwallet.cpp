#include "bridgemixwallet.h"

#include <bitcoin/hashtypes.h>
#include <bitcoin/script.h>
#include <crypto/hash.h>
#include <crypto/signedmessage.h>
#include <util/assert.h>
#include <util/hex.h>

#include <QMetaObject>
#include <QMutex>
#include <QTimer>

#include <exception>

namespace wp::plugin {

namespace {

using Kind = BridgeMixWallet::Kind;

QString kindRequest(Kind kind)
{
    switch (kind) {
    case Kind::Text: return QStringLiteral("a text answer (signature or address)");
    case Kind::Witness: return QStringLiteral("a witness");
    case Kind::Coins: return QStringLiteral("a coin list");
    }
    return {};
}

/// One request's answer slot. Thread-safe (one small mutex, held only to
/// decide who answers first); the first answer, error or timeout wins and goes
/// to @p deliver, which the AsyncGate posts to the mixer's thread (never run
/// in the caller's stack, dropped once the mixer is gone).
class Reply final : public whirlpool::BridgeReply {
public:
    using Answer = BridgeMixWallet::Answer;
    using Kind = BridgeMixWallet::Kind;

    Reply(Kind kind, QString what, std::function<void(Answer)> deliver)
        : m_kind(kind), m_what(std::move(what)), m_deliver(std::move(deliver)) {}

    void setText(const QString &text) override { give(Kind::Text, [&](Answer &a) { a.text = text; }); }
    void setWitness(const QList<QByteArray> &witness) override
    {
        give(Kind::Witness, [&](Answer &a) { a.witness = witness; });
    }
    void setCoins(const QList<whirlpool::Coin> &coins) override
    {
        give(Kind::Coins, [&](Answer &a) { a.coins = coins; });
    }
    void setError(const QString &message) override
    {
        Answer a;
        a.error = message.isEmpty() ? QStringLiteral("the wallet refused without a reason") : message;
        finish(std::move(a));
    }
    bool isOpen() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_open;
    }
    /// Fails the request unless it was answered.
    void expire(const QString &message)
    {
        Answer a;
        a.error = message;
        finish(std::move(a));
    }

private:
    template <typename Fill>
    void give(Kind kind, Fill fill)
    {
        Answer a;
        if (kind != m_kind)
            a.error = QStringLiteral("the wallet answered %1 with %2").arg(m_what, kindRequest(kind));
        else
            fill(a);
        finish(std::move(a));
    }
    void finish(Answer answer)
    {
        std::function<void(Answer)> deliver;
        {
            QMutexLocker lock(&m_mutex);
            if (!m_open)
                return;
            m_open = false;
            deliver = std::move(m_deliver);
        }
        deliver(std::move(answer)); // thread-safe: the gate posts it
    }

    const Kind m_kind;
    const QString m_what;
    mutable QMutex m_mutex;
    std::function<void(Answer)> m_deliver; ///< guarded by m_mutex
    bool m_open = true;                    ///< guarded by m_mutex
};

} // namespace

void BridgeMixWallet::request(Kind kind, const QString &what,
                              const std::function<void(whirlpool::BridgeReplyPtr)> &call, std::function<void(Answer)> done)
{
    auto reply = QSharedPointer<Reply>::create(kind, what, m_gate.wrap<Answer>(std::move(done)));
    // Holds the reply until the deadline, so a host that drops it unanswered still times out.
    QTimer::singleShot(m_timeoutMs, m_context, [r = reply, what, timeoutMs = m_timeoutMs] {
        r->expire(QStringLiteral("the wallet did not answer %1 within %2 s").arg(what).arg(timeoutMs / 1000.0));
    });
    QString thrown;
    try {
        call(reply);
        return;
    } catch (const std::exception &e) {
        thrown = QString::fromUtf8(e.what());
    } catch (...) {
        thrown = QStringLiteral("unknown exception");
    }
    reply->expire(QStringLiteral("the wallet failed %1: it threw (%2)").arg(what, thrown));
}

BridgeMixWallet::BridgeMixWallet(whirlpool::WalletBridge *bridge, QObject *context, int timeoutMs, CoinLookup lookup)
    : m_bridge(bridge), m_context(context), m_gate(context), m_timeoutMs(timeoutMs), m_lookup(std::move(lookup))
{
    WP_ASSERT(bridge && context);
}

void BridgeMixWallet::detach()
{
    m_bridge = nullptr;
    m_gate.close();
}

whirlpool::Coin BridgeMixWallet::coinFor(const client::MixUtxo &utxo) const
{
    if (m_lookup)
        if (auto coin = m_lookup(utxo.outpoint))
            return *coin;
    whirlpool::Coin coin;
    coin.txid = utxo.outpoint.txid.toHex();
    coin.index = utxo.outpoint.index;
    coin.value = utxo.value;
    coin.scriptPubKey = utxo.scriptPubKey.bytes();
    return coin;
}

void BridgeMixWallet::signMessage(const client::MixUtxo &utxo, const QByteArray &message, Callback<QString> done)
{
    if (!m_bridge || !m_context)
        return done(fail(QStringLiteral("the wallet bridge is closed")));
    const whirlpool::Coin coin = coinFor(utxo);
    const btc::Script script = utxo.scriptPubKey;
    request(Kind::Text, QStringLiteral("the message signature request"),
            [this, coin, message](whirlpool::BridgeReplyPtr r) { m_bridge->signMessage(coin, message, r); },
            [done, message, script](Answer a) {
                if (a.error)
                    return done(fail(*a.error));
                // Check it here: a wrong key would only show as a vague refusal by the coordinator.
                const auto signer = crypto::recoverMessageSigner(message, a.text);
                if (!signer)
                    return done(fail(QStringLiteral("the wallet's message signature is malformed: %1")
                                         .arg(signer.error().message)));
                const auto hash = btc::Hash160::fromBytes(crypto::hash160(signer->pubKey.serialize(true)));
                if (!signer->compressed || !hash || btc::Script::p2wpkh(*hash) != script)
                    return done(fail(QStringLiteral("the wallet signed the message with another key than the coin's")));
                done(a.text);
            });
}

void BridgeMixWallet::signInput(const client::MixUtxo &utxo, const btc::Transaction &unsignedTx, qsizetype inputIndex,
                                Callback<QList<QByteArray>> done)
{
    if (!m_bridge || !m_context)
        return done(fail(QStringLiteral("the wallet bridge is closed")));
    const whirlpool::Coin coin = coinFor(utxo);
    const QByteArray tx = unsignedTx.serialize(false);
    request(Kind::Witness, QStringLiteral("the transaction signature request"),
            [this, coin, tx, inputIndex](whirlpool::BridgeReplyPtr r) {
                m_bridge->signInput(coin, tx, int(inputIndex), r);
            },
            [done](Answer a) {
                if (a.error)
                    return done(fail(*a.error));
                // MixSession verifies the signature against the coin's script.
                if (a.witness.size() != 2)
                    return done(fail(QStringLiteral("the wallet's witness has %1 items instead of 2")
                                         .arg(a.witness.size())));
                done(a.witness);
            });
}

void BridgeMixWallet::nextOutputAddress(Callback<QString> done)
{
    if (!m_bridge || !m_context)
        return done(fail(QStringLiteral("the wallet bridge is closed")));
    request(Kind::Text, QStringLiteral("the postmix address request"),
            [this](whirlpool::BridgeReplyPtr r) { m_bridge->nextAddress(whirlpool::AddressKind::Postmix, r); },
            [done](Answer a) {
                if (a.error)
                    return done(fail(*a.error));
                done(a.text); // MixSession checks it is a P2WPKH address of its network
            });
}

QString BridgeMixWallet::userPreHash() const
{
    if (m_userPreHash.isEmpty() && m_bridge) {
        QString address;
        try {
            address = m_bridge->firstPremixAddress();
        } catch (...) {
            address.clear();
        }
        if (!address.isEmpty())
            m_userPreHash = util::toHex(crypto::sha256(address.toUtf8()));
    }
    return m_userPreHash;
}

void BridgeMixWallet::listCoins(std::function<void(Result<QList<whirlpool::Coin>>)> done)
{
    if (!m_bridge || !m_context)
        return done(fail(QStringLiteral("the wallet bridge is closed")));
    request(Kind::Coins, QStringLiteral("the coin list request"),
            [this](whirlpool::BridgeReplyPtr r) { m_bridge->listCoins(r); },
            [done](Answer a) {
                if (a.error)
                    return done(fail(*a.error));
                done(a.coins);
            });
}

} // namespace wp::plugin
