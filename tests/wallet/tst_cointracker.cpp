// CoinTracker without a node: blocks and mempool snapshots made of plain
// transactions paying to (and spending from) the wallet's scripts; confirmations,
// spends inside one block, gap-limit growth inside one block, the mempool view,
// and disconnecting orphaned blocks (coins dropped, spends undone).

#include <wallet/cointracker.h>

#include <crypto/hash.h>

#include <QTest>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;

namespace {

constexpr char kMnemonic[] = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

btc::Txid fakeTxid(int n)
{
    return *btc::Txid::fromBytes(crypto::sha256(QByteArray::number(n)));
}

btc::BlockHash fakeBlock(int n, int branch = 0)
{
    return *btc::BlockHash::fromBytes(crypto::sha256("block" + QByteArray::number(n) + '/' + QByteArray::number(branch)));
}

/// A transaction spending @p spends (or an unrelated outpoint) to @p outputs.
btc::Transaction tx(const QList<btc::OutPoint> &spends, const QList<btc::TxOut> &outputs, int salt = 0)
{
    btc::Transaction t;
    for (const btc::OutPoint &p : spends)
        t.inputs.append(btc::TxIn{p, {}, btc::kSequenceFinal, {}});
    if (spends.isEmpty())
        t.inputs.append(btc::TxIn{{fakeTxid(1000 + salt), 0}, {}, btc::kSequenceFinal, {}});
    t.outputs = outputs;
    return t;
}

QList<btc::Txid> txids(const QList<btc::Transaction> &txs)
{
    QList<btc::Txid> out;
    for (const auto &t : txs)
        out.append(t.txid());
    return out;
}

btc::Transaction coinbase(const QList<btc::TxOut> &outputs, int height)
{
    btc::Transaction t;
    btc::Script sig;
    sig.appendPush(QByteArray::number(height));
    t.inputs.append(btc::TxIn{{btc::Txid(), 0xffffffff}, sig, btc::kSequenceFinal, {}});
    t.outputs = outputs;
    return t;
}

} // namespace

class TestCoinTracker : public QObject {
    Q_OBJECT

    std::shared_ptr<const WalletKeys> m_keys;

    btc::Script script(WalletAccount a, AddressChain c, std::uint32_t i) const { return *m_keys->script({a, c, i}); }
    btc::Script deposit(std::uint32_t i) const { return script(WalletAccount::Deposit, AddressChain::Receive, i); }
    static btc::Script foreign() { return btc::Script::p2wpkh(*btc::Hash160::fromBytes(QByteArray(20, '\x42'))); }

    /// Connects @p txs as the next block.
    static int connect(CoinTracker &t, const QList<btc::Transaction> &txs, int branch = 0)
    {
        const int height = t.tipHeight() + 1;
        return t.connectBlock(height, fakeBlock(height, branch), txs, txids(txs));
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto keys = WalletKeys::fromMnemonic(QString::fromLatin1(kMnemonic), {}, btc::Network::Regtest);
        QVERIFY(keys);
        m_keys = std::make_shared<const WalletKeys>(std::move(*keys));
    }

    void receivesAndConfirms()
    {
        AddressBook book(m_keys);
        CoinTracker t(&book, 10);
        QCOMPARE(t.tipHeight(), 9);
        QVERIFY(!t.blockHash(10));

        const auto cb = coinbase({{50 * btc::kCoin, deposit(0)}}, 10);
        const auto pay = tx({}, {{1000, foreign()}, {7000, deposit(3)}});
        QCOMPARE(connect(t, {cb, pay}), 2);
        QCOMPARE(t.tipHeight(), 10);
        QCOMPARE(t.blockHash(10), fakeBlock(10));
        QCOMPARE(connect(t, {coinbase({{1, foreign()}}, 11)}), 0);

        const QList<Utxo> utxos = t.utxos();
        QCOMPARE(utxos.size(), 2);
        const Utxo &c = *std::find_if(utxos.begin(), utxos.end(), [](const Utxo &u) { return u.coinbase; });
        QCOMPARE(c.outpoint, btc::OutPoint({cb.txid(), 0}));
        QCOMPARE(c.value, 50 * btc::kCoin);
        QCOMPARE(c.path, KeyPath({WalletAccount::Deposit, AddressChain::Receive, 0}));
        QCOMPARE(c.blockHeight, 10);
        QCOMPARE(c.confirmations, 2);
        QVERIFY(!c.isMature());
        const Utxo &p = *std::find_if(utxos.begin(), utxos.end(), [](const Utxo &u) { return !u.coinbase; });
        QCOMPARE(p.outpoint, btc::OutPoint({pay.txid(), 1}));
        QCOMPARE(p.value, 7000);
        QCOMPARE(p.script, deposit(3));
        QCOMPARE(p.index(), 3u);
        QCOMPARE(p.confirmations, 2);
        QVERIFY(p.isMature());
        QCOMPARE(totalValue(utxos), 50 * btc::kCoin + 7000);
        QCOMPARE(book.highestUsed(WalletAccount::Deposit, AddressChain::Receive), std::optional<std::uint32_t>(3));
    }

