// Tx0Builder: size estimate against signed transactions, preview arithmetic
// (premix value from the mix fee and the pool bounds, largest premix count,
// miner fee, change), every refusal, and built Tx0s: BIP69 order, signatures,
// destinations, and an OP_RETURN the coordinator unmasks with its notification
// private key (the V1 "secret wallet" of the classic server's tests, checked
// against its payment code in whirlpool-vectors.json) back to the payload.

#include <wallet/tx0builder.h>

#include <bitcoin/address.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip47.h>
#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>
#include <crypto/hash.h>
#include <protocol/feeopreturn.h>
#include <protocol/feepayload.h>
#include <protocol/z85.h>

#include <testdata.h>

#include <QTest>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;
using btc::Amount;

namespace {

constexpr char kMnemonic[] = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

/// The pool of the classic client's tests (AbstractTest#pool01btc, whirlpool-fixtures.json).
proto::PoolInfo testPool() { return test::classicPool01btc(); }

struct Coordinator {
    QString paymentCode;
    std::optional<crypto::PrivKey> notificationKey;
};

/// The coordinator's fee account: BIP47 account 0 of the V1 secret wallet of the
/// classic server's tests, read from whirlpool-vectors.json.
Coordinator coordinator()
{
    for (const QJsonValue &v : test::loadJson(QStringLiteral("whirlpool-vectors.json")).object().value(QStringLiteral("feeOpReturn")).toArray()) {
        const QJsonObject account = v.toObject().value(QStringLiteral("secret_account")).toObject();
        if (!account.value(QStringLiteral("words")).toString().endsWith(QLatin1String("junk")))
            continue;
        const auto master = btc::ExtendedPrivKey::fromSeed(
            btc::mnemonicToSeed(account.value(QStringLiteral("words")).toString(),
                                account.value(QStringLiteral("passphrase")).toString())
                .view());
        const auto bip47 = btc::Bip47Account::fromMaster(*master, btc::Network::Test, 0);
        if (!bip47 || bip47->paymentCode().toString() != account.value(QStringLiteral("payment_code")).toString())
            qFatal("the V1 secret wallet does not give the vector's payment code");
        return {bip47->paymentCode().toString(), *bip47->notificationPrivKey()};
    }
    qFatal("no V1 secret account in whirlpool-vectors.json");
}

QByteArray payload(qint32 feeIndice)
{
    proto::FeePayloadV1 p;
    p.feeIndice = feeIndice;
    p.scodePayload = 0;
    p.feePartner = 0;
    return p.encode(proto::kFeePayloadLengthV1);
}

} // namespace

class TestTx0Builder : public QObject {
    Q_OBJECT

    std::shared_ptr<const WalletKeys> m_keys;
    Coordinator m_coordinator;
    QString m_feeAddress;

    Utxo deposit(std::uint32_t index, Amount value, int n = 0) const
    {
        Utxo u;
        u.outpoint = {*btc::Txid::fromBytes(crypto::sha256("deposit" + QByteArray::number(index) + '/' + QByteArray::number(n))),
                      std::uint32_t(n)};
        u.value = value;
        u.path = {WalletAccount::Deposit, AddressChain::Receive, index};
        u.script = *m_keys->script(u.path);
        u.confirmations = 6;
        u.blockHeight = 500;
        return u;
    }

    proto::Tx0Data tx0Data(Amount feeValue, Amount feeChange = 0) const
    {
        proto::Tx0Data d;
        d.poolId = QStringLiteral("0.01btc");
        d.feePaymentCode = m_coordinator.paymentCode;
        d.feeValue = feeValue;
        d.feeChange = feeChange;
        d.feeDiscountPercent = feeValue == 0 ? 100 : 0;
        d.feePayload64 = proto::encodeZ85(payload(1234));
        d.feeAddress = feeValue > 0 ? m_feeAddress : QString();
        return d;
    }

    static Tx0Params params(Amount tx0Rate = 2, Amount mixRate = 10)
    {
        Tx0Params p;
        p.tx0FeeRate = tx0Rate;
        p.mixFeeRate = mixRate;
        return p;
    }

    Result<Tx0Preview> preview(const QList<Utxo> &in, const proto::Tx0Data &d, const Tx0Params &p,
                               const proto::PoolInfo &pool = testPool()) const
    {
        return Tx0Builder::preview(in, pool, d, p, btc::Network::Regtest);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto keys = WalletKeys::fromMnemonic(QString::fromLatin1(kMnemonic), {}, btc::Network::Regtest);
        QVERIFY(keys);
        m_keys = std::make_shared<const WalletKeys>(std::move(*keys));
        m_coordinator = coordinator();
        // Some other wallet's address stands for the coordinator's fee address.
        auto other = WalletKeys::fromMnemonic(QStringLiteral("all all all all all all all all all all all all"), {},
                                              btc::Network::Regtest);
        m_feeAddress = *other->address({WalletAccount::Deposit, AddressChain::Receive, 7});
    }

