// MixOrchestrator: slots, order, remix with inherited counts, back-off, bans,
// blocking errors, stop/start, spent coins, persisted state. Attempts are
// scripted here; the real ResilientMixSession is exercised by the cluster tests.
#include <mixer/mixorchestrator.h>

#include <protocol/messages.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace wp;
using namespace wp::client;

namespace {

/// An attempt the test finishes by hand.
class ScriptedAttempt : public MixAttempt {
public:
    explicit ScriptedAttempt(MixableCoin c) : coin(std::move(c)) {}
    void start() override { started = true; }
    void stop() override
    {
        if (finished)
            return;
        finished = true;
        stopped = true;
        Q_EMIT failed(MixFailReason::Stop, QStringLiteral("stopped"), 0);
    }
    void succeed(const QString &txid)
    {
        finished = true;
        Q_EMIT succeeded(txid);
    }
    void fail(MixFailReason reason, int code = 0, const QString &message = QStringLiteral("x"))
    {
        finished = true;
        Q_EMIT failed(reason, message, code);
    }

    MixableCoin coin;
    bool started = false;
    bool stopped = false;
    bool finished = false;
};

btc::Txid txid(int n)
{
    QByteArray bytes(32, '\0');
    bytes[0] = char(n);
    bytes[31] = char(n >> 8);
    return *btc::Txid::fromBytes(bytes);
}

MixableCoin coin(int n, bool postmix = false, quint32 index = 0)
{
    return MixableCoin{btc::OutPoint{txid(n), index}, 1'000'000, btc::Script(), QStringLiteral("0.01btc"), postmix};
}

} // namespace

class TestMixOrchestrator : public QObject {
    Q_OBJECT

    QList<QPointer<ScriptedAttempt>> m_attempts;
    qint64 m_now = 1'000'000;

    std::unique_ptr<MixOrchestrator> make(OrchestratorConfig config = {})
    {
        m_attempts.clear();
        auto o = std::make_unique<MixOrchestrator>(
            [this](const MixableCoin &c) {
                auto *a = new ScriptedAttempt(c);
                m_attempts.append(a);
                return a;
            },
            config);
        o->setClock([this] { return m_now; });
        return o;
    }
    /// The live attempt for @p n's coin, or nullptr.
    ScriptedAttempt *attemptFor(int n, quint32 index = 0)
    {
        for (const auto &a : std::as_const(m_attempts))
            if (a && !a->finished && a->coin.outpoint == btc::OutPoint{txid(n), index})
                return a;
        return nullptr;
    }
    int running() const
    {
        return int(std::count_if(m_attempts.begin(), m_attempts.end(), [](const auto &a) { return a && !a->finished; }));
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<CoinStatus>(); }

    void slotsLimitConcurrentSessionsAndPremixGoesFirst()
    {
        OrchestratorConfig config;
        config.maxConcurrent = 2;
        auto o = make(config);
        o->setCoins({coin(1, true), coin(2), coin(3), coin(4)});
        QCOMPARE(o->activeSessions(), 2);
        QVERIFY(attemptFor(2) && attemptFor(3)); // the premix coins, before the remix
        QVERIFY(attemptFor(2)->started);
        QCOMPARE(o->status(coin(1, true).outpoint)->state, CoinMixState::Queued);
        attemptFor(2)->succeed(QStringLiteral("aa"));
        QCOMPARE(o->activeSessions(), 2);
        QVERIFY(attemptFor(4)); // the next premix coin
        QCOMPARE(o->status(coin(2).outpoint)->state, CoinMixState::Mixed);
        QCOMPARE(o->mixesSucceeded(), 1);
    }

