#pragma once

// Public API of the Whirlpool mixer plugin: value types shared by host and plugin.
// Qt and std types only. ABI rule: a struct here never changes layout within one
// major API version (kApiVersion); a change bumps the major version and the
// interface id (see docs/integrator-guide.md, "ABI").

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QByteArray>
#include <QHash>

namespace whirlpool {

/// Major version of this API. A plugin refuses a host compiled against another one.
inline constexpr int kApiVersion = 1;

/// The wallet account a coin or an address belongs to (Whirlpool's BIP84 accounts).
enum class Account : int {
    Deposit = 0, ///< not mixed by the plugin
    Premix = 1,  ///< Tx0 outputs waiting for their first mix
    Postmix = 2, ///< mixed coins (remixed until spent)
    Badbank = 3, ///< toxic change; never mixed
};

/// Which address WalletBridge::nextAddress() must hand out.
enum class AddressKind : int {
    Postmix = 0, ///< the output of a mix (next unused postmix receive address)
    Premix = 1,  ///< a Tx0 output
    Change = 2,  ///< change of a Tx0 (badbank)
};

/// One coin the host wallet owns. Plain value type.
struct Coin {
    QString txid;            ///< display hex (64 characters)
    quint32 index = 0;       ///< output index
    qint64 value = 0;        ///< satoshis
    QByteArray scriptPubKey; ///< raw script (P2WPKH for mixable coins)
    Account account = Account::Deposit;
    int confirmations = 0;   ///< the coordinator requires >= 1
    QString poolId;          ///< optional; empty: the plugin picks the pool by value

    /// "txid:index", the coin's id in every mixer call and status.
    QString outpoint() const { return txid + QLatin1Char(':') + QString::number(index); }
};

/// What the mixer is doing with a coin (mirrors the client library's states).
enum class CoinState : int {
    Idle = 0,    ///< not mixing (stopped, automatic mixing off, or its remix target reached)
    Queued = 1,  ///< waiting for a free mixing slot
    Mixing = 2,  ///< a mix runs (see CoinStatus::step)
    Waiting = 3, ///< the last attempt failed; retried by itself at retryAtMs
    Mixed = 4,   ///< its mix succeeded (the coin is spent)
    Blocked = 5, ///< needs the user (see CoinStatus::lastError / advice); not retried by itself
};

/// Everything a host shows for one coin. Plain value type.
struct CoinStatus {
    QString outpoint;      ///< "txid:index"
    qint64 value = 0;
    QString poolId;
    CoinState state = CoinState::Idle;
    QString stateName;     ///< "MIXING", ... (untranslated, for logs)
    QString step;          ///< classic MixStep name ("CONFIRMING_INPUT"), empty when idle
    QString stepMessage;   ///< the step's words or the retry message (for users)
    int progress = 0;      ///< percent of the current mix
    int mixesDone = 0;
    QString instance;      ///< coordinator instance of the current mix
    QString lastError;     ///< explanation of the last failure; empty after a success
    QString advice;        ///< what the user can do about it
    qint64 retryAtMs = 0;  ///< wall clock of the next attempt (Waiting)
    QString lastTxid;      ///< of its last successful mix
};

/// A cluster event worth showing (connected, redirected, failover, manifest...).
struct CoordinatorEvent {
    qint64 timestampMs = 0;
    QString kind;          ///< "CONNECTED", "REDIRECTED", "FAILOVER", ... (untranslated)
    QString instanceName;
    QString url;
    QString message;       ///< one line for the user
};

/// How the mixer reaches the coordinators and the chain. Plain value type.
struct MixerConfig {
    /// Coordinator instances to start from: base URLs (http(s)://host:port). At least one.
    QStringList bootstrapUrls;
    /// The cluster operator's signing address (pins the cluster manifest). Empty:
    /// only the bootstrap instances are used.
    QString operatorAddress;
    /// "mainnet", "testnet" or "regtest".
    QString network = QStringLiteral("mainnet");
    /// SOCKS5 proxy "host:port" (Tor); empty: direct connections.
    QString proxy;
    /// Pool id -> denomination in satoshis, e.g. {"0.01btc": 1000000}.
    QHash<QString, qint64> pools;
    int maxConcurrent = 3;        ///< coins mixing at once
    bool autoMix = true;          ///< premix coins start by themselves
    bool autoRemix = true;        ///< postmix coins remix by themselves
    int remixTarget = 0;          ///< stop remixing after this many mixes; 0: forever
    int retryMinMs = 5000;        ///< first back-off after a failure (doubles)
    /// How long a WalletBridge request may stay unanswered before the coin fails
    /// with a timeout error (hardware wallets may need minutes).
    int bridgeTimeoutMs = 180000;
};

} // namespace whirlpool

Q_DECLARE_METATYPE(whirlpool::CoinStatus)
Q_DECLARE_METATYPE(whirlpool::CoordinatorEvent)
