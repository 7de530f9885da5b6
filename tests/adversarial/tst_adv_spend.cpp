// Issue #11, double spends: a confirmed input that is double-spent after it got its
// blind signature (a), and one double-spent around signing (g). Two coordinator
// instances on one MariaDB, real bcoin, five honest clients (ResilientMixSession).
// Each test asserts that the spender is blamed SPENT, that no honest coin is ever
// blamed, that the tokens of a failed mix or of a spent input register nothing, and
// that the honest clients complete a mix (SUCCESS row, transaction broadcast) in
// bounded time after the attack; the times are printed.
//
// bcoin 1.0.2's gettxout still calls an output unspent while only a mempool
// transaction spends it: every double spend here is mined before the coordinator's
// next check (HostileClient::doubleSpend()).
#include "advfixture.h"

using namespace wp;
using test::HonestCoin;
using test::HostileClient;
using test::HostileStep;

namespace {
constexpr int kHonestMixBoundMs = 90000; ///< an honest mix completes this soon after an attack
}

class TestAdvSpend : public QObject {
    Q_OBJECT

    test::AdvFixture m_fx;

private Q_SLOTS:
    void initTestCase()
    {
        // 5 honest wallets, 3 attacker wallets (one Tx0, so one blame identifier, each).
        auto r = m_fx.setUp(5, 3, 4, test::adversarialIni(5, 10000, 10000, 8));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    }

    void init() { m_fx.beginTest(); }

    void cleanup()
    {
        const QString problem = m_fx.afterTestProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    /// (a) Two attacker inputs are confirmed (each holds a blind signature); one is
    /// double-spent and mined; the attacker then tries to register outputs with both
    /// signatures in whatever mix its other input reaches REGISTER_OUTPUT.
    void doubleSpendAfterBlindSignature()
    {
        HostileClient &spender = m_fx.attacker(0);
        HostileClient &accomplice = m_fx.attacker(1);
        accomplice.behaviour().rejoinAfterFailMs = 2000; // comes back like an honest client
        struct Attempt {
            QString who;
            QString tokenMixId;
            QString inMixId;
            QString verdict; ///< "accepted" or the coordinator's message
        };
        QList<Attempt> attempts;
        accomplice.behaviour().onRegisterOutput = [&](const QString &inputsHash) {
            // Every token the two inputs hold except the accomplice's token of this very mix.
            for (HostileClient *c : {&spender, &accomplice}) {
                for (const test::BlindToken &t : c->tokens()) {
                    if (c == &accomplice && t.mixId == accomplice.mixId())
                        continue;
                    const auto r = accomplice.registerOutputAndWait(t, HostileClient::freshAddress(), inputsHash);
                    attempts.append({c == &spender ? QStringLiteral("spender") : QStringLiteral("accomplice"), t.mixId,
                                     accomplice.mixId(), r ? QStringLiteral("accepted") : r.error().message});
                }
            }
        };
        spender.start();
        accomplice.start();
        QVERIFY2(spender.waitForStep(HostileStep::Confirmed, 30000), qPrintable(m_fx.logs()));
        QVERIFY2(accomplice.waitForStep(HostileStep::Confirmed, 30000), qPrintable(m_fx.logs()));
        QCOMPARE(spender.mixId(), accomplice.mixId());
        const QString firstMix = spender.mixId();

        auto spent = spender.doubleSpend(m_fx.cluster.node, m_fx.minerAddress());
        QVERIFY2(spent, spent ? "" : qPrintable(spent.error().message));
        const qint64 attackAt = QDateTime::currentMSecsSinceEpoch();

        // Four honest coins: with the accomplice they fill a mix of five.
        const QList<HonestCoin *> honest = m_fx.startHonestRange(1, 4);
        QString why;
        const QString txid = m_fx.waitHonestMix(honest, kHonestMixBoundMs, &why);
        const qint64 mixedAt = test::AdvFixture::lastEnd(honest);
        QVERIFY2(!txid.isEmpty(), qPrintable(why));
        QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));
        qInfo("(a) honest mix %s %lld ms after the double spend was mined; first mix %s -> %s", qPrintable(txid),
              mixedAt - attackAt, qPrintable(firstMix), qPrintable(m_fx.mixRow(firstMix).join(QLatin1Char(' '))));
        for (const Attempt &a : attempts)
            qInfo("(a) registerOutput with the %s's token of mix %s in mix %s: %s", qPrintable(a.who),
                  qPrintable(a.tokenMixId), qPrintable(a.inMixId), qPrintable(a.verdict));

