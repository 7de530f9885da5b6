// ConfirmedTxCache: lookups by txid, replacement, and eviction of the oldest entry
// when full (input validation keeps the confirmed Tx0s it has parsed).
#include <confirmedtxcache.h>

#include <QTest>

using namespace wp;
using server::ConfirmedTxCache;

namespace {

/// A distinct transaction for @p n (its lock time differs).
btc::Transaction transaction(std::uint32_t n)
{
    btc::Transaction tx;
    tx.version = 2;
    tx.lockTime = n;
    btc::TxOut out;
    out.value = 1000 + n;
    tx.outputs.append(out);
    return tx;
}

} // namespace

class TestConfirmedTxCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsWhatWasInserted()
    {
        ConfirmedTxCache cache(3);
        const btc::Transaction a = transaction(1);
        QVERIFY(!cache.find(a.txid()));
        cache.insert(a.txid(), {a, 1'700'000'000'000});
        const ConfirmedTxCache::Entry *found = cache.find(a.txid());
        QVERIFY(found);
        QCOMPARE(found->tx.txid(), a.txid());
        QCOMPARE(found->blockTimeMs, 1'700'000'000'000);
        QVERIFY(!cache.find(transaction(2).txid()));
    }

    void evictsTheOldestWhenFull()
    {
        ConfirmedTxCache cache(3);
        for (std::uint32_t n = 1; n <= 3; ++n)
            cache.insert(transaction(n).txid(), {transaction(n), n});
        cache.insert(transaction(2).txid(), {transaction(2), 20}); // replaced, not added again
        QCOMPARE(cache.size(), 3);
        QCOMPARE(cache.find(transaction(2).txid())->blockTimeMs, 20);
        cache.insert(transaction(4).txid(), {transaction(4), 4});
        QCOMPARE(cache.size(), 3);
        QVERIFY(!cache.find(transaction(1).txid())); // the oldest went
        for (std::uint32_t n = 2; n <= 4; ++n)
            QVERIFY(cache.find(transaction(n).txid()));
        QCOMPARE(ConfirmedTxCache(0).capacity(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConfirmedTxCache)
#include "tst_confirmedtxcache.moc"
