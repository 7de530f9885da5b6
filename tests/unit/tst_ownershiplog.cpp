// The ownership-interval parser and overlap checker of the cluster fault tests
// (tests/e2e/ownershiplog.h), on log text written the way the coordinator writes it.
#include "../e2e/ownershiplog.h"

#include <QTest>

using wp::test::OwnershipLog;

namespace {

const QString kA = QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
const QString kB = QStringLiteral("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

QString owns(const QString &id, const char *pool, qint64 epoch, qint64 from)
{
    return QStringLiteral("2025-01-01T00:00:00.000 wp.server.cluster: instance %1 owns %2 epoch %3 since-db-us %4\n")
        .arg(id, QLatin1String(pool))
        .arg(epoch)
        .arg(from);
}

QString lost(const QString &id, const char *pool, qint64 epoch, const char *reason, qint64 from, qint64 to,
             qint64 error = 0)
{
    return QStringLiteral("2025-01-01T00:00:01.000 W wp.server.cluster: instance %1 no longer owns %2 epoch %3 ( %4 ) "
                          "interval-db-us %5..%6 end-error-us %7\n")
        .arg(id, QLatin1String(pool))
        .arg(epoch)
        .arg(QLatin1String(reason))
        .arg(from)
        .arg(to)
        .arg(error);
}

QString joining(const QString &id, const char *name)
{
    return QStringLiteral("2025-01-01T00:00:00.000 wp.server.cluster: instance %1 ( %2 ) joining the cluster, 4 pools\n")
        .arg(id, QLatin1String(name));
}

} // namespace

class TestOwnershipLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesOpenAndClosedIntervals()
    {
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), joining(kA, "a") + owns(kA, "p1", 1, 100) + owns(kA, "p2", 1, 110) +
                                            lost(kA, "p1", 1, "fenced", 100, 500) + QStringLiteral("noise owns p3\n"));
        QCOMPARE(log.size(), 2);
        const auto all = log.intervals(1000);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].poolId, QStringLiteral("p1"));
        QCOMPARE(all[0].endUs, 500);
        QCOMPARE(all[0].reason, QStringLiteral("fenced"));
        QCOMPARE(all[1].poolId, QStringLiteral("p2"));
        QVERIFY(!all[1].toUs);
        QCOMPARE(all[1].endUs, 1000); // open: now
        QCOMPARE(OwnershipLog::instanceIds(joining(kA, "a") + joining(kB, "a")), (QStringList{kA, kB}));
        QVERIFY(log.violations(1000).isEmpty());
        // The same text again changes nothing.
        log.addLog(QStringLiteral("a"), joining(kA, "a") + owns(kA, "p1", 1, 100));
        QCOMPARE(log.size(), 2);
    }

    void handOversAreFine()
    {
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100) + lost(kA, "p", 1, "released", 100, 200));
        log.addLog(QStringLiteral("b"), owns(kB, "p", 2, 200) + lost(kB, "p", 2, "fenced", 200, 300) + owns(kB, "p", 4, 900));
        log.addLog(QStringLiteral("a"), owns(kA, "p", 3, 400) + lost(kA, "p", 3, "lease-lost", 400, 800));
        QVERIFY2(log.violations(1000).isEmpty(), qPrintable(log.violations(1000).join(QLatin1Char('\n'))));
    }

    void overlapIsFound()
    {
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100) + lost(kA, "p", 1, "fenced", 100, 500));
        log.addLog(QStringLiteral("b"), owns(kB, "p", 2, 400));
        const QStringList v = log.violations(1000);
        QCOMPARE(v.size(), 1);
        QVERIFY2(v[0].contains(QStringLiteral("overlaps")) && v[0].contains(QStringLiteral("by 100 us")), qPrintable(v[0]));
    }

    void overlapWithAnIntervalThatSpansSeveralIsFound()
    {
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100) + lost(kA, "p", 1, "fenced", 100, 900));
        log.addLog(QStringLiteral("b"), owns(kB, "p", 2, 200) + lost(kB, "p", 2, "fenced", 200, 300) + owns(kB, "p", 3, 400) +
                                            lost(kB, "p", 3, "fenced", 400, 500));
        QCOMPARE(log.violations(1000).size(), 2); // both of b's intervals are inside a's
    }

    void openIntervalOfADeadInstanceEndsAtItsBound()
    {
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100)); // killed while holding it
        log.addLog(QStringLiteral("b"), owns(kB, "p", 2, 3200));
        QVERIFY(!log.violations(5000).isEmpty()); // without a bound, a is still open "now"
        log.setEndBound(kA, 150);
        QVERIFY(log.violations(5000).isEmpty());
        QVERIFY(log.intervals(5000).first().closedByBound);
        log.setEndBound(kA, 3300); // killed after b's claim: double ownership
        QCOMPARE(log.violations(5000).size(), 1);
    }

    void endErrorIsAllowedFor()
    {
        // A release logged 30 us after the next claim, with an estimate good to 50 us: no overlap.
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100) + lost(kA, "p", 1, "released", 100, 530, 50));
        log.addLog(QStringLiteral("b"), owns(kB, "p", 2, 500));
        QVERIFY2(log.violations(1000).isEmpty(), qPrintable(log.violations(1000).join(QLatin1Char('\n'))));
        // Good to 20 us only: a real overlap of at least 10 us.
        OwnershipLog strict;
        strict.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100) + lost(kA, "p", 1, "released", 100, 530, 20));
        strict.addLog(QStringLiteral("b"), owns(kB, "p", 2, 500));
        const QStringList v = strict.violations(1000);
        QCOMPARE(v.size(), 1);
        QVERIFY2(v[0].contains(QStringLiteral("by 10 us")), qPrintable(v[0]));
        // Lines without the error field (older logs) are read as exact.
        OwnershipLog old;
        old.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100) +
                                            QStringLiteral("instance %1 no longer owns p epoch 1 ( released ) interval-db-us 100..530\n").arg(kA));
        old.addLog(QStringLiteral("b"), owns(kB, "p", 2, 500));
        QCOMPARE(old.violations(1000).size(), 1);
    }

    void epochsMustIncreaseWithTime()
    {
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), owns(kA, "p", 5, 100) + lost(kA, "p", 5, "released", 100, 200));
        log.addLog(QStringLiteral("b"), owns(kB, "p", 4, 300) + lost(kB, "p", 4, "released", 300, 400));
        const QStringList v = log.violations(1000);
        QCOMPARE(v.size(), 1);
        QVERIFY2(v[0].contains(QStringLiteral("epoch 4 follows epoch 5")), qPrintable(v[0]));
    }

    void unknownOrNegativeEndIsAViolation()
    {
        OwnershipLog log;
        log.addLog(QStringLiteral("a"), owns(kA, "p", 1, 100) + lost(kA, "p", 1, "fenced", 100, -1));
        log.addLog(QStringLiteral("a"), owns(kA, "q", 1, 100) + lost(kA, "q", 1, "fenced", 100, 50));
        QCOMPARE(log.violations(1000).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestOwnershipLog)
#include "tst_ownershiplog.moc"
