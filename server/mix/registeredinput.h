#pragma once

#include <bitcoin/transaction.h>

#include <QString>

namespace wp::server::mix {

/// An input that passed registration checks (ownership, provenance, value, bans)
/// and waits in a pool queue or takes part in a mix.
struct RegisteredInput {
    QString sessionId;      ///< the STOMP session that registered it (the classic "username")
    btc::OutPoint outpoint;
    btc::TxOut prevout;     ///< value and scriptPubKey of the output it spends
    bool liquidity = false; ///< true: a remix of a postmix output; false: a Tx0 premix (mustMix)
    QString lastUserHash;   ///< userHash of its last confirmation attempt
    /// Invitations in a row it left unanswered past the confirm deadline. Such an input is
    /// invited only when no other eligible input waits, and blamed when it misses again.
    int missedConfirms = 0;

    /// What a blame punishes: a whole Tx0 for a mustMix, one output for a liquidity.
    QString blameIdentifier() const
    {
        return liquidity ? outpoint.txid.toHex() + QLatin1Char(':') + QString::number(outpoint.index)
                         : outpoint.txid.toHex();
    }
    /// What the miner fee gains from this input (liquidities pay nothing).
    btc::Amount overpay(btc::Amount denomination) const { return liquidity ? 0 : prevout.value - denomination; }
};

} // namespace wp::server::mix
