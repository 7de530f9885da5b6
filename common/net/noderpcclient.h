#pragma once

#include <util/result.h>

#include <QJsonArray>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace wp::net {

/// How to reach a node's JSON-RPC interface (Bitcoin Core, or bcoin in tests).
struct NodeRpcConfig {
    QUrl url;              ///< e.g. http://127.0.0.1:8332/
    QString user;          ///< basic-auth user (bcoin accepts any)
    QString password;      ///< basic-auth password (bcoin: the api key)
    QString cookieFile;    ///< Bitcoin Core .cookie ("user:password"); read on first use and after a 401
    int timeoutMs = 15000; ///< per request
};

/// Bitcoin Core's RPC_VERIFY_REJECTED: used when a broadcast is not seen in the mempool.
inline constexpr int kRpcVerifyRejected = -26;

/// A transaction output as `gettxout` reports it.
struct TxOutInfo {
    qint64 valueSats = 0;
    QString scriptPubKeyHex;
    int confirmations = 0;
    bool coinbase = false;
};

/// A transaction as `getrawtransaction txid 1` reports it.
struct RawTransactionInfo {
    QByteArray raw;
    int confirmations = 0; ///< 0 while in the mempool
    qint64 timeS = 0;      ///< block time, 0 while unconfirmed
};

/// JSON-RPC's "Method not found" error code (Bitcoin Core's RPC_METHOD_NOT_FOUND; bcoin uses it too).
inline constexpr int kRpcMethodNotFound = -32601;

/// What `testmempoolaccept` says of one transaction.
struct MempoolAcceptance {
    /// False when the node has no `testmempoolaccept` (bcoin, or a Core older
    /// than 0.17): nothing was checked, and allowed/rejectReason mean nothing.
    bool supported = false;
    /// True if the node would accept the transaction into its mempool now.
    bool allowed = false;
    /// Why not, when !allowed: Core's `reject-reason` ("min relay fee not met",
    /// "mandatory-script-verify-flag-failed (...)", ...), or its
    /// `reject-details` when the node sends them (they start with the reason
    /// and name the failing input; if they do not, "reason: details").
    QString rejectReason;
};

/// Interprets the answer of `testmempoolaccept [[hex]]` (the RPC result, or
/// the RPC error): a "Method not found" error gives supported=false; any other
/// error is returned as is; a result that is not an array holding one object
/// with a boolean `allowed` is an error.
Result<MempoolAcceptance> mempoolAcceptanceFromRpc(const Result<QJsonValue> &answer);

/// Asynchronous Bitcoin Core JSON-RPC client over QNetworkAccessManager.
///
/// Thread affinity: the thread that creates it (normally the event loop); every
/// call returns at once and answers through @p done on the same thread, only if
/// the @p context object is still alive. Never blocks.
class NodeRpcClient : public QObject {
    Q_OBJECT
public:
    explicit NodeRpcClient(NodeRpcConfig config, QObject *parent = nullptr);
    ~NodeRpcClient() override;

    using Callback = std::function<void(Result<QJsonValue>)>;

    /// Calls @p method. The error carries the node's error code and message, or a
    /// transport/timeout/auth description (code 0).
    void call(const QString &method, const QJsonArray &params, QObject *context, Callback done);

    void getBlockCount(QObject *context, std::function<void(Result<int>)> done);
    /// `getrawtransaction txid 0`: the raw hex, or an error if unknown.
    void getRawTransaction(const QString &txid, QObject *context, std::function<void(Result<QByteArray>)> done);
    /// `getrawtransaction txid 1`: raw bytes, confirmations and block time.
    void getRawTransactionInfo(const QString &txid, QObject *context,
                               std::function<void(Result<RawTransactionInfo>)> done);
    /// `gettxout txid n true`: nullopt when spent or unknown.
    void getTxOut(const QString &txid, int index, QObject *context,
                  std::function<void(Result<std::optional<TxOutInfo>>)> done);
    /// `estimatesmartfee blocks`: sat/vB, or an error when the node has no estimate.
    void estimateSmartFee(int blocks, QObject *context, std::function<void(Result<double>)> done);

    /// `testmempoolaccept [["hex"]]`: asks the node whether it would accept
    /// @p rawTx into its mempool, without broadcasting it (policy and consensus,
    /// against the node's current chain and mempool). A node without the method
    /// answers supported=false, not an error (see mempoolAcceptanceFromRpc()).
    void testMempoolAccept(const QByteArray &rawTx, QObject *context,
                           std::function<void(Result<MempoolAcceptance>)> done);

    /// Broadcasts @p rawTx and confirms that the node accepted it by seeing it in
    /// the mempool (or in a block) within @p confirmMs: bcoin's sendrawtransaction
    /// answers with the txid even for transactions it rejects.
    void broadcast(const QByteArray &rawTx, const QString &txid, QObject *context,
                   std::function<void(Result<void>)> done, int confirmMs = 5000);

    const NodeRpcConfig &config() const { return m_config; }

private:
    void send(const QString &method, const QJsonArray &params, QPointer<QObject> context, Callback done, bool retried);
    void pollAccepted(const QString &txid, qint64 deadlineMs, QPointer<QObject> context,
                      std::function<void(Result<void>)> done);
    QByteArray authorization();

    NodeRpcConfig m_config;
    QNetworkAccessManager *m_network;
    QByteArray m_cookieAuth;
    int m_nextId = 1;
};

} // namespace wp::net
