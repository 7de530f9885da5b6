#include "chainscanner.h"

#include "logging.h"

#include <bitcoin/block.h>
#include <net/noderpcclient.h>
#include <util/hex.h>

#include <QFutureWatcher>
#include <QJsonArray>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace wp::client {

/// A block parsed off the event loop: either the block with its txids, or why it was refused.
struct ChainScanner::ParsedBlock {
    std::optional<btc::Block> block;
    QList<btc::Txid> txids;
    QString error;
};

ChainScanner::ParsedBlock ChainScanner::parseBlock(const QString &hex, const btc::BlockHash &expected)
{
    ParsedBlock out;
    const auto raw = util::fromHex(hex);
    if (!raw) {
        out.error = QStringLiteral("getblock %1: the answer is not hex").arg(expected.toHex());
        return out;
    }
    auto block = btc::Block::deserialize(*raw);
    if (!block) {
        out.error = QStringLiteral("getblock %1: %2").arg(expected.toHex(), block.error().message);
        return out;
    }
    if (block->hash() != expected) {
        out.error = QStringLiteral("getblock %1: the node sent block %2").arg(expected.toHex(), block->hash().toHex());
        return out;
    }
    out.txids = block->txids();
    if (!block->checkMerkleRoot(&out.txids)) {
        out.error = QStringLiteral("getblock %1: the transactions do not match the merkle root").arg(expected.toHex());
        out.txids.clear();
        return out;
    }
    out.block = std::move(*block);
    return out;
}

ChainScanner::ChainScanner(net::NodeRpcClient *rpc, std::shared_ptr<AddressBook> book, Options options,
                           QObject *parent)
    : QObject(parent), m_rpc(rpc), m_book(std::move(book)), m_options(options),
      m_tracker(m_book.get(), std::max(1, options.birthdayHeight))
{
    WP_ASSERT(m_rpc && m_book);
    m_options.maxConcurrentRequests = std::max(1, m_options.maxConcurrentRequests);
    m_timer.setSingleShot(false);
    connect(&m_timer, &QTimer::timeout, this, &ChainScanner::sync);
}

ChainScanner::~ChainScanner() = default;

void ChainScanner::start()
{
    if (m_options.pollIntervalMs > 0)
        m_timer.start(m_options.pollIntervalMs);
    sync();
}

void ChainScanner::stop()
{
    m_timer.stop();
    m_syncing = false;
    m_again = false;
    ++m_pass; // answers of the running pass are now ignored
}

void ChainScanner::sync()
{
    if (m_syncing) {
        m_again = true;
        return;
    }
    beginPass();
}

void ChainScanner::beginPass()
{
    m_syncing = true;
    m_again = false;
    m_mempoolQueue.clear();
    m_mempoolInFlight = 0;
    const quint64 pass = ++m_pass;
    m_rpc->getBlockCount(this, [this, pass](Result<int> count) {
        if (!isCurrent(pass))
            return;
        if (!count)
            return failPass(pass, count.error().message);
        m_nodeHeight = *count;
        Q_EMIT progressChanged(m_tracker.tipHeight(), m_nodeHeight);
        findForkFrom(pass, std::min(m_tracker.tipHeight(), m_nodeHeight));
    });
}

// Walks back from @p height until our block hash there is the node's (or
// nothing of ours is left), then disconnects everything above and scans on.
void ChainScanner::findForkFrom(quint64 pass, int height)
{
    if (height < m_tracker.startHeight()) {
        disconnectAbove(m_tracker.startHeight() - 1);
        return scanNext(pass);
    }
    m_rpc->call(QStringLiteral("getblockhash"), {height}, this, [this, pass, height](Result<QJsonValue> hash) {
        if (!isCurrent(pass))
            return;
        if (!hash)
            return failPass(pass, hash.error().message);
        const auto nodeHash = btc::BlockHash::fromHex(hash->toString());
        if (!nodeHash)
            return failPass(pass, QStringLiteral("getblockhash %1: unexpected answer").arg(height));
        if (nodeHash != m_tracker.blockHash(height))
            return findForkFrom(pass, height - 1);
        disconnectAbove(height);
        scanNext(pass);
    });
}

void ChainScanner::disconnectAbove(int height)
{
    const int depth = m_tracker.tipHeight() - height;
    if (depth <= 0)
        return;
    qCInfo(lcWallet) << "reorg: disconnecting" << depth << "block(s) above height" << height;
    m_tracker.disconnectAbove(height);
    Q_EMIT reorgDetected(height, depth);
}

