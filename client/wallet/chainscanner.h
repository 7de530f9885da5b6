#pragma once

#include "addressbook.h"
#include "cointracker.h"
#include "utxo.h"

#include <bitcoin/hashtypes.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::client {

/// Keeps the wallet's UTXOs in step with a node over JSON-RPC, with no wallet
/// or index on the node: it reads the best chain block by block from the
/// wallet's birthday (`getblockhash`, then `getblock <hash> false` parsed by
/// btc::Block), matches outputs and spends against the AddressBook (gap limit
/// per chain, extended as addresses are used), and reads the mempool
/// (`getrawmempool`, then `getrawtransaction` for transactions not seen yet).
///
/// Reorg-safe: the CoinTracker remembers the hash of every block it connected.
/// Each pass first compares the node's hash at our tip (or at the node's tip if
/// that is lower); on a mismatch it walks back to the fork point, disconnects the
/// orphaned blocks (dropping their coins and undoing their spends), emits
/// reorgDetected() and scans the new branch. A block whose parent is not our tip
/// (a reorg during the scan) triggers the same walk back.
///
/// A sync pass runs on request (sync()) or every pollIntervalMs after start().
/// Passes never overlap: a request during a pass schedules one more.
/// RPC failures end the pass with syncFailed(); the state is kept and the next
/// pass resumes where it stopped.
///
/// Thread affinity: the thread that creates it, which must also own the
/// NodeRpcClient and the AddressBook. Every call returns at once; block parsing
/// (hex decoding, transactions, txids, merkle check) runs on the global thread
/// pool and comes back through a QFutureWatcher owned by this object, so the
/// event loop never blocks.
class ChainScanner : public QObject {
    Q_OBJECT
public:
    struct Options {
        /// First block height to scan (the wallet's creation height); at least 1.
        int birthdayHeight = 1;
        /// Automatic sync period after start(); 0 = only when sync() is called.
        int pollIntervalMs = 0;
        /// Also read the mempool (unconfirmed coins and spends).
        bool watchMempool = true;
        /// Mempool transactions fetched concurrently.
        int maxConcurrentRequests = 8;
    };

    /// @p rpc must outlive the scanner.
    ChainScanner(net::NodeRpcClient *rpc, std::shared_ptr<AddressBook> book, Options options,
                 QObject *parent = nullptr);
    ~ChainScanner() override;

    /// Starts a first pass, then polls every pollIntervalMs (if > 0).
    void start();
    /// Stops polling and abandons a running pass (its answers are ignored).
    void stop();
    /// Requests a pass now (or right after the running one).
    void sync();

    bool isSyncing() const { return m_syncing; }
    /// Height of the last block scanned (birthdayHeight - 1 before the first).
    int scannedHeight() const { return m_tracker.tipHeight(); }
    /// The node's block count at the last pass (-1 before).
    int nodeHeight() const { return m_nodeHeight; }
    /// The UTXOs after the last completed pass.
    const QList<Utxo> &utxos() const { return m_utxos; }
    const CoinTracker &tracker() const { return m_tracker; }
    AddressBook &addressBook() const { return *m_book; }

Q_SIGNALS:
    /// After every scanned block and at the start of a pass.
    void progressChanged(int scannedHeight, int nodeHeight);
    /// The UTXO set (values, confirmations, spends) changed during a pass.
    void utxosChanged(const QList<wp::client::Utxo> &utxos);
    /// Blocks above @p forkHeight were orphaned and disconnected (@p depth of them).
    void reorgDetected(int forkHeight, int depth);
    /// A pass completed; the wallet is in step with the node at @p height.
    void synced(int height);
    /// A pass stopped on an error (RPC failure, unparseable block); state is kept.
    void syncFailed(const QString &message);

private:
    struct ParsedBlock;
    /// Runs on the thread pool: decodes, parses and checks one block (touches no member).
    static ParsedBlock parseBlock(const QString &hex, const btc::BlockHash &expected);
    bool isCurrent(quint64 pass) const { return m_syncing && pass == m_pass; }
    void beginPass();
    void findForkFrom(quint64 pass, int height);
    void disconnectAbove(int height);
    void scanNext(quint64 pass);
    void onBlockParsed(quint64 pass, int height, const ParsedBlock &parsed);
    void readMempool(quint64 pass);
    void fetchMempoolTransactions(quint64 pass);
    void finishPass(quint64 pass);
    void failPass(quint64 pass, const QString &message);

    net::NodeRpcClient *m_rpc;
    std::shared_ptr<AddressBook> m_book;
    Options m_options;
    CoinTracker m_tracker;
    QTimer m_timer;
    bool m_syncing = false;
    bool m_again = false;
    quint64 m_pass = 0;
    int m_nodeHeight = -1;
    QList<Utxo> m_utxos;
    QHash<btc::Txid, btc::Transaction> m_mempool; ///< parsed mempool transactions by txid
    QList<btc::Txid> m_mempoolQueue;              ///< txids still to fetch in this pass
    int m_mempoolInFlight = 0;
};

} // namespace wp::client
