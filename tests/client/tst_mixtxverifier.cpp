// Client-side verification of a mix transaction before signing (§8.3, trap §13.17).
#include <mixer/mixtxverifier.h>

#include <bitcoin/bip69.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <protocol/inputshash.h>

#include <QTest>

#include <functional>

using namespace wp;
using namespace wp::client;

namespace {

constexpr btc::Amount kDenomination = 1'000'000;

btc::Script randomScript() { return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::randomBytes(20))); }
btc::Txid randomTxid() { return *btc::Txid::fromBytes(crypto::randomBytes(32)); }

QString inputsHashOf(const btc::Transaction &tx)
{
    QList<proto::InputsHashEntry> entries;
    for (const btc::TxIn &in : tx.inputs)
        entries.append({in.prevout.txid.toHex(), in.prevout.index});
    return proto::computeInputsHash(entries);
}

/// A valid 5-in/5-out mix with our input and output, and what we expect of it.
struct Fixture {
    btc::Transaction tx;
    MixTxExpectation expected;
};

Fixture validMix(bool liquidity)
{
    Fixture f;
    f.tx.version = 1;
    f.expected.ownInput = btc::OutPoint{randomTxid(), 3};
    f.expected.ownValue = liquidity ? kDenomination : kDenomination + 5'000;
    f.expected.liquidity = liquidity;
    f.expected.ownOutputScript = randomScript();
    f.expected.denomination = kDenomination;
    f.tx.inputs.append(btc::TxIn{f.expected.ownInput, {}, btc::kSequenceFinal, {}});
    f.tx.outputs.append(btc::TxOut{kDenomination, f.expected.ownOutputScript});
    for (int i = 0; i < 4; ++i) {
        f.tx.inputs.append(btc::TxIn{btc::OutPoint{randomTxid(), std::uint32_t(i)}, {}, btc::kSequenceFinal, {}});
        f.tx.outputs.append(btc::TxOut{kDenomination, randomScript()});
    }
    btc::sortBip69(f.tx);
    f.expected.inputsHash = inputsHashOf(f.tx);
    return f;
}

qsizetype otherInput(const Fixture &f, int n)
{
    for (qsizetype i = 0; i < f.tx.inputs.size(); ++i)
        if (f.tx.inputs[i].prevout != f.expected.ownInput && n-- == 0)
            return i;
    return -1;
}
qsizetype otherOutput(const Fixture &f, int n)
{
    for (qsizetype i = 0; i < f.tx.outputs.size(); ++i)
        if (f.tx.outputs[i].scriptPubKey != f.expected.ownOutputScript && n-- == 0)
            return i;
    return -1;
}