void ChainScanner::scanNext(quint64 pass)
{
    const int height = m_tracker.tipHeight() + 1;
    if (height > m_nodeHeight)
        return readMempool(pass);
    m_rpc->call(QStringLiteral("getblockhash"), {height}, this, [this, pass, height](Result<QJsonValue> hash) {
        if (!isCurrent(pass))
            return;
        if (!hash)
            return failPass(pass, hash.error().message);
        const auto blockHash = btc::BlockHash::fromHex(hash->toString());
        if (!blockHash)
            return failPass(pass, QStringLiteral("getblockhash %1: unexpected answer").arg(height));
        m_rpc->call(QStringLiteral("getblock"), {blockHash->toHex(), false}, this,
                    [this, pass, height, expected = *blockHash](Result<QJsonValue> block) {
                        if (!isCurrent(pass))
                            return;
                        if (!block)
                            return failPass(pass, block.error().message);
                        // The watcher is owned by this object: if it dies first, the result is dropped.
                        auto *watcher = new QFutureWatcher<ParsedBlock>(this);
                        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, pass, height] {
                            watcher->deleteLater();
                            onBlockParsed(pass, height, watcher->result());
                        });
                        watcher->setFuture(QtConcurrent::run(&ChainScanner::parseBlock, block->toString(), expected));
                    });
    });
}

void ChainScanner::onBlockParsed(quint64 pass, int height, const ParsedBlock &parsed)
{
    if (!isCurrent(pass))
        return;
    if (!parsed.block)
        return failPass(pass, parsed.error);
    // The tip moved to another branch since we asked for this block's hash.
    if (height > m_tracker.startHeight() && m_tracker.blockHash(height - 1) != parsed.block->header.prevBlock)
        return findForkFrom(pass, height - 1);
    const int events = m_tracker.connectBlock(height, parsed.block->hash(), parsed.block->transactions, parsed.txids);
    if (events > 0)
        qCDebug(lcWallet) << "block" << height << "touches" << events << "wallet output(s)";
    Q_EMIT progressChanged(height, m_nodeHeight);
    scanNext(pass);
}

void ChainScanner::readMempool(quint64 pass)
{
    if (!m_options.watchMempool)
        return finishPass(pass);
    m_rpc->call(QStringLiteral("getrawmempool"), {}, this, [this, pass](Result<QJsonValue> answer) {
        if (!isCurrent(pass))
            return;
        if (!answer)
            return failPass(pass, answer.error().message);
        if (!answer->isArray())
            return failPass(pass, QStringLiteral("getrawmempool: unexpected answer"));
        QSet<btc::Txid> current;
        m_mempoolQueue.clear();
        for (const QJsonValue &v : answer->toArray()) {
            const auto txid = btc::Txid::fromHex(v.toString());
            if (!txid)
                return failPass(pass, QStringLiteral("getrawmempool: unexpected answer"));
            current.insert(*txid);
            if (!m_mempool.contains(*txid))
                m_mempoolQueue.append(*txid);
        }
        m_mempool.removeIf([&](const auto &it) { return !current.contains(it.key()); });
        fetchMempoolTransactions(pass);
    });
}

void ChainScanner::fetchMempoolTransactions(quint64 pass)
{
    if (m_mempoolQueue.isEmpty() && m_mempoolInFlight == 0) {
        QList<MempoolTx> txs;
        txs.reserve(m_mempool.size());
        for (auto it = m_mempool.cbegin(); it != m_mempool.cend(); ++it)
            txs.append(MempoolTx{it.key(), it.value()});
        m_tracker.setMempool(txs);
        return finishPass(pass);
    }
    while (!m_mempoolQueue.isEmpty() && m_mempoolInFlight < m_options.maxConcurrentRequests) {
        const btc::Txid txid = m_mempoolQueue.takeFirst();
        ++m_mempoolInFlight;
        m_rpc->getRawTransaction(txid.toHex(), this, [this, pass, txid](Result<QByteArray> raw) {
            if (!isCurrent(pass))
                return;
            --m_mempoolInFlight;
            // A transaction mined or evicted since getrawmempool is simply skipped.
            if (raw) {
                auto tx = btc::Transaction::deserialize(*raw);
                if (tx && tx->txid() == txid)
                    m_mempool.insert(txid, std::move(*tx));
            }
            fetchMempoolTransactions(pass);
        });
    }
}

void ChainScanner::finishPass(quint64 pass)
{
    if (!isCurrent(pass))
        return;
    m_syncing = false;
    QList<Utxo> utxos = m_tracker.utxos();
    if (utxos != m_utxos) {
        m_utxos = std::move(utxos);
        Q_EMIT utxosChanged(m_utxos);
    }
    Q_EMIT synced(m_tracker.tipHeight());
    if (m_again)
        beginPass();
}

void ChainScanner::failPass(quint64 pass, const QString &message)
{
    if (!isCurrent(pass))
        return;
    m_syncing = false;
    m_again = false;
    m_mempoolQueue.clear();
    m_mempoolInFlight = 0;
    qCWarning(lcWallet) << "chain sync failed:" << message;
    Q_EMIT syncFailed(message);
}

} // namespace wp::client
