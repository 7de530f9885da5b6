// FeeEstimator::combine without a node: rounding up, clamping, fallbacks with
// their notes, fast >= normal >= slow.

#include <wallet/feeestimator.h>

#include <QTest>

#include <limits>

using namespace wp;
using namespace wp::client;

namespace {

Result<double> none(const char *why = "estimatesmartfee: the node has no fee estimate")
{
    return fail(QString::fromLatin1(why));
}

} // namespace

class TestFeeEstimator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void allEstimated()
    {
        const FeePresets p = FeeEstimator::combine({25.2, 12.0, 3.0000000001}, {});
        QVERIFY(p.estimated());
        QCOMPARE(p.fast, (FeePreset{26, 2, true}));
        QCOMPARE(p.normal, (FeePreset{12, 6, true}));
        QCOMPARE(p.slow, (FeePreset{3, 24, true})); // float noise is not rounded up to 4
        QVERIFY(p.note.isEmpty());
    }

    void fallsBackPerTarget()
    {
        const FeePresets p = FeeEstimator::combine({none(), 7.5, none("Too many confirmations for estimate.")}, {});
        QVERIFY(!p.estimated());
        QCOMPARE(p.fast, (FeePreset{20, 2, false}));
        QCOMPARE(p.normal, (FeePreset{8, 6, true}));
        QCOMPARE(p.slow, (FeePreset{2, 24, false}));
        QVERIFY2(p.note.contains(QStringLiteral("fast (2 blocks): estimatesmartfee: the node has no fee estimate")),
                 qPrintable(p.note));
        QVERIFY(p.note.contains(QStringLiteral("slow (24 blocks): Too many confirmations")));
        QVERIFY(!p.note.contains(QStringLiteral("normal")));
    }

    void nothingEstimatedUsesTheDefaults()
    {
        FeeEstimator::Options o;
        o.defaults = {40, 15, 4};
        const FeePresets p = FeeEstimator::combine({none(), none(), none()}, o);
        QVERIFY(!p.estimated());
        QCOMPARE(p.fast.satPerVb, 40);
        QCOMPARE(p.normal.satPerVb, 15);
        QCOMPARE(p.slow.satPerVb, 4);
        QVERIFY(!p.fast.estimated && !p.normal.estimated && !p.slow.estimated);
    }

    void unusableValuesCountAsNoEstimate()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const FeePresets p = FeeEstimator::combine({nan, -1.0, 0.0}, {});
        QVERIFY(!p.fast.estimated && !p.normal.estimated && !p.slow.estimated);
        QCOMPARE(p.fast.satPerVb, 20);
        const FeePresets q = FeeEstimator::combine({inf, 5.0, 1.0}, {});
        QVERIFY(!q.fast.estimated);
        QCOMPARE(q.fast.satPerVb, 20);
    }

    void clampedToBounds()
    {
        FeeEstimator::Options o;
        o.minRate = 2;
        o.maxRate = 300;
        o.defaults = {5000, 10, 0};
        FeePresets p = FeeEstimator::combine({1e9, 0.3, none()}, o);
        QCOMPARE(p.fast.satPerVb, 300);
        QVERIFY(p.fast.estimated);
        QCOMPARE(p.normal.satPerVb, 2);
        QCOMPARE(p.slow.satPerVb, 2); // default 0 clamped up
        p = FeeEstimator::combine({none(), none(), none()}, o);
        QCOMPARE(p.fast.satPerVb, 300); // default 5000 clamped down
    }

    void slowerNeverAboveFaster()
    {
        // Estimates from sparse data can be inverted; the faster presets are lifted.
        const FeePresets p = FeeEstimator::combine({4.0, 9.0, 15.0}, {});
        QCOMPARE(p.slow.satPerVb, 15);
        QCOMPARE(p.normal.satPerVb, 15);
        QCOMPARE(p.fast.satPerVb, 15);
        // A default slow rate above an estimated fast one (an idle network) lifts it too.
        const FeePresets q = FeeEstimator::combine({1.0, 1.0, none()}, {});
        QCOMPARE(q.slow.satPerVb, 2);
        QCOMPARE(q.normal.satPerVb, 2);
        QCOMPARE(q.fast.satPerVb, 2);
    }
};

QTEST_GUILESS_MAIN(TestFeeEstimator)
#include "tst_feeestimator.moc"
