#pragma once

#include <mix/feeconfig.h>
#include <mix/poolconfig.h>

#include <bitcoin/amount.h>
#include <bitcoin/transaction.h>
#include <protocol/feeopreturn.h>
#include <protocol/feepayload.h>
#include <util/result.h>

#include <QList>

#include <memory>

namespace wp::server::mix {

/// The fee data a Tx0 carries in its OP_RETURN, unmasked and decoded.
struct Tx0FeeData {
    int opReturnIndex = -1;                                        ///< output holding the fee OP_RETURN
    proto::FeeOpReturnVersion opReturnVersion = proto::FeeOpReturnVersion::V1;
    proto::FeePayloadV1 payload;                                   ///< feeIndice, scodePayload, feePartner
};

/// What a valid Tx0 tells the coordinator.
struct Tx0Info {
    Tx0FeeData feeData;
    int feePercent = 100;          ///< share of the pool fee due: the SCODE's percent, or 100
    btc::Amount feeValue = 0;      ///< floor(pool.feeValue * feePercent / 100): least the fee output must pay
    int feeOutputIndex = -1;       ///< output paying the fee address; -1 when nothing was due
    QList<int> premixOutputs;      ///< outputs whose value is in [mustMixBalanceMin, mustMixBalanceMax]

    qint32 feeIndice() const { return feeData.payload.feeIndice; }
    qint16 scodePayload() const { return feeData.payload.scodePayload; }
    /// Returns: true if output @p index of the Tx0 is a premix candidate.
    bool isPremixOutput(int index) const { return premixOutputs.contains(index); }
};

/// The coordinator's Tx0 check (protocol reference §4.3, §5; DESIGN §3), without I/O:
/// finds the fee OP_RETURN, unmasks it with the fee notification key and the outpoint of
/// input #0 (the transaction's own order, i.e. after the client's BIP69 sort), decodes the
/// FeePayloadV1, applies the SCODE, and checks that the fee was paid to the address of index
/// feeIndice of the fee xpub, derived locally. FAIL-CLOSED: there is no external address
/// service whose absence would let a Tx0 pass.
///
/// Differences from the classic server, on purpose:
/// - a fee output may pay more than due (as classic `checkTx0FeePaid`), never less;
/// - no `fee-accept` alternate amounts;
/// - the payload's zero padding is checked, so a payload masked for another key is refused
///   (the classic server only checked the 2-byte version);
/// - a transaction with two OP_RETURN outputs is refused (the classic server took the first);
/// - cascading Tx0s (scodePayload 22222) get no discount: they must pay the full fee.
///
/// Every failure is an Error with code 610 (INPUT_REJECTED) and a one-line message starting
/// "Not a valid tx0: ", except an unknown fee partner: 601 (INVALID_ARGUMENT) "Partner not found".
///
/// Thread-safety: immutable after construction except the shared fee address cache, which is
/// internally locked; every method may be called concurrently from any thread.
class Tx0Validator {
public:
    explicit Tx0Validator(std::shared_ptr<const FeeConfig> config);

    const FeeConfig &config() const { return *m_config; }

    /// True if @p tx has an output that looks like a fee OP_RETURN (value 0, OP_RETURN with one
    /// push of 64 bytes, or of 80 bytes ending 0x01), i.e. it claims to be a Tx0. Such a
    /// transaction is never a mix: its outputs are mustMix or nothing (§4.3). Cheap; no crypto.
    static bool hasFeeOpReturn(const btc::Transaction &tx);

    /// Finds, unmasks and decodes the fee OP_RETURN of @p tx.
    /// V0 (64-byte) OP_RETURNs need the public key of input #0: it is read from the input's
    /// witness (P2WPKH, P2SH-P2WPKH: [signature, pubkey]) or scriptSig (P2PKH: <sig> <pubkey>);
    /// a V0 Tx0 whose input #0 shows no key (P2TR, P2PK) is refused.
    /// Returns: the fee data, or an Error (610): no fee OP_RETURN, several OP_RETURN outputs,
    /// no input, missing input-#0 key, invalid embedded key, undecodable payload (wrong key,
    /// wrong version, non-zero padding).
    Result<Tx0FeeData> decodeFeeData(const btc::Transaction &tx) const;

    /// Full validation of @p tx0 for @p pool (a checked pool config: feeValue in [0, kMaxMoney],
    /// else WP_ASSERT).
    /// @param tx0TimeMs when the Tx0 was made, in ms since the epoch, compared with SCODE
    ///        expirations: the block time of a confirmed Tx0, the current time otherwise (the
    ///        classic server passed 0 for unconfirmed Tx0s, which let expired SCODEs through).
    /// Returns: the Tx0Info, or an Error as decodeFeeData(), or: unknown partner (601), negative
    /// fee index, no output paying the fee address of that index, fee output paying too little.
    Result<Tx0Info> validate(const btc::Transaction &tx0, qint64 tx0TimeMs, const PoolConfig &pool) const;

    /// As validate(), with fee data already decoded by decodeFeeData() on the same @p tx0.
    Result<Tx0Info> validate(const btc::Transaction &tx0, const Tx0FeeData &feeData, qint64 tx0TimeMs,
                             const PoolConfig &pool) const;

private:
    std::shared_ptr<const FeeConfig> m_config;
};

} // namespace wp::server::mix
