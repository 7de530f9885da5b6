#pragma once

// The sample host's wallet: keys in memory (client/wallet WalletKeys +
// AddressBook, on the HOST side of the plugin boundary) behind the plugin's
// WalletBridge. Also used by the plugin tests, which script faults per coin.

#include <whirlpool/walletbridge.h>

#include <wallet/addressbook.h>
#include <wallet/localmixwallet.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace wp::samplehost {

/// How the wallet misbehaves for one coin (tests).
enum class Fault {
    None,
    FailSigning,      ///< signMessage/signInput answer setError
    NeverAnswer,      ///< requests are never answered (the reply is dropped)
    BadSignature,     ///< signMessage answers a signature by another key
    BadInputSignature,///< signInput answers a corrupted signature
    Throw,            ///< the bridge call throws
    WrongAnswerKind,  ///< answers a witness to signMessage
};

/// An in-memory wallet implementing whirlpool::WalletBridge. Answers later
/// (queued on its own thread; signInput on a worker thread, like a hardware
/// wallet would), so the plugin's async contract is exercised.
///
/// Thread affinity: the thread that creates it (the GUI thread).
class MemoryWallet : public QObject, public whirlpool::WalletBridge {
    Q_OBJECT
public:
    /// Keys from @p mnemonic on @p network (WP_ASSERT on an invalid mnemonic: sample code).
    MemoryWallet(const QString &mnemonic, btc::Network network, QObject *parent = nullptr);

    /// Adds a coin paid to the next address of @p account (txid given by the caller).
    /// Returns: the coin (scriptPubKey filled in).
    whirlpool::Coin addCoin(const QString &txid, quint32 index, qint64 value, whirlpool::Account account,
                            int confirmations = 1);
    /// Adds a coin found on the chain (its script must be one of this wallet's keys).
    void addCoin(const whirlpool::Coin &coin) { m_coins.append(coin); }
    /// The address the next addCoin(@p account) would use.
    QString peekAddress(whirlpool::Account account) const;
    void setFault(const QString &outpoint, Fault fault) { m_faults[outpoint] = fault; }
    void removeCoin(const QString &outpoint);

    /// Every string and byte array this wallet ever handed to the plugin (for
    /// the "no private key crosses the boundary" checks).
    const QList<QByteArray> &sentToPlugin() const { return m_sent; }
    /// Adds @p data the host hands the plugin outside the bridge (its configuration) to sentToPlugin().
    void recordSentToPlugin(const QByteArray &data) { m_sent.append(data); }
    const QStringList &broadcasts() const { return m_broadcasts; }
    int signInputCalls() const { return m_signInputCalls; }
    const client::AddressBook &book() const { return *m_book; }

    // whirlpool::WalletBridge
    void listCoins(whirlpool::BridgeReplyPtr reply) override;
    void signMessage(const whirlpool::Coin &coin, const QByteArray &message, whirlpool::BridgeReplyPtr reply) override;
    void signInput(const whirlpool::Coin &coin, const QByteArray &unsignedTx, int inputIndex,
                   whirlpool::BridgeReplyPtr reply) override;
    void nextAddress(whirlpool::AddressKind kind, whirlpool::BridgeReplyPtr reply) override;
    QString firstPremixAddress() const override;
    void mixBroadcast(const QString &outpoint, const QString &txid) override;

private:
    Fault faultOf(const whirlpool::Coin &coin) const { return m_faults.value(coin.outpoint(), Fault::None); }
    void later(std::function<void()> fn);

    std::shared_ptr<client::AddressBook> m_book;
    std::shared_ptr<client::LocalMixWallet> m_signer;
    QList<whirlpool::Coin> m_coins;
    QHash<QString, Fault> m_faults;
    mutable QList<QByteArray> m_sent; ///< also appended to by const firstPremixAddress()
    QStringList m_broadcasts;
    int m_signInputCalls = 0;
};

} // namespace wp::samplehost