    void estimateVsize()
    {
        // 1 P2WPKH in, 1 P2WPKH out: (4+1+41+1+31+4)*4 + 2 + 108 = 438 WU -> 110 vB.
        QCOMPARE(Tx0Builder::estimateVsize(1, {22}), 110);
        // A 5x5 mix: 370*4 + 2 + 5*108 = 2022 WU -> 506 vB.
        QCOMPARE(Tx0Builder::estimateVsize(5, QList<qsizetype>(5, 22)), 506);
        // Against real signatures: the estimate is an upper bound within a byte per input.
        for (int inputs : {1, 2, 5}) {
            btc::Transaction tx;
            for (int i = 0; i < inputs; ++i)
                tx.inputs.append(btc::TxIn{deposit(std::uint32_t(i), 100'000).outpoint, {}, btc::kSequenceFinal, {}});
            tx.outputs.append(btc::TxOut{1000, *m_keys->script({WalletAccount::Premix, AddressChain::Receive, 0})});
            tx.outputs.append(btc::TxOut{0, btc::Script::opReturn(QByteArray(80, 'x'))});
            for (int i = 0; i < inputs; ++i)
                QVERIFY(btc::signP2wpkhInput(tx, i, 100'000, *m_keys->privKey({WalletAccount::Deposit, AddressChain::Receive, std::uint32_t(i)})));
            const qint64 estimate = Tx0Builder::estimateVsize(inputs, {22, 83});
            QVERIFY2(tx.vsize() <= estimate, qPrintable(QStringLiteral("%1 > %2").arg(tx.vsize()).arg(estimate)));
            QVERIFY(estimate - tx.vsize() <= inputs);
        }
    }

    void premixValue_data()
    {
        QTest::addColumn<qint64>("mixFeeRate");
        QTest::addColumn<qint64>("premixValue");
        // 506 vB x rate / minMustMix 3, then clamped to [1 000 170, min(1 009 500, 1 010 000)].
        QTest::newRow("1 sat/vB: 168, raised to the minimum") << qint64(1) << qint64(1'000'170);
        QTest::newRow("10 sat/vB: 1686") << qint64(10) << qint64(1'001'686);
        QTest::newRow("50 sat/vB: 8433") << qint64(50) << qint64(1'008'433);
        QTest::newRow("100 sat/vB: 16866, capped") << qint64(100) << qint64(1'009'500);
    }
    void premixValue()
    {
        QFETCH(qint64, mixFeeRate);
        QFETCH(qint64, premixValue);
        auto p = preview({deposit(0, 50'000'000)}, tx0Data(42'500), params(2, mixFeeRate));
        QVERIFY2(p, p ? "" : qPrintable(p.error().message));
        QCOMPARE(p->premixValue, premixValue);
        QCOMPARE(p->premixMinerFee, premixValue - 1'000'000);
        QCOMPARE(p->mixMinerFee(), p->premixMinerFee * p->nbPremix);
    }

    void previewArithmetic()
    {
        // 5 BTC, 2 sat/vB, fee 42 500: 70 premix outputs (the pool's cap).
        auto p = preview({deposit(0, 500'000'000)}, tx0Data(42'500), params(2, 10));
        QVERIFY(p);
        QCOMPARE(p->nbPremix, 70);
        QCOMPARE(p->totalInputs, 500'000'000);
        QCOMPARE(p->feeValue, 42'500);
        QCOMPARE(p->feeChange, 0);
        // 1 input; 70 premix + change + fee (31 bytes each) + OP_RETURN (92):
        // (4+1+41+1+71*31+31+92+4)*4 + 2 + 108 = 9610 WU -> 2403 vB.
        QCOMPARE(p->tx0Vsize, 2403);
        QCOMPARE(p->tx0MinerFee, 2403 * 2);
        QCOMPARE(p->premixTotal(), 70 * 1'001'686);
        QCOMPARE(p->change, 500'000'000 - 70 * 1'001'686 - 42'500 - 4806);

        // The client's own cap.
        Tx0Params capped = params(2, 10);
        capped.maxOutputs = 3;
        p = preview({deposit(0, 500'000'000)}, tx0Data(42'500), capped);
        QVERIFY(p);
        QCOMPARE(p->nbPremix, 3);
        QCOMPARE(p->change, 500'000'000 - 3 * 1'001'686 - 42'500 - p->tx0MinerFee);

        // Largest count that fits: enough for 4 premix outputs and the fees, not 5.
        const qint64 vsize4 = Tx0Builder::estimateVsize(2, {22, 22, 22, 22, 22, 22, 83});
        const Amount exact4 = 4 * 1'001'686 + 42'500 + vsize4 * 2;
        p = preview({deposit(0, exact4 - 1'000'000), deposit(1, 1'000'000)}, tx0Data(42'500), params(2, 10));
        QVERIFY(p);
        QCOMPARE(p->nbPremix, 4);
        QCOMPARE(p->change, 0);
        QCOMPARE(p->tx0Vsize, vsize4);
    }

    void decoyFeeChange()
    {
        // A 100 % scode: no fee, the decoy goes back to the wallet.
        auto p = preview({deposit(0, 20'000'000)}, tx0Data(0, 42'500), params());
        QVERIFY(p);
        QCOMPARE(p->feeValue, 0);
        QCOMPARE(p->feeChange, 42'500);
        QCOMPARE(p->change, 20'000'000 - p->nbPremix * p->premixValue - 42'500 - p->tx0MinerFee);
    }

    void refusals_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("case_");
        const QStringList cases{QStringLiteral("no inputs"),           QStringLiteral("duplicate input"),
                                QStringLiteral("zero value"),          QStringLiteral("not p2wpkh"),
                                QStringLiteral("immature coinbase"),   QStringLiteral("tx0 rate 0"),
                                QStringLiteral("mix rate 511"),        QStringLiteral("pool min above max"),
                                QStringLiteral("pool no denomination"), QStringLiteral("pool minMustMix 0"),
                                QStringLiteral("other pool"),          QStringLiteral("bad payment code"),
                                QStringLiteral("payload 64 bytes"),    QStringLiteral("payload not z85"),
                                QStringLiteral("mainnet fee address"), QStringLiteral("negative fee"),
                                QStringLiteral("premix fee too high"), QStringLiteral("insufficient"),
                                QStringLiteral("dust change")};
        const QList<Tx0Error> codes{Tx0Error::NoInputs,        Tx0Error::BadInput,         Tx0Error::BadInput,
                                    Tx0Error::BadInput,        Tx0Error::ImmatureCoinbase, Tx0Error::BadFeeRate,
                                    Tx0Error::BadFeeRate,      Tx0Error::BadPool,          Tx0Error::BadPool,
                                    Tx0Error::BadPool,         Tx0Error::BadTx0Data,       Tx0Error::BadTx0Data,
                                    Tx0Error::BadTx0Data,      Tx0Error::BadTx0Data,       Tx0Error::BadTx0Data,
                                    Tx0Error::BadTx0Data,      Tx0Error::PremixFeeTooHigh, Tx0Error::InsufficientFunds,
                                    Tx0Error::DustChange};
        for (qsizetype i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i])) << int(codes[i]) << cases[i];
    }
    void refusals()
    {
        QFETCH(int, code);
        QFETCH(QString, case_);
        QList<Utxo> in{deposit(0, 20'000'000)};
        proto::PoolInfo pool = testPool();
        proto::Tx0Data data = tx0Data(42'500);
        Tx0Params p = params();
        if (case_ == QLatin1String("no inputs"))
            in.clear();
        else if (case_ == QLatin1String("duplicate input"))
            in.append(in.first());
        else if (case_ == QLatin1String("zero value"))
            in.first().value = 0;
        else if (case_ == QLatin1String("not p2wpkh"))
            in.first().script = btc::Script::p2pkh(*btc::Hash160::fromBytes(QByteArray(20, 1)));
        else if (case_ == QLatin1String("immature coinbase")) {
            in.first().coinbase = true;
            in.first().confirmations = 99;
        } else if (case_ == QLatin1String("tx0 rate 0"))
            p.tx0FeeRate = 0;
        else if (case_ == QLatin1String("mix rate 511"))
            p.mixFeeRate = 511;
        else if (case_ == QLatin1String("pool min above max"))
            pool.mustMixBalanceMin = pool.mustMixBalanceMax + 1;
        else if (case_ == QLatin1String("pool no denomination"))
            pool.denomination = 0;
        else if (case_ == QLatin1String("pool minMustMix 0"))
            pool.minMustMix = 0;
        else if (case_ == QLatin1String("other pool"))
            data.poolId = QStringLiteral("0.05btc");
        else if (case_ == QLatin1String("bad payment code"))
            data.feePaymentCode = QStringLiteral("PM8TJ");
        else if (case_ == QLatin1String("payload 64 bytes"))
            data.feePayload64 = proto::encodeZ85(QByteArray(64, '\0'));
        else if (case_ == QLatin1String("payload not z85"))
            data.feePayload64 = QStringLiteral("not z85 at all \"");
        else if (case_ == QLatin1String("mainnet fee address"))
            data.feeAddress = QStringLiteral("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
        else if (case_ == QLatin1String("negative fee"))
            data.feeValue = -1;
        else if (case_ == QLatin1String("premix fee too high")) {
            pool.mustMixBalanceMin = pool.denomination + kMaxPremixFee + 1;
            pool.mustMixBalanceCap = pool.mustMixBalanceMax = pool.denomination + 2 * kMaxPremixFee;
        } else if (case_ == QLatin1String("insufficient"))
            in.first().value = 1'001'686;
        else if (case_ == QLatin1String("dust change")) {
            const qint64 vsize = Tx0Builder::estimateVsize(1, {22, 22, 22, 83});
            in.first().value = 1'001'686 + 42'500 + vsize * 2 + 545;
        }
        auto r = Tx0Builder::preview(in, pool, data, p, btc::Network::Regtest);
        QVERIFY(!r);
        QCOMPARE(r.error().code, code);
        QVERIFY(!r.error().message.isEmpty());
        // build() refuses the same way and reserves no address.
        AddressBook book(m_keys);
        const KeyPath next = book.peekNext(WalletAccount::Premix, AddressChain::Receive);
        auto built = Tx0Builder::build(in, pool, data, p, book);
        QVERIFY(!built);
        QCOMPARE(built.error().code, code);
        QCOMPARE(book.peekNext(WalletAccount::Premix, AddressChain::Receive), next);
    }

    void matureCoinbaseIsAccepted()
    {
        Utxo u = deposit(0, 20'000'000);
        u.coinbase = true;
        u.confirmations = 100;
        QVERIFY(preview({u}, tx0Data(42'500), params()));
    }

    void buildsASignedBip69Tx0()
    {
        AddressBook book(m_keys);
        const QList<Utxo> in{deposit(0, 3'000'000), deposit(1, 2'500'000, 1), deposit(5, 1'700'000, 2)};
        auto built = Tx0Builder::build(in, testPool(), tx0Data(42'500), params(3, 10), book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        const btc::Transaction &tx = built->tx;
        const Tx0Preview &p = built->preview;
        QCOMPARE(p.nbPremix, 7);

        QCOMPARE(tx.version, 1u);
        QCOMPARE(tx.lockTime, 0u);
        QVERIFY(btc::isBip69Sorted(tx));
        QCOMPARE(tx.inputs.size(), 3);
        QCOMPARE(tx.outputs.size(), 7 + 3);
        for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
            const Utxo &u = *std::find_if(in.begin(), in.end(), [&](const Utxo &x) { return x.outpoint == tx.inputs[i].prevout; });
            QVERIFY(btc::verifyP2wpkhInput(tx, i, u.value, u.script));
            QCOMPARE(tx.inputs[i].sequence, btc::kSequenceFinal);
        }
        // Fees: exactly the previewed miner fee, at least the asked rate.
        QCOMPARE(p.totalInputs - *tx.totalOutput(), p.tx0MinerFee);
        QVERIFY(tx.vsize() <= p.tx0Vsize);
        QVERIFY(p.tx0MinerFee >= 3 * tx.vsize());

        // Destinations.
        QCOMPARE(built->premixPaths.size(), 7);
        QCOMPARE(built->premixOutputs.size(), 7);
        for (int i = 0; i < 7; ++i) {
            const btc::TxOut &o = tx.outputs[built->premixOutputs[i]];
            QCOMPARE(o.value, p.premixValue);
            const auto path = book.find(o.scriptPubKey);
            QVERIFY(path);
            QCOMPARE(path->account, WalletAccount::Premix);
            QCOMPARE(path->chain, AddressChain::Receive);
            QVERIFY(built->premixPaths.contains(*path));
            QVERIFY(path->index < 7);
        }
        const btc::TxOut &fee = tx.outputs[built->feeOutput];
        QCOMPARE(fee.value, 42'500);
        QCOMPARE(fee.scriptPubKey, *btc::addressToScript(m_feeAddress, btc::networkParams(btc::Network::Regtest)));
        QVERIFY(!built->feeChangePath);
        const btc::TxOut &change = tx.outputs[built->changeOutput];
        QCOMPARE(change.value, p.change);
        QCOMPARE(built->changePath, KeyPath({WalletAccount::Deposit, AddressChain::Change, 0}));
        QCOMPARE(change.scriptPubKey, *m_keys->script(*built->changePath));

        // OP_RETURN V1: the coordinator unmasks it with its notification key and
        // the outpoint of input #0 (after BIP69) back to the payload.
        const btc::TxOut &opReturn = tx.outputs[built->opReturnOutput];
        QCOMPARE(opReturn.value, 0);
        QCOMPARE(opReturn.scriptPubKey.opReturnData(), std::optional<QByteArray>(built->opReturn));
        QCOMPARE(built->opReturn.size(), proto::kFeeOpReturnLengthV1);
        QCOMPARE(proto::detectFeeOpReturnVersion(built->opReturn), std::optional(proto::FeeOpReturnVersion::V1));
        auto unmasked = proto::unmaskFeeOpReturn(built->opReturn, *m_coordinator.notificationKey,
                                                 tx.inputs[0].prevout.serialize());
        QVERIFY(unmasked);
        QCOMPARE(unmasked->feePayload, payload(1234));
        auto decoded = proto::FeePayloadV1::decode(unmasked->feePayload, proto::kFeePayloadLengthV1);
        QVERIFY(decoded);
        QCOMPARE(decoded->feeIndice, 1234);
        // Keyed by input #0: another input's outpoint gives garbage.
        auto wrong = proto::unmaskFeeOpReturn(built->opReturn, *m_coordinator.notificationKey,
                                              tx.inputs[1].prevout.serialize());
        QVERIFY(wrong);
        QVERIFY(wrong->feePayload != payload(1234));

        // The next Tx0 uses fresh addresses.
        auto second = Tx0Builder::build({deposit(9, 2'100'000)}, testPool(), tx0Data(42'500), params(3, 10), book);
        QVERIFY(second);
        QCOMPARE(second->premixPaths.first().index, 7u);
        QCOMPARE(second->changePath->index, 1u);
        QVERIFY(second->opReturn != built->opReturn);
    }

    void decoyAndBadbankChange()
    {
        AddressBook book(m_keys);
        Tx0Params p = params();
        p.changeAccount = WalletAccount::Badbank;
        auto built = Tx0Builder::build({deposit(0, 5'000'000)}, testPool(), tx0Data(0, 42'500), p, book);
        QVERIFY(built);
        QCOMPARE(built->feeChangePath, KeyPath({WalletAccount::Deposit, AddressChain::Change, 0}));
        QCOMPARE(built->tx.outputs[built->feeOutput].value, 42'500);
        QCOMPARE(built->tx.outputs[built->feeOutput].scriptPubKey, *m_keys->script(*built->feeChangePath));
        QCOMPARE(built->changePath, KeyPath({WalletAccount::Badbank, AddressChain::Change, 0}));
        QCOMPARE(built->tx.outputs[built->changeOutput].scriptPubKey, *m_keys->script(*built->changePath));
        QVERIFY(btc::isBip69Sorted(built->tx));
        QVERIFY(btc::verifyP2wpkhInput(built->tx, 0, 5'000'000, deposit(0, 0).script));
    }

    void exactFitHasNoChangeOutput()
    {
        AddressBook book(m_keys);
        const qint64 vsize = Tx0Builder::estimateVsize(1, {22, 22, 22, 22, 83});
        const Amount value = 2 * 1'001'686 + 42'500 + vsize * 2;
        auto built = Tx0Builder::build({deposit(0, value)}, testPool(), tx0Data(42'500), params(2, 10), book);
        QVERIFY(built);
        QCOMPARE(built->preview.nbPremix, 2);
        QCOMPARE(built->preview.change, 0);
        QCOMPARE(built->changeOutput, -1);
        QVERIFY(!built->changePath);
        QCOMPARE(built->tx.outputs.size(), 4);
    }

    void foreignInputIsRefused()
    {
        AddressBook book(m_keys);
        Utxo u = deposit(0, 5'000'000);
        u.path.index = 1; // the script is deposit/0/0's
        auto built = Tx0Builder::build({u}, testPool(), tx0Data(42'500), params(), book);
        QVERIFY(!built);
        QCOMPARE(built.error().code, int(Tx0Error::BadInput));
    }
};

QTEST_GUILESS_MAIN(TestTx0Builder)
#include "tst_tx0builder.moc"
