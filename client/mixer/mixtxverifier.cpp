#include <mixer/mixtxverifier.h>

#include <protocol/inputshash.h>

#include <QSet>

namespace wp::client {

namespace {
Error txError(MixTxError code, const QString &message) { return Error(int(code), message); }
} // namespace

Result<qsizetype> verifyMixTransaction(const btc::Transaction &tx, const MixTxExpectation &expected)
{
    QList<proto::InputsHashEntry> entries;
    entries.reserve(tx.inputs.size());
    for (const btc::TxIn &in : tx.inputs)
        entries.append({in.prevout.txid.toHex(), in.prevout.index});
    if (proto::computeInputsHash(entries).compare(expected.inputsHash, Qt::CaseInsensitive) != 0)
        return txError(MixTxError::InputsHashMismatch, QStringLiteral("inputs differ from the announced inputsHash"));

    if (tx.inputs.isEmpty() || tx.inputs.size() != tx.outputs.size())
        return txError(MixTxError::CountMismatch, QStringLiteral("%1 inputs for %2 outputs")
                                                      .arg(tx.inputs.size())
                                                      .arg(tx.outputs.size()));

    qsizetype ownIndex = -1;
    QSet<btc::Txid> txids;
    for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
        const btc::OutPoint &prevout = tx.inputs[i].prevout;
        if (prevout == expected.ownInput)
            ownIndex = i;
        if (txids.contains(prevout.txid))
            return txError(MixTxError::DuplicateInputTxid, QStringLiteral("two inputs from the same transaction"));
        txids.insert(prevout.txid);
    }
    if (ownIndex < 0)
        return txError(MixTxError::OwnInputMissing, QStringLiteral("own input is missing"));

    bool ownOutput = false;
    QSet<QByteArray> scripts;
    for (const btc::TxOut &out : tx.outputs) {
        if (out.value != expected.denomination)
            return txError(MixTxError::WrongOutputValue,
                           QStringLiteral("an output is worth %1 sats, not %2").arg(out.value).arg(expected.denomination));
        if (scripts.contains(out.scriptPubKey.bytes()))
            return txError(MixTxError::DuplicateOutput, QStringLiteral("two outputs pay the same script"));
        scripts.insert(out.scriptPubKey.bytes());
        if (out.scriptPubKey == expected.ownOutputScript)
            ownOutput = true;
    }
    if (!ownOutput)
        return txError(MixTxError::OwnOutputMissing, QStringLiteral("own output is missing"));

    const btc::Amount fee = expected.ownValue - expected.denomination;
    if (fee < 0 || fee > kMaxAcceptableMixFee || (expected.liquidity && fee != 0))
        return txError(MixTxError::FeeTooHigh, QStringLiteral("own input would pay %1 sats of miner fee").arg(fee));
    return ownIndex;
}

} // namespace wp::client
