#include "memorywallet.h"

#include <bitcoin/sighash.h>
#include <bitcoin/transaction.h>
#include <crypto/signedmessage.h>
#include <util/assert.h>

#include <QThreadPool>
#include <QTimer>

#include <stdexcept>

namespace wp::samplehost {

namespace {
client::WalletAccount accountOf(whirlpool::Account account)
{
    switch (account) {
    case whirlpool::Account::Premix: return client::WalletAccount::Premix;
    case whirlpool::Account::Postmix: return client::WalletAccount::Postmix;
    case whirlpool::Account::Badbank: return client::WalletAccount::Badbank;
    case whirlpool::Account::Deposit: break;
    }
    return client::WalletAccount::Deposit;
}

client::MixUtxo utxoOf(const whirlpool::Coin &coin)
{
    client::MixUtxo u;
    u.outpoint = btc::OutPoint{btc::Txid::fromHex(coin.txid).value_or(btc::Txid()), coin.index};
    u.value = coin.value;
    u.scriptPubKey = btc::Script(coin.scriptPubKey);
    return u;
}
} // namespace

MemoryWallet::MemoryWallet(const QString &mnemonic, btc::Network network, QObject *parent) : QObject(parent)
{
    auto keys = client::WalletKeys::fromMnemonic(mnemonic, {}, network);
    WP_ASSERT(keys.has_value());
    m_book = std::make_shared<client::AddressBook>(std::make_shared<const client::WalletKeys>(std::move(*keys)));
    m_signer = std::make_shared<client::LocalMixWallet>(m_book);
}

whirlpool::Coin MemoryWallet::addCoin(const QString &txid, quint32 index, qint64 value, whirlpool::Account account,
                                      int confirmations)
{
    const client::KeyPath path = m_book->reserveNext(accountOf(account), btc::AddressChain::Receive);
    whirlpool::Coin coin;
    coin.txid = txid;
    coin.index = index;
    coin.value = value;
    coin.scriptPubKey = m_book->keys().script(path)->bytes();
    coin.account = account;
    coin.confirmations = confirmations;
    m_book->markUsed(path);
    m_coins.append(coin);
    return coin;
}

QString MemoryWallet::peekAddress(whirlpool::Account account) const
{
    return *m_book->keys().address(m_book->peekNext(accountOf(account), btc::AddressChain::Receive));
}

void MemoryWallet::removeCoin(const QString &outpoint)
{
    m_coins.removeIf([&](const whirlpool::Coin &c) { return c.outpoint() == outpoint; });
}

void MemoryWallet::later(std::function<void()> fn)
{
    QTimer::singleShot(0, this, std::move(fn));
}

void MemoryWallet::listCoins(whirlpool::BridgeReplyPtr reply)
{
    const QList<whirlpool::Coin> coins = m_coins;
    for (const whirlpool::Coin &c : coins) {
        m_sent.append(c.txid.toUtf8());
        m_sent.append(c.scriptPubKey);
    }
    later([reply, coins] { reply->setCoins(coins); });
}

void MemoryWallet::signMessage(const whirlpool::Coin &coin, const QByteArray &message, whirlpool::BridgeReplyPtr reply)
{
    switch (faultOf(coin)) {
    case Fault::FailSigning:
        return later([reply] { reply->setError(QStringLiteral("the user declined to sign")); });
    case Fault::NeverAnswer:
        return; // the reply is dropped: the plugin's timeout must catch it
    case Fault::Throw:
        throw std::runtime_error("sample wallet exploded");
    case Fault::WrongAnswerKind:
        return later([reply] { reply->setWitness({QByteArray("x")}); });
    case Fault::BadSignature: {
        const QString sig = crypto::signMessage(crypto::PrivKey::generate(), message);
        m_sent.append(sig.toUtf8());
        return later([reply, sig] { reply->setText(sig); });
    }
    case Fault::BadInputSignature:
    case Fault::None: break;
    }
    m_signer->signMessage(utxoOf(coin), message, [this, reply](Result<QString> sig) {
        if (!sig)
            return later([reply, e = sig.error().message] { reply->setError(e); });
        m_sent.append(sig->toUtf8());
        later([reply, s = *sig] { reply->setText(s); });
    });
}

void MemoryWallet::signInput(const whirlpool::Coin &coin, const QByteArray &unsignedTx, int inputIndex,
                             whirlpool::BridgeReplyPtr reply)
{
    ++m_signInputCalls;
    const Fault fault = faultOf(coin);
    if (fault == Fault::FailSigning)
        return later([reply] { reply->setError(QStringLiteral("the user declined to sign")); });
    if (fault == Fault::NeverAnswer)
        return;
    if (fault == Fault::Throw)
        throw std::runtime_error("sample wallet exploded");
    auto tx = btc::Transaction::deserialize(unsignedTx);
    if (!tx)
        return later([reply] { reply->setError(QStringLiteral("cannot parse the transaction")); });
    m_signer->signInput(utxoOf(coin), *tx, inputIndex, [this, reply, fault](Result<QList<QByteArray>> witness) {
        if (!witness)
            return later([reply, e = witness.error().message] { reply->setError(e); });
        QList<QByteArray> w = *witness;
        if (fault == Fault::BadInputSignature)
            w[0][10] = char(w[0][10] ^ 1);
        for (const QByteArray &item : w)
            m_sent.append(item);
        // Answer from a worker thread, as a hardware wallet driver would.
        QThreadPool::globalInstance()->start([reply, w] { reply->setWitness(w); });
    });
}

void MemoryWallet::nextAddress(whirlpool::AddressKind kind, whirlpool::BridgeReplyPtr reply)
{
    const client::WalletAccount account = kind == whirlpool::AddressKind::Postmix ? client::WalletAccount::Postmix
                                          : kind == whirlpool::AddressKind::Premix ? client::WalletAccount::Premix
                                                                                   : client::WalletAccount::Badbank;
    const QString address = *m_book->keys().address(m_book->reserveNext(account, btc::AddressChain::Receive));
    m_sent.append(address.toUtf8());
    later([reply, address] { reply->setText(address); });
}

QString MemoryWallet::firstPremixAddress() const
{
    const QString address =
        *m_book->keys().address(client::KeyPath{client::WalletAccount::Premix, btc::AddressChain::Receive, 0});
    m_sent.append(address.toUtf8());
    return address;
}

void MemoryWallet::mixBroadcast(const QString &outpoint, const QString &txid)
{
    m_broadcasts.append(outpoint + QStringLiteral(" -> ") + txid);
}

} // namespace wp::samplehost
