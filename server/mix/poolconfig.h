#pragma once

#include <bitcoin/amount.h>

#include <QString>

#include <algorithm>

namespace wp::server::mix {

/// One mixing pool's parameters (those of the classic coordinator), identical on every
/// instance of the cluster. Immutable once the coordinator has started.
struct PoolConfig {
    QString poolId;                 ///< e.g. "0.01btc"
    btc::Amount denomination = 0;   ///< sats per mix output
    btc::Amount feeValue = 0;       ///< coordinator fee per Tx0
    btc::Amount minerFeeMin = 0;    ///< a mustMix input pays denomination + [min, max]
    btc::Amount minerFeeCap = 0;
    btc::Amount minerFeeMax = 0;
    btc::Amount minRelayFee = 510;  ///< least total miner fee a mix must collect (sats)
    btc::Amount surgeRelayFee = 102;///< extra fee each surge input needs
    int anonymitySet = 5;
    int minMustMix = 2;
    int minLiquidity = 0;
    int surge = 0;                  ///< extra liquidity inputs allowed on top of anonymitySet
    int tx0MaxOutputs = 70;

    btc::Amount mustMixBalanceMin() const { return denomination + minerFeeMin; }
    btc::Amount mustMixBalanceCap() const { return denomination + minerFeeCap; }
    btc::Amount mustMixBalanceMax() const { return denomination + minerFeeMax; }
    /// The least sum of mustMix overpayments that pays the mix's miner fee.
    btc::Amount minerFeeMix() const { return std::max<btc::Amount>(minRelayFee, minMustMix * minerFeeMin); }
};

/// Phase timers of a mix. Tests run them in milliseconds.
struct MixTimings {
    int confirmTickMs = 10000;       ///< CONFIRM_INPUT: invitation / readiness tick
    int registerOutputMs = 120000;   ///< REGISTER_OUTPUT timeout
    int revealOutputMs = 40000;      ///< REVEAL_OUTPUT timeout
    int signingMs = 40000;           ///< SIGNING timeout
    /// An invited input must confirm within this time, or its slot goes to another input.
    /// Honest clients answer at once (a round trip, through Tor a few seconds).
    int confirmDeadlineMs = 20000;
};

} // namespace wp::server::mix
