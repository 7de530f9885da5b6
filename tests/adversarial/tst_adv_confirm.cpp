// Issue #11, never confirming: an input that registers and then ignores every
// invitation (d). With `[timings] confirm-deadline-ms`, its slot goes to the next
// queued input once the deadline passes, so the honest clients mix regardless
// (time printed); after two missed deadlines in a row it is blamed CONFIRM_TIMEOUT
// and dropped from the queue (never invited again). Two coordinator instances on
// one MariaDB, real bcoin, five honest clients (ResilientMixSession).
#include "advfixture.h"

using namespace wp;
using test::HonestCoin;
using test::HostileClient;
using test::HostileStep;

namespace {
constexpr int kHonestMixBoundMs = 60000; ///< an honest mix completes this soon after the attacker is invited
constexpr int kConfirmDeadlineMs = 3000;
} // namespace

class TestAdvConfirm : public QObject {
    Q_OBJECT

    test::AdvFixture m_fx;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(test::coordinatorKnowsSetting(QStringLiteral("timings.confirm-deadline-ms")),
                 "whirlpool-coordinator has no [timings] confirm-deadline-ms setting: an invited input that never "
                 "confirms cannot be given a deadline");
        auto r = m_fx.setUp(5, 1, 4,
                            test::adversarialIni(5, 10000, 10000, 8,
                                                 QStringLiteral("confirm-deadline-ms = %1\n").arg(kConfirmDeadlineMs)));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    }

    void init() { m_fx.beginTest(); }

    void cleanup()
    {
        const QString problem = m_fx.afterTestProblem(false); // an instance may be stopped on purpose
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    /// (d) Registers, never confirms.
    void neverConfirming()
    {
        HostileClient &attacker = m_fx.attacker(0);
        attacker.behaviour().confirm = false;
        attacker.start();
        QVERIFY2(attacker.waitForStep(HostileStep::Invited, 30000), qPrintable(m_fx.logs()));
        const qint64 attackAt = attacker.lastStepAtMs();
        const QList<HonestCoin *> honest = m_fx.startHonestRange(1, 5);
        QString why;
        const QString txid = m_fx.waitHonestMix(honest, kHonestMixBoundMs, &why);
        const qint64 mixedAt = test::AdvFixture::lastEnd(honest);
        QVERIFY2(!txid.isEmpty(), qPrintable(why));
        QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));
        qInfo("(d) honest mix %s %lld ms after the attacker's first invitation", qPrintable(txid), mixedAt - attackAt);

        const QStringList reasons = m_fx.waitBlames(attacker.blameIdentifier(), 1, 4 * kConfirmDeadlineMs + 20000);
        const int invitations = int(attacker.history().count(HostileStep::Invited));
        qInfo("(d) attacker invited %d times, blamed [%s] %lld ms after its first invitation", invitations,
              qPrintable(reasons.join(QLatin1Char(','))), QDateTime::currentMSecsSinceEpoch() - attackAt);
        QCOMPARE(reasons, QStringList{QStringLiteral("CONFIRM_TIMEOUT")});
        QVERIFY(invitations >= 2);

        // Dropped from the queue: another honest mix, and no further invitation.
        const QList<HonestCoin *> again = m_fx.startHonestRange(1, 5);
        const QString txid2 = m_fx.waitHonestMix(again, kHonestMixBoundMs, &why);
        QVERIFY2(!txid2.isEmpty(), qPrintable(why));
        QCOMPARE(int(attacker.history().count(HostileStep::Invited)), invitations);
        QCOMPARE(m_fx.blameReasons(attacker.blameIdentifier()).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAdvConfirm)
#include "tst_adv_confirm.moc"
