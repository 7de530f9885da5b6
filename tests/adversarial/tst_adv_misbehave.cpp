// Issue #11, misbehaviour inside a mix: a duplicate reveal (b), a high-S signature (e)
// and signatures of another sighash type (f). Two coordinator instances on one
// MariaDB, real bcoin, five honest clients (ResilientMixSession). Each test asserts
// that the attacker is blamed with the expected reason, that no honest coin is ever
// blamed, that a bad witness fails the mix at once (well before the SIGNING timeout),
// and that the honest clients complete a mix (SUCCESS row, transaction broadcast)
// in bounded time after the attack; the times are printed.
#include "advfixture.h"

using namespace wp;
using test::HonestCoin;
using test::HostileClient;
using test::HostileStep;
using test::SignMode;

namespace {
constexpr int kHonestMixBoundMs = 90000; ///< an honest mix completes this soon after an attack
constexpr int kSigningTimeoutMs = 20000;  ///< long, so "at once" cannot be the timeout
constexpr int kAtOnceMs = 5000;           ///< a bad witness fails the mix within this
} // namespace

class TestAdvMisbehave : public QObject {
    Q_OBJECT

    test::AdvFixture m_fx;

    /// One attacker input signing with @p mode / @p sighashType in a mix with four
    /// honest coins (a fifth replaces it afterwards).
    void signingAttack(int attackerWallet, SignMode mode, quint8 sighashType, const char *label)
    {
        HostileClient &attacker = m_fx.attacker(attackerWallet);
        attacker.behaviour().sign = mode;
        attacker.behaviour().sighashType = sighashType;
        attacker.start();
        QVERIFY2(attacker.waitForStep(HostileStep::Confirmed, 30000), qPrintable(m_fx.logs()));
        const QString attackedMix = attacker.mixId();
        const QList<HonestCoin *> honest = m_fx.startHonestRange(1, 5);
        QVERIFY2(attacker.waitForStep(HostileStep::Signed, 60000),
                 qPrintable(QStringLiteral("attacker stuck in %1\n%2").arg(test::hostileStepName(attacker.step()), m_fx.logs())));
        const qint64 attackAt = attacker.lastStepAtMs();
        const bool ended = attacker.waitForEnd(kSigningTimeoutMs + 10000);
        const qint64 endedAt = attacker.lastStepAtMs();
        qInfo("%s attacked mix %s ended %s %lld ms after the bad witness was sent (%s)", label, qPrintable(attackedMix),
              qPrintable(test::hostileStepName(attacker.step())), endedAt - attackAt,
              qPrintable(m_fx.mixRow(attackedMix).join(QLatin1Char(' '))));
        if (attacker.step() == HostileStep::Success) {
            // Not detected: the witness went into a broadcast mix transaction.
            QFAIL(qPrintable(QStringLiteral("%1: the mix with the attacker's witness SUCCEEDED; attacker blamed for [%2]")
                                 .arg(QLatin1String(label), m_fx.blameReasons(attacker.blameIdentifier()).join(QLatin1Char(',')))));
        }
        QString why;
        const QString txid = m_fx.waitHonestMix(honest, kHonestMixBoundMs, &why);
        const qint64 mixedAt = test::AdvFixture::lastEnd(honest);
        QVERIFY2(!txid.isEmpty(), qPrintable(why));
        QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));
        qInfo("%s honest mix %s %lld ms after the bad witness", label, qPrintable(txid), mixedAt - attackAt);

        const QStringList reasons = m_fx.waitBlames(attacker.blameIdentifier(), 1, 10000);
        QVERIFY2(reasons.contains(QStringLiteral("SIGNING")),
                 qPrintable(QStringLiteral("attacker blamed for [%1]; attacked mix %2: %3; honest mix %4\n%5")
                                .arg(reasons.join(QLatin1Char(',')), attackedMix,
                                     m_fx.mixRow(attackedMix).join(QLatin1Char(' ')), txid, m_fx.logs())));
        QVERIFY(ended);
        // Its signature is refused (an error for its session), and the mix fails.
        QVERIFY2(attacker.step() == HostileStep::MixFailed || attacker.step() == HostileStep::Refused,
                 qPrintable(QString::number(int(attacker.step()))));
        QVERIFY2(endedAt - attackAt < kAtOnceMs,
                 qPrintable(QStringLiteral("the mix failed %1 ms after the bad witness (not at once)").arg(endedAt - attackAt)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // 5 honest wallets; 5 attacker wallets (one Tx0, so one blame identifier, each).
        auto r = m_fx.setUp(5, 5, 5, test::adversarialIni(5, 4000, kSigningTimeoutMs, 8));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    }

    void init() { m_fx.beginTest(); }

    void cleanup()
    {
        const QString problem = m_fx.afterTestProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    /// (b) Two attacker inputs in one mix register ONE output; at REVEAL_OUTPUT both
    /// reveal that address (trying to pass for two honest inputs).
    void duplicateReveal()
    {
        const QString shared = HostileClient::freshAddress();
        HostileClient &owner = m_fx.attacker(0);
        owner.behaviour().outputAddress = shared;
        owner.behaviour().revealAddress = shared;
        HostileClient &copier = m_fx.attacker(1);
        copier.behaviour().registerOutput = false;
        copier.behaviour().revealAddress = shared;
        owner.start();
        copier.start();
        QVERIFY2(owner.waitForStep(HostileStep::Confirmed, 30000), qPrintable(m_fx.logs()));
        QVERIFY2(copier.waitForStep(HostileStep::Confirmed, 30000), qPrintable(m_fx.logs()));
        QCOMPARE(owner.mixId(), copier.mixId());
        const QString attackedMix = owner.mixId();
        const QList<HonestCoin *> honest = m_fx.startHonestRange(1, 5);
        QVERIFY2(copier.waitForStep(HostileStep::RevealOutput, 60000),
                 qPrintable(QStringLiteral("copier stuck in %1\n%2").arg(test::hostileStepName(copier.step()), m_fx.logs())));
        QCOMPARE(owner.registeredAddress(), shared);
        const qint64 attackAt = copier.lastStepAtMs();
        QString why;
        const QString txid = m_fx.waitHonestMix(honest, kHonestMixBoundMs, &why);
        const qint64 mixedAt = test::AdvFixture::lastEnd(honest);
        qInfo("(b) attacked mix %s: %s", qPrintable(attackedMix), qPrintable(m_fx.mixRow(attackedMix).join(QLatin1Char(' '))));
        QVERIFY2(!txid.isEmpty(), qPrintable(why));
        QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));
        qInfo("(b) honest mix %s %lld ms after the duplicate reveal", qPrintable(txid), mixedAt - attackAt);

        // REVEAL_OUTPUT ends as soon as every registered output is claimed by exactly one input
        // (or everybody answered): the attacker input that revealed the shared address first
        // may pass for its owner, and the other is then blamed for not revealing in time; when
        // both revealed before the end, both are blamed for the duplicate. Either way the
        // attacker is charged (REGISTER_OUTPUT), and no honest input is (cleanup()).
        QStringList ownerReasons;
        QStringList copierReasons;
        (void)QTest::qWaitFor([&] {
            ownerReasons = m_fx.blameReasons(owner.blameIdentifier());
            copierReasons = m_fx.blameReasons(copier.blameIdentifier());
            return !ownerReasons.isEmpty() || !copierReasons.isEmpty();
        }, 10000);
        const QStringList all = ownerReasons + copierReasons;
        QVERIFY2(!all.isEmpty() && all.count(QStringLiteral("REGISTER_OUTPUT")) == all.size(),
                 qPrintable(QStringLiteral("owner blamed for [%1], copier for [%2]; attacked mix %3: %4\n%5")
                                .arg(ownerReasons.join(QLatin1Char(',')), copierReasons.join(QLatin1Char(',')), attackedMix,
                                     m_fx.mixRow(attackedMix).join(QLatin1Char(' ')), m_fx.logs())));
        qInfo("(b) blamed: owner [%s], copier [%s]", qPrintable(ownerReasons.join(QLatin1Char(','))),
              qPrintable(copierReasons.join(QLatin1Char(','))));
        QCOMPARE(m_fx.mixRow(attackedMix).value(0), QStringLiteral("FAIL"));
    }

    /// (e) A valid ECDSA signature with S replaced by n - S (high S: non-standard).
    void highSSignature() { signingAttack(2, SignMode::HighS, 0x01, "(e) high-S"); }

    /// (f) A valid signature with SIGHASH_ALL|ANYONECANPAY (0x81).
    void anyoneCanPaySighash() { signingAttack(3, SignMode::SighashType, 0x81, "(f) sighash 0x81"); }

    /// (f) A valid signature with SIGHASH_NONE (0x02): the attacker's coin could go anywhere.
    void sighashNone() { signingAttack(4, SignMode::SighashType, 0x02, "(f) sighash 0x02"); }
};

QTEST_GUILESS_MAIN(TestAdvMisbehave)
#include "tst_adv_misbehave.moc"