    void remixInheritsTheCountAndStopsAtTheTarget()
    {
        OrchestratorConfig config;
        config.remixTarget = 2;
        auto o = make(config);
        o->setCoins({coin(1)});
        const QString mixTx = txid(10).toHex();
        attemptFor(1)->succeed(mixTx);
        // The next sync: the premix coin is spent, its postmix output arrives.
        o->setCoins({coin(10, true, 3)});
        QCOMPARE(o->status(coin(10, true, 3).outpoint)->mixesDone, 1);
        QVERIFY(attemptFor(10, 3)); // remixed
        attemptFor(10, 3)->succeed(txid(11).toHex());
        o->setCoins({coin(11, true)});
        const CoinStatus done = *o->status(coin(11, true).outpoint);
        QCOMPARE(done.mixesDone, 2);
        QCOMPARE(done.state, CoinMixState::Idle); // target reached
        QVERIFY(!attemptFor(11));
    }

    void failuresBackOffExponentiallyAndBansWaitLongest()
    {
        OrchestratorConfig config;
        config.retryMinMs = 1000;
        config.retryMaxMs = 8000;
        auto o = make(config);
        o->setCoins({coin(1), coin(2)});
        const btc::OutPoint a = coin(1).outpoint;
        attemptFor(1)->fail(MixFailReason::MixFailed);
        CoinStatus s = *o->status(a);
        QCOMPARE(s.state, CoinMixState::Waiting);
        QCOMPARE(s.retryAtMs, m_now + 1000);
        QVERIFY(!s.lastError.isEmpty());
        QVERIFY(!s.advice.isEmpty());
        // Not before its time.
        QVERIFY(!attemptFor(1));
        m_now += 1000;
        QTRY_VERIFY(attemptFor(1)); // the retry timer fires (0 ms left)
        attemptFor(1)->fail(MixFailReason::Disconnected);
        QCOMPARE(o->status(a)->retryAtMs, m_now + 2000);
        m_now += 2000;
        QTRY_VERIFY(attemptFor(1));
        attemptFor(1)->fail(MixFailReason::Disconnected);
        QCOMPARE(o->status(a)->retryAtMs, m_now + 4000);

        // A ban: the longest pause at once, explained.
        attemptFor(2)->fail(MixFailReason::InputRejected, proto::error::kInputBanned, QStringLiteral("Banned for 2h"));
        s = *o->status(coin(2).outpoint);
        QCOMPARE(s.state, CoinMixState::Waiting);
        QCOMPARE(s.retryAtMs, m_now + 8000);
        QVERIFY(s.lastError.contains(QLatin1String("Banned for 2h")));
        QCOMPARE(s.lastErrorCode, proto::error::kInputBanned);
    }

    void securityErrorsBlockUntilTheUserStartsAgain()
    {
        auto o = make();
        o->setCoins({coin(1), coin(2), coin(3)});
        attemptFor(1)->fail(MixFailReason::KeyMismatch);
        attemptFor(2)->fail(MixFailReason::InvalidTransaction);
        attemptFor(3)->fail(MixFailReason::ProtocolMismatch);
        for (int n : {1, 2, 3}) {
            const CoinStatus s = *o->status(coin(n).outpoint);
            QCOMPARE(s.state, CoinMixState::Blocked);
            QVERIFY(!s.advice.isEmpty());
        }
        m_now += 10'000'000;
        QTest::qWait(20);
        QVERIFY(!attemptFor(1));
        QVERIFY(o->start(coin(1).outpoint));
        QVERIFY(attemptFor(1));
    }

    void stopAndStartPerCoinAndForAll()
    {
        auto o = make();
        o->setCoins({coin(1), coin(2)});
        QPointer<ScriptedAttempt> first = attemptFor(1);
        QVERIFY(o->stop(coin(1).outpoint));
        QVERIFY(first->stopped);
        QCOMPARE(o->status(coin(1).outpoint)->state, CoinMixState::Idle);
        QVERIFY(!o->stop(coin(99).outpoint));

        o->stopAll();
        QCOMPARE(running(), 0);
        QVERIFY(!o->isRunning());
        o->setCoins({coin(1), coin(2), coin(3)}); // a new coin while stopped: not started
        QCOMPARE(o->status(coin(3).outpoint)->state, CoinMixState::Idle);
        o->startAll();
        QCOMPARE(running(), 3);
    }