using Mutation = std::function<void(Fixture &)>;

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestMixTxVerifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checks_data()
    {
        QTest::addColumn<bool>("liquidity");
        QTest::addColumn<Mutation>("mutate");
        QTest::addColumn<int>("error"); // 0 = accepted
        const auto rehash = [](Fixture &f) { f.expected.inputsHash = inputsHashOf(f.tx); };

        QTest::newRow("valid-mustmix") << false << Mutation([](Fixture &) {}) << 0;
        QTest::newRow("valid-liquidity") << true << Mutation([](Fixture &) {}) << 0;
        QTest::newRow("valid-uppercase-inputshash") << false
            << Mutation([](Fixture &f) { f.expected.inputsHash = f.expected.inputsHash.toUpper(); }) << 0;
        QTest::newRow("inputs-hash-mismatch") << false
            << Mutation([](Fixture &f) { f.tx.inputs[otherInput(f, 0)].prevout.txid = randomTxid(); })
            << int(MixTxError::InputsHashMismatch);
        QTest::newRow("inputs-hash-other-index") << false
            << Mutation([](Fixture &f) { f.tx.inputs[otherInput(f, 0)].prevout.index += 1; })
            << int(MixTxError::InputsHashMismatch);
        QTest::newRow("extra-output") << false
            << Mutation([](Fixture &f) { f.tx.outputs.append(btc::TxOut{kDenomination, randomScript()}); })
            << int(MixTxError::CountMismatch);
        QTest::newRow("missing-output") << false
            << Mutation([](Fixture &f) { f.tx.outputs.removeAt(otherOutput(f, 0)); })
            << int(MixTxError::CountMismatch);
        QTest::newRow("no-inputs-no-outputs") << false
            << Mutation([rehash](Fixture &f) { f.tx.inputs.clear(); f.tx.outputs.clear(); rehash(f); })
            << int(MixTxError::CountMismatch);
        QTest::newRow("own-input-missing") << false
            << Mutation([rehash](Fixture &f) {
                   for (btc::TxIn &in : f.tx.inputs)
                       if (in.prevout == f.expected.ownInput)
                           in.prevout.index = 4;
                   rehash(f);
               })
            << int(MixTxError::OwnInputMissing);
        QTest::newRow("own-output-missing") << false
            << Mutation([](Fixture &f) {
                   for (btc::TxOut &out : f.tx.outputs)
                       if (out.scriptPubKey == f.expected.ownOutputScript)
                           out.scriptPubKey = randomScript();
               })
            << int(MixTxError::OwnOutputMissing);
        QTest::newRow("duplicate-input-txid") << false
            << Mutation([rehash](Fixture &f) {
                   f.tx.inputs[otherInput(f, 1)].prevout.txid = f.tx.inputs[otherInput(f, 0)].prevout.txid;
                   rehash(f);
               })
            << int(MixTxError::DuplicateInputTxid);
        QTest::newRow("input-twice") << false
            << Mutation([rehash](Fixture &f) {
                   f.tx.inputs[otherInput(f, 0)].prevout = f.expected.ownInput;
                   rehash(f);
               })
            << int(MixTxError::DuplicateInputTxid);
        QTest::newRow("output-value-low") << false
            << Mutation([](Fixture &f) { f.tx.outputs[otherOutput(f, 0)].value -= 1; })
            << int(MixTxError::WrongOutputValue);
        QTest::newRow("own-output-value-low") << false
            << Mutation([](Fixture &f) {
                   for (btc::TxOut &out : f.tx.outputs)
                       if (out.scriptPubKey == f.expected.ownOutputScript)
                           out.value = kDenomination - 1000;
               })
            << int(MixTxError::WrongOutputValue);
        QTest::newRow("output-value-high") << false
            << Mutation([](Fixture &f) { f.tx.outputs[otherOutput(f, 1)].value += 1; })
            << int(MixTxError::WrongOutputValue);
        QTest::newRow("duplicate-output") << false
            << Mutation([](Fixture &f) {
                   f.tx.outputs[otherOutput(f, 1)].scriptPubKey = f.tx.outputs[otherOutput(f, 0)].scriptPubKey;
               })
            << int(MixTxError::DuplicateOutput);
        QTest::newRow("own-output-twice") << false
            << Mutation([](Fixture &f) { f.tx.outputs[otherOutput(f, 0)].scriptPubKey = f.expected.ownOutputScript; })
            << int(MixTxError::DuplicateOutput);
        QTest::newRow("fee-at-limit") << false
            << Mutation([](Fixture &f) { f.expected.ownValue = kDenomination + kMaxAcceptableMixFee; }) << 0;
        QTest::newRow("fee-too-high") << false
            << Mutation([](Fixture &f) { f.expected.ownValue = kDenomination + kMaxAcceptableMixFee + 1; })
            << int(MixTxError::FeeTooHigh);
        QTest::newRow("liquidity-paying-fee") << true
            << Mutation([](Fixture &f) { f.expected.ownValue = kDenomination + 1; })
            << int(MixTxError::FeeTooHigh);
        QTest::newRow("coin-below-denomination") << false
            << Mutation([](Fixture &f) { f.expected.ownValue = kDenomination - 1; })
            << int(MixTxError::FeeTooHigh);
    }

    void checks()
    {
        QFETCH(bool, liquidity);
        QFETCH(Mutation, mutate);
        QFETCH(int, error);
        Fixture f = validMix(liquidity);
        mutate(f);
        const auto result = verifyMixTransaction(f.tx, f.expected);
        if (error == 0) {
            QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().message));
            QCOMPARE(f.tx.inputs[*result].prevout, f.expected.ownInput);
        } else {
            QVERIFY(!result.has_value());
            QCOMPARE(result.error().code, error);
            QVERIFY(!result.error().message.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestMixTxVerifier)
#include "tst_mixtxverifier.moc"
