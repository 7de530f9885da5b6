// The CSPRNG wrappers: sizes, no repeats, unbiased bounded integers.
#include <crypto/random.h>

#include <QSet>
#include <QTest>

using namespace wp;

class TestRandom : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bytes()
    {
        QCOMPARE(crypto::randomBytes(0).size(), 0);
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i) {
            const QByteArray b = crypto::randomBytes(32);
            QCOMPARE(b.size(), 32);
            QVERIFY(!seen.contains(b));
            seen.insert(b);
        }
    }

    void belowIsInRangeAndUniform()
    {
        QCOMPARE(crypto::randomBelow(1), 0u);
        constexpr int kBuckets = 6;
        constexpr int kDraws = 60000;
        int counts[kBuckets] = {};
        for (int i = 0; i < kDraws; ++i) {
            const auto v = crypto::randomBelow(kBuckets);
            QVERIFY(v < kBuckets);
            ++counts[v];
        }
        // Each bucket expects 10000 (sd ~91); 600 is more than 6 sd away.
        for (int c : counts)
            QVERIFY2(qAbs(c - kDraws / kBuckets) < 600, qPrintable(QString::number(c)));
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_random.moc"