        // The spender is blamed SPENT; the first mix failed at once.
        const QStringList reasons = m_fx.waitBlames(spender.blameIdentifier(), 1, 10000);
        QVERIFY2(reasons.contains(QStringLiteral("SPENT")),
                 qPrintable(QStringLiteral("spender blamed for [%1]; mix %2: %3\n%4")
                                .arg(reasons.join(QLatin1Char(',')), firstMix,
                                     m_fx.mixRow(firstMix).join(QLatin1Char(' ')), m_fx.logs())));
        QCOMPARE(m_fx.mixRow(firstMix).value(0), QStringLiteral("FAIL"));
        QVERIFY2(!accomplice.failedMixIds().isEmpty() && accomplice.failedMixIds().first() == firstMix,
                 "the others in the mix were not told FAIL");
        // Neither signature registered anything outside its own, live, mix.
        QVERIFY2(!attempts.isEmpty(), "the accomplice never reached REGISTER_OUTPUT with a token to replay");
        for (const Attempt &a : attempts)
            QVERIFY2(a.verdict != QStringLiteral("accepted"),
                     qPrintable(QStringLiteral("the %1's token of mix %2 registered an output in mix %3")
                                    .arg(a.who, a.tokenMixId, a.inMixId)));
    }

    /// (g) The attacker signs validly but double-spends its input (mined) just before
    /// its signature reaches the coordinator.
    void doubleSpendAfterSigning()
    {
        m_fx.mine(); // a fresh block between tests
        HostileClient &attacker = m_fx.attacker(2);
        std::optional<Result<btc::Txid>> spent;
        qint64 attackAt = 0;
        attacker.behaviour().beforeSendingSignature = [&] {
            spent = attacker.doubleSpend(m_fx.cluster.node, m_fx.minerAddress());
            attackAt = QDateTime::currentMSecsSinceEpoch();
        };
        attacker.start();
        QVERIFY2(attacker.waitForStep(HostileStep::Confirmed, 30000), qPrintable(m_fx.logs()));
        const QString attackedMix = attacker.mixId();
        // Four honest coins join the attacker's mix; the fifth replaces it afterwards.
        const QList<HonestCoin *> honest = m_fx.startHonestRange(1, 5);
        QVERIFY2(attacker.waitForStep(HostileStep::Signed, 60000),
                 qPrintable(QStringLiteral("attacker stuck in %1\n%2").arg(test::hostileStepName(attacker.step()), m_fx.logs())));
        QVERIFY2(spent && *spent, spent && !*spent ? qPrintable(spent->error().message) : "no double spend");
        QVERIFY2(attacker.waitForEnd(30000), "the attacked mix did not end");
        const qint64 failedAt = attacker.lastStepAtMs();
        QString why;
        const QString txid = m_fx.waitHonestMix(honest, kHonestMixBoundMs, &why);
        const qint64 mixedAt = test::AdvFixture::lastEnd(honest);
        qInfo("(g) attacked mix %s ended %s %lld ms after the double spend (%s)", qPrintable(attackedMix),
              qPrintable(test::hostileStepName(attacker.step())), failedAt - attackAt,
              qPrintable(m_fx.mixRow(attackedMix).join(QLatin1Char(' '))));
        QVERIFY2(!txid.isEmpty(), qPrintable(why));
        QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));
        qInfo("(g) honest mix %s %lld ms after the double spend was mined", qPrintable(txid), mixedAt - attackAt);

        const QStringList reasons = m_fx.waitBlames(attacker.blameIdentifier(), 1, 10000);
        QVERIFY2(reasons.contains(QStringLiteral("SPENT")),
                 qPrintable(QStringLiteral("attacker blamed for [%1]; mix %2: %3\n%4")
                                .arg(reasons.join(QLatin1Char(',')), attackedMix,
                                     m_fx.mixRow(attackedMix).join(QLatin1Char(' ')), m_fx.logs())));
        QCOMPARE(attacker.step(), HostileStep::MixFailed);
    }
};

QTEST_GUILESS_MAIN(TestAdvSpend)
#include "tst_adv_spend.moc"
