// Issue #11, holding a pool: an input that obtains its blind signature and then
// disconnects while the mix is still in CONFIRM_INPUT, five times with the same coin,
// against two coordinator instances on one MariaDB with `[ban] blames = 3`. Each of
// the first three fails the mix at once (the others hear FAIL), the coin is blamed
// DISCONNECT, the honest clients still mix (times printed); after the third it is
// banned, and its next registration is refused (612 "Banned from service...") by
// the pool's owner and, after a SIGTERM drain moves the pool, by the other instance.
#include "advfixture.h"

using namespace wp;
using client::MixStep;
using test::HonestCoin;
using test::HostileClient;
using test::HostileStep;

namespace {
constexpr int kHonestMixBoundMs = 60000; ///< an honest mix completes this soon after an attack
constexpr int kBlamesToBan = 3;
} // namespace

class TestAdvBan : public QObject {
    Q_OBJECT

    test::AdvFixture m_fx;
    HostileClient *m_attacker = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        auto r = m_fx.setUp(5, 1, 5, test::adversarialIni(5, 10000, 10000, kBlamesToBan));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        m_attacker = &m_fx.attacker(0);
    }

    void init() { m_fx.beginTest(); }

    void cleanup()
    {
        const QString problem = m_fx.afterTestProblem(false); // an instance may be stopped on purpose
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void disconnectAfterConfirm_data()
    {
        QTest::addColumn<int>("round");
        for (int round = 1; round <= kBlamesToBan; ++round)
            QTest::newRow(qPrintable(QStringLiteral("offence %1").arg(round))) << round;
    }

    /// (c) offences 1..3: confirm, wait until three honest coins are confirmed in the same
    /// mix (not full: four of five), vanish; two more honest coins arrive.
    void disconnectAfterConfirm()
    {
        QFETCH(int, round);
        HostileClient &attacker = *m_attacker;
        attacker.start();
        QVERIFY2(attacker.waitForStep(HostileStep::Confirmed, 30000),
                 qPrintable(QStringLiteral("attacker in %1\n%2").arg(test::hostileStepName(attacker.step()), m_fx.logs())));
        const QString attackedMix = attacker.mixId();
        QList<HonestCoin *> honest = m_fx.startHonestRange(1, 3);
        QVERIFY2(m_fx.waitHonestStep(honest, MixStep::ConfirmedInput, 3, 30000), qPrintable(m_fx.logs()));
        attacker.disconnectNow();
        const qint64 attackAt = QDateTime::currentMSecsSinceEpoch();
        honest += m_fx.startHonestRange(4, 5);
        QString why;
        const QString txid = m_fx.waitHonestMix(honest, kHonestMixBoundMs, &why);
        const qint64 mixedAt = test::AdvFixture::lastEnd(honest);
        qint64 failHeardAt = 0; // the first FAIL the three waiting honest coins heard
        for (int i = 0; i < 3; ++i)
            if (!honest[i]->retryAtMs.isEmpty())
                failHeardAt = failHeardAt ? std::min(failHeardAt, honest[i]->retryAtMs.first()) : honest[i]->retryAtMs.first();
        qInfo("(c) offence %d: mix %s -> %s; honest coins heard FAIL %s; honest mix %s %lld ms after the disconnect", round,
              qPrintable(attackedMix), qPrintable(m_fx.mixRow(attackedMix).join(QLatin1Char(' '))),
              failHeardAt ? qPrintable(QStringLiteral("%1 ms after it").arg(failHeardAt - attackAt)) : "never",
              qPrintable(txid), mixedAt - attackAt);
        QVERIFY2(!txid.isEmpty(), qPrintable(why));
        QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));

        const QStringList reasons = m_fx.waitBlames(attacker.blameIdentifier(), round, 10000);
        QVERIFY2(reasons.size() == round && reasons.count(QStringLiteral("DISCONNECT")) == round,
                 qPrintable(QStringLiteral("offence %1: attacker blamed for [%2]; attacked mix %3: %4\n%5")
                                .arg(round)
                                .arg(reasons.join(QLatin1Char(',')), attackedMix,
                                     m_fx.mixRow(attackedMix).join(QLatin1Char(' ')), m_fx.logs())));
        QCOMPARE(m_fx.mixRow(attackedMix).value(0), QStringLiteral("FAIL"));
        QVERIFY2(failHeardAt > 0 && failHeardAt - attackAt < 3000, "the waiting honest coins did not hear FAIL at once");
        // Banned exactly from the configured offence on.
        if (round < kBlamesToBan)
            QVERIFY(!m_fx.isBanned(attacker.blameIdentifier()));
        else
            QTRY_VERIFY_WITH_TIMEOUT(m_fx.isBanned(attacker.blameIdentifier()), 10000);
    }

    /// (c) offence 4: the owner refuses the banned coin.
    void bannedOnOwner()
    {
        HostileClient &attacker = *m_attacker;
        attacker.setCoordinatorUrl(QUrl(m_fx.ownerUrl()));
        attacker.start();
        QVERIFY2(attacker.waitForStep(HostileStep::Refused, 15000),
                 qPrintable(QStringLiteral("not refused, in %1").arg(test::hostileStepName(attacker.step()))));
        QCOMPARE(attacker.lastError()->errorCode, 612);
        QVERIFY2(attacker.lastError()->message.startsWith(QStringLiteral("Banned from service")),
                 qPrintable(attacker.lastError()->message));
    }

    /// (c) offence 5: the owner drains (SIGTERM); the other instance takes the pool and
    /// refuses the banned coin too; the honest clients mix there.
    void bannedOnOtherInstanceAfterDrain()
    {
        const QString owner = m_fx.ownerName();
        QVERIFY(!owner.isEmpty());
        const QString other = owner == QStringLiteral("alpha") ? QStringLiteral("beta") : QStringLiteral("alpha");
        QElapsedTimer drain;
        drain.start();
        QVERIFY(m_fx.cluster.terminate(owner));
        QTRY_COMPARE_WITH_TIMEOUT(m_fx.cluster.owners().value(test::kAdvPool), other, 20000);
        qInfo("(c) %s drained; %s owns the pool after %lld ms", qPrintable(owner), qPrintable(other), qint64(drain.elapsed()));

        HostileClient &attacker = *m_attacker;
        attacker.setCoordinatorUrl(QUrl(m_fx.cluster.url(other)));
        attacker.start();
        QVERIFY2(attacker.waitForStep(HostileStep::Refused, 15000),
                 qPrintable(QStringLiteral("not refused, in %1").arg(test::hostileStepName(attacker.step()))));
        QCOMPARE(attacker.lastError()->errorCode, 612);
        QVERIFY2(attacker.lastError()->message.startsWith(QStringLiteral("Banned from service")),
                 qPrintable(attacker.lastError()->message));

        const QList<HonestCoin *> honest = m_fx.startHonestRange(1, 5);
        QString why;
        const QString txid = m_fx.waitHonestMix(honest, kHonestMixBoundMs, &why);
        QVERIFY2(!txid.isEmpty(), qPrintable(why));
        QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestAdvBan)
#include "tst_adv_ban.moc"
