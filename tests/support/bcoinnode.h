#pragma once

#include "serviceprocess.h"

#include <util/result.h>

#include <QJsonArray>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QString>
#include <QTemporaryDir>

namespace wp::test {

/// A private bcoin regtest node (tests/support/bcoin.sh): in memory, no peers,
/// JSON-RPC on a free port, stopped by PID when destroyed. Its address is
/// exported as WP_TEST_NODE_URL / WP_TEST_NODE_APIKEY for child processes.
///
/// Thread affinity: the creating thread. rpc() spins a local event loop and is
/// meant for test code only (production code uses the asynchronous client).
class BcoinNode {
public:
    BcoinNode() = default;
    ~BcoinNode() { stop(); }

    /// Returns: an error naming why the node could not start (never skips).
    Result<void> start();
    void stop();

    QString url() const { return m_url; }
    QString apiKey() const { return m_apiKey; }
    ServiceProcess &process() { return m_process; }

    /// Calls a JSON-RPC method and waits up to @p timeoutMs for the answer.
    /// Returns: the `result`, or the node's error message / transport error.
    Result<QJsonValue> rpc(const QString &method, const QJsonArray &params = {}, int timeoutMs = 30000);

    /// Mines @p count blocks paying to @p address (bcoin's `rb1...` form on regtest).
    Result<QJsonArray> generateToAddress(int count, const QString &address);

    /// Polls the mempool until @p txidHex appears (bcoin's sendrawtransaction never
    /// reports rejection). Returns: false after @p timeoutMs.
    bool waitForMempool(const QString &txidHex, int timeoutMs = 5000);

    /// Segwit is a BIP9 deployment on bcoin regtest, active from height 432.
    static constexpr int kSegwitActivationHeight = 432;

private:
    QTemporaryDir m_dir;
    ServiceProcess m_process;
    QNetworkAccessManager m_network;
    QString m_url;
    QString m_apiKey;
};

} // namespace wp::test