    void spendsInTheSameBlock()
    {
        AddressBook book(m_keys);
        CoinTracker t(&book, 1);
        const auto a = tx({}, {{5000, deposit(0)}});
        const auto b = tx({{a.txid(), 0}}, {{4000, script(WalletAccount::Premix, AddressChain::Receive, 0)}});
        QCOMPARE(connect(t, {coinbase({}, 1), a, b}), 3); // received, spent, received
        const QList<Utxo> utxos = t.utxos();
        QCOMPARE(utxos.size(), 1);
        QCOMPARE(utxos[0].account(), WalletAccount::Premix);
        QVERIFY(t.isSpentInChain({a.txid(), 0}));
        // A later spend of the premix coin.
        QCOMPARE(connect(t, {coinbase({}, 2), tx({{b.txid(), 0}}, {{3000, foreign()}})}), 1);
        QVERIFY(t.utxos().isEmpty());
    }

    void gapGrowsWithinABlock()
    {
        // Output to index 39 comes first in the block, index 19 (last watched) later:
        // once 19 is used, 20..39 are watched and the block is matched again.
        AddressBook book(m_keys);
        CoinTracker t(&book, 1);
        QVERIFY(!book.find(deposit(39)));
        const auto far = tx({}, {{1111, deposit(39)}}, 1);
        const auto edge = tx({}, {{2222, deposit(19)}}, 2);
        QCOMPARE(connect(t, {coinbase({}, 1), far, edge}), 2);
        QCOMPARE(t.utxos().size(), 2);
        QCOMPARE(book.highestUsed(WalletAccount::Deposit, AddressChain::Receive), std::optional<std::uint32_t>(39));
        QVERIFY(book.find(deposit(59)));
    }

    void mempoolView()
    {
        AddressBook book(m_keys);
        CoinTracker t(&book, 1);
        const auto a = tx({}, {{5000, deposit(0)}, {6000, deposit(1)}});
        connect(t, {coinbase({}, 1), a});
        QCOMPARE(t.utxos().size(), 2);

        // Unconfirmed: a payment to us, a spend of deposit/0/0, and a child spending the payment.
        const auto incoming = tx({}, {{800, deposit(2)}, {900, script(WalletAccount::Postmix, AddressChain::Receive, 0)}}, 3);
        const auto spend = tx({{a.txid(), 0}}, {{4000, foreign()}});
        const auto child = tx({{incoming.txid(), 0}}, {{700, foreign()}});
        t.setMempool({{child.txid(), child}, {incoming.txid(), incoming}, {spend.txid(), spend}}); // any order
        QList<Utxo> utxos = t.utxos();
        QCOMPARE(utxos.size(), 2);
        QCOMPARE(utxos[0].outpoint, btc::OutPoint({a.txid(), 1}));
        QCOMPARE(utxos[0].confirmations, 1);
        QCOMPARE(utxos[1].outpoint, btc::OutPoint({incoming.txid(), 1}));
        QCOMPARE(utxos[1].confirmations, 0);
        QCOMPARE(utxos[1].blockHeight, 0);
        QCOMPARE(utxos[1].account(), WalletAccount::Postmix);

        // The payment is mined (the mempool snapshot is stale until the next one).
        connect(t, {coinbase({}, 2), incoming});
        utxos = t.utxos();
        QCOMPARE(utxos.size(), 2); // no duplicate of the mined outputs
        QCOMPARE(utxos[1].outpoint, btc::OutPoint({incoming.txid(), 1}));
        QCOMPARE(utxos[1].confirmations, 1);
        // Mempool emptied: the unconfirmed spend is gone, deposit/0/0 is back.
        t.setMempool({});
        QCOMPARE(t.utxos().size(), 4);
    }

    void reorgDropsAndRestores()
    {
        AddressBook book(m_keys);
        CoinTracker t(&book, 5);
        const auto a = tx({}, {{5000, deposit(0)}});
        connect(t, {coinbase({}, 5), a});                                        // 5: receive a
        const auto b = tx({}, {{6000, deposit(1)}}, 7);
        connect(t, {coinbase({}, 6), b, tx({{a.txid(), 0}}, {{100, foreign()}})}); // 6: receive b, spend a
        const auto c = tx({}, {{7000, deposit(2)}}, 8);
        connect(t, {coinbase({}, 7), c});                                        // 7: receive c
        QCOMPARE(t.tipHeight(), 7);
        QCOMPARE(t.utxos().size(), 2);

        t.disconnectAbove(5);
        QCOMPARE(t.tipHeight(), 5);
        QVERIFY(!t.blockHash(6));
        const QList<Utxo> utxos = t.utxos();
        QCOMPARE(utxos.size(), 1);
        QCOMPARE(utxos[0].outpoint, btc::OutPoint({a.txid(), 0})); // the spend in block 6 is undone
        QVERIFY(!t.isSpentInChain({a.txid(), 0}));

        // The new branch confirms c only.
        connect(t, {coinbase({}, 6), c}, 1);
        QCOMPARE(t.blockHash(6), fakeBlock(6, 1));
        QCOMPARE(t.utxos().size(), 2);
        QCOMPARE(t.utxos()[1].blockHeight, 6);

        // Disconnecting below the start empties everything; out-of-range heights are clamped.
        t.disconnectAbove(100);
        QCOMPARE(t.tipHeight(), 6);
        t.disconnectAbove(-5);
        QCOMPARE(t.tipHeight(), 4);
        QVERIFY(t.utxos().isEmpty());
        connect(t, {coinbase({}, 5), a});
        QCOMPARE(t.utxos().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCoinTracker)
#include "tst_cointracker.moc"
