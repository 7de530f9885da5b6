// A pool's lifecycle without I/O or event loop: running, draining, stopped, the lease
// epoch, and a drain's end held back until the last mix record of the epoch is stored.
#include <pool/poollifecycle.h>

#include <QTest>

using namespace wp::server;
using State = PoolLifecycle::State;
using DrainStart = PoolLifecycle::DrainStart;

class TestPoolLifecycle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsStopped()
    {
        PoolLifecycle l;
        QCOMPARE(l.state(), State::Stopped);
        QVERIFY(!l.isRunning());
        QVERIFY(!l.isDraining());
        QCOMPARE(l.epoch(), 0);
        QCOMPARE(l.recordsInFlight(), 0);
    }

    void startRunsUnderTheEpoch()
    {
        PoolLifecycle l;
        l.start(7);
        QCOMPARE(l.state(), State::Running);
        QVERIFY(l.isRunning());
        QVERIFY(!l.isDraining());
        QCOMPARE(l.epoch(), 7);
        QVERIFY(l.stop());
        QCOMPARE(l.state(), State::Stopped);
        QCOMPARE(l.epoch(), 7); // still reported: the last epoch it ran under
        l.start(8);
        QCOMPARE(l.epoch(), 8);
    }

    void stopWhenStoppedSaysSo()
    {
        PoolLifecycle l;
        QVERIFY(!l.stop());
        l.start(1);
        QVERIFY(l.stop());
        QVERIFY(!l.stop());
    }

    void drainOfAStoppedPoolEndsAtOnce()
    {
        PoolLifecycle l;
        int drained = 0;
        QCOMPARE(l.beginDrain([&] { ++drained; }), DrainStart::NotRunning);
        QCOMPARE(drained, 1);
        QCOMPARE(l.state(), State::Stopped);
    }

    void drainEndsWhenFinished()
    {
        PoolLifecycle l;
        l.start(3);
        int drained = 0;
        QCOMPARE(l.beginDrain([&] { ++drained; }), DrainStart::Started);
        QCOMPARE(l.state(), State::Draining);
        QVERIFY(l.isRunning()); // a mix past input registration still runs to its end
        QVERIFY(l.isDraining());
        QCOMPARE(drained, 0);
        l.finishDrain();
        QCOMPARE(l.state(), State::Stopped);
        QCOMPARE(drained, 1);
        l.finishDrain(); // no longer draining: nothing more
        QVERIFY(!l.stop());
        QCOMPARE(drained, 1);
    }

    void secondDrainIsNotTold()
    {
        PoolLifecycle l;
        l.start(1);
        int first = 0;
        int second = 0;
        QCOMPARE(l.beginDrain([&] { ++first; }), DrainStart::Started);
        QCOMPARE(l.beginDrain([&] { ++second; }), DrainStart::AlreadyDraining);
        l.finishDrain();
        QCOMPARE(first, 1);
        QCOMPARE(second, 0);
    }

    void finishDrainWhenRunningDoesNothing()
    {
        PoolLifecycle l;
        l.start(1);
        l.finishDrain();
        QCOMPARE(l.state(), State::Running);
    }

    void drainEndHeldUntilTheLastRecordIsStored()
    {
        PoolLifecycle l;
        l.start(5);
        l.recordStarted(); // a mix that ended before the drain
        int drained = 0;
        QCOMPARE(l.beginDrain([&] { ++drained; }), DrainStart::Started);
        l.recordStarted(); // the mix that ran to its end during the drain
        QCOMPARE(l.recordsInFlight(), 2);
        l.finishDrain();
        QCOMPARE(l.state(), State::Stopped);
        QVERIFY(l.isReleaseHeld());
        QCOMPARE(drained, 0); // the lease is kept until the epoch's history is written
        l.recordStored();
        QCOMPARE(drained, 0);
        l.recordStored();
        QCOMPARE(drained, 1);
        QVERIFY(!l.isReleaseHeld());
        QCOMPARE(l.recordsInFlight(), 0);
    }

    void recordsStoredBeforeTheEndDoNotHold()
    {
        PoolLifecycle l;
        l.start(5);
        l.recordStarted();
        int drained = 0;
        l.beginDrain([&] { ++drained; });
        l.recordStored();
        QCOMPARE(drained, 0); // stored, but the drain has not finished yet
        l.finishDrain();
        QCOMPARE(drained, 1);
    }

    void stopDuringADrainForgetsIt()
    {
        PoolLifecycle l;
        l.start(2);
        int drained = 0;
        l.beginDrain([&] { ++drained; });
        QVERIFY(l.stop());
        QCOMPARE(l.state(), State::Stopped);
        l.finishDrain();
        QCOMPARE(drained, 0);
    }

    void stopForgetsADrainEndHeldForRecords()
    {
        PoolLifecycle l;
        l.start(2);
        l.recordStarted();
        int drained = 0;
        l.beginDrain([&] { ++drained; });
        l.finishDrain();
        QVERIFY(l.isReleaseHeld());
        QVERIFY(!l.stop()); // already stopped, but the held end is gone: the lease was lost
        QVERIFY(!l.isReleaseHeld());
        l.recordStored();
        QCOMPARE(drained, 0);
        QCOMPARE(l.recordsInFlight(), 0);
    }

    void recordsAreCountedWithoutADrain()
    {
        PoolLifecycle l;
        l.start(1);
        l.recordStarted();
        l.recordStarted();
        l.recordStored();
        QCOMPARE(l.recordsInFlight(), 1);
        l.recordStored();
        QCOMPARE(l.recordsInFlight(), 0);
        QVERIFY(!l.isReleaseHeld());
    }

    void restartAfterADrain()
    {
        PoolLifecycle l;
        l.start(1);
        int drained = 0;
        l.beginDrain([&] { ++drained; });
        l.finishDrain();
        l.start(4); // the lease came back under a new epoch
        QCOMPARE(l.state(), State::Running);
        QCOMPARE(l.epoch(), 4);
        QCOMPARE(drained, 1);
    }
};

QTEST_APPLESS_MAIN(TestPoolLifecycle)
#include "tst_poollifecycle.moc"