    void spentCoinsLeaveAndTheirSessionStops()
    {
        auto o = make();
        QSignalSpy changed(o.get(), &MixOrchestrator::coinsChanged);
        o->setCoins({coin(1), coin(2)});
        QPointer<ScriptedAttempt> a = attemptFor(1);
        o->setCoins({coin(2)});
        QVERIFY(a->stopped);
        QVERIFY(!o->status(coin(1).outpoint));
        QCOMPARE(o->coins().size(), 1);
        QCOMPARE(changed.size(), 2);
    }

    /// The mix is broadcast before SUCCESS arrives: a sync may see the coin spent while
    /// its session is still signing. The success must not be lost.
    void coinSpentByItsOwnMixKeepsItsSession()
    {
        auto o = make();
        QSignalSpy succeeded(o.get(), &MixOrchestrator::mixSucceeded);
        o->setCoins({coin(1), coin(2)});
        QPointer<ScriptedAttempt> signing = attemptFor(1);
        QPointer<ScriptedAttempt> waiting = attemptFor(2);
        Q_EMIT signing->stepChanged(MixStep::Signed, QStringLiteral("signed"), 90);
        o->setCoins({}); // both spent as far as the chain knows
        QVERIFY(!signing->stopped);
        QVERIFY(waiting->stopped); // not in a mix we signed: spent elsewhere
        signing->succeed(txid(30).toHex());
        QCOMPARE(succeeded.size(), 1);
        QCOMPARE(o->status(coin(1).outpoint)->state, CoinMixState::Mixed);
        o->setCoins({coin(30, true)});
        QVERIFY(!o->status(coin(1).outpoint)); // gone now that its session ended
        QCOMPARE(o->status(coin(30, true).outpoint)->mixesDone, 1);
    }

    void stateSurvivesARestart()
    {
        QJsonObject saved;
        {
            auto o = make();
            o->setCoins({coin(1), coin(5, true)});
            attemptFor(1)->succeed(txid(20).toHex()); // its output is not seen before the restart
            o->stop(coin(5, true).outpoint);
            saved = o->saveState();
        }
        auto o = make();
        o->restoreState(saved);
        o->setCoins({coin(20, true, 4), coin(5, true)});
        QCOMPARE(o->status(coin(20, true, 4).outpoint)->mixesDone, 1);
        QCOMPARE(o->status(coin(5, true).outpoint)->state, CoinMixState::Idle); // stopped stays stopped
        QVERIFY(attemptFor(20, 4));

        // Garbage never hurts.
        auto other = make();
        other->restoreState(QJsonObject{{QStringLiteral("mixCounts"), QJsonObject{{QStringLiteral("zz:1"), 3}}},
                                        {QStringLiteral("stopped"), QJsonArray{QJsonValue(1), QJsonValue(QStringLiteral(":")), QJsonValue(QStringLiteral("x:y"))}}});
        other->setCoins({coin(1)});
        QCOMPARE(other->status(coin(1).outpoint)->mixesDone, 0);
    }

    void adviceIsNeverEmptyForErrors()
    {
        for (MixFailReason r : {MixFailReason::ProtocolMismatch, MixFailReason::MixFailed, MixFailReason::Disconnected,
                                MixFailReason::InputRejected, MixFailReason::InternalError, MixFailReason::KeyMismatch,
                                MixFailReason::PoolMismatch, MixFailReason::InvalidTransaction}) {
            const MixFailureAdvice a = adviceForFailure(r, 0, QStringLiteral("m"));
            QVERIFY2(!a.explanation.isEmpty() && !a.advice.isEmpty(), qPrintable(mixFailReasonName(r)));
        }
        QVERIFY(!adviceForFailure(MixFailReason::Stop, 0, {}).retry);
    }
};

QTEST_GUILESS_MAIN(TestMixOrchestrator)
#include "tst_mixorchestrator.moc"
