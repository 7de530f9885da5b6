// Issue #11, mix formation (h): the queue holds TWO inputs of one honest wallet (same
// Tx0, same userHash: they may not share a mix) plus one input of each of four other
// wallets. Every round must fill and mix five inputs, one of them from that wallet;
// the coordinator may not keep re-inviting the second same-wallet input into a mix
// that cannot take it. Three rounds; the second input of the wallet waits into the
// next round, where a new one joins it. Times printed.
#include "advfixture.h"

using namespace wp;
using test::HonestCoin;

namespace {
constexpr int kRoundBoundMs = 45000; ///< each round mixes within this
constexpr int kRounds = 3;
} // namespace

class TestAdvFormation : public QObject {
    Q_OBJECT

    test::AdvFixture m_fx;

private Q_SLOTS:
    void initTestCase()
    {
        // Wallet 1 is the wallet with two queued inputs; wallets 2..5 one each.
        auto r = m_fx.setUp(5, 0, kRounds + 2, test::adversarialIni(5, 10000, 10000, 8));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    }

    void twoInputsOfOneWalletAlwaysMix()
    {
        QList<HonestCoin *> sameWallet{&m_fx.startHonest(1)};
        for (int round = 1; round <= kRounds; ++round) {
            QElapsedTimer clock;
            clock.start();
            sameWallet.append(&m_fx.startHonest(1));
            const QList<HonestCoin *> others = m_fx.startHonestRange(2, 5);
            QString why;
            const QString txid = m_fx.waitHonestMix(others, kRoundBoundMs, &why);
            QVERIFY2(!txid.isEmpty(), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(why)));
            QVERIFY2(m_fx.successRowAndBroadcast(txid, &why), qPrintable(why));
            // Exactly one of the wallet's waiting inputs is in that mix.
            QTRY_VERIFY_WITH_TIMEOUT(std::count_if(sameWallet.begin(), sameWallet.end(),
                                                   [&](HonestCoin *c) { return c->txid == txid; }) == 1,
                                     5000);
            qInfo("(h) round %d: mix %s of 5 inputs (one of the wallet's two) in %lld ms", round, qPrintable(txid),
                  qint64(clock.elapsed()));
            sameWallet.erase(std::remove_if(sameWallet.begin(), sameWallet.end(), [](HonestCoin *c) { return c->done; }),
                             sameWallet.end());
            QCOMPARE(sameWallet.size(), 1); // the other one still waits in the queue
            m_fx.mine();
        }
        QVERIFY2(m_fx.blames().isEmpty(), "an honest input was blamed");
        sameWallet.first()->session->stop();
    }
};

QTEST_GUILESS_MAIN(TestAdvFormation)
#include "tst_adv_formation.moc"
