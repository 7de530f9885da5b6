#pragma once

#include <bitcoin/amount.h>
#include <util/result.h>

#include <QString>

#include <array>
#include <functional>

class QObject;

namespace wp::net {
class NodeRpcClient;
}

namespace wp::client {

/// One fee preset: a rate and where it came from.
struct FeePreset {
    btc::Amount satPerVb = 0;
    int targetBlocks = 0;   ///< the confirmation target asked of the node
    bool estimated = false; ///< true: from the node's estimate; false: the configured default

    friend bool operator==(const FeePreset &, const FeePreset &) = default;
};

/// The three presets a send dialog offers, fast >= normal >= slow, each within
/// the configured bounds.
struct FeePresets {
    FeePreset fast;
    FeePreset normal;
    FeePreset slow;
    /// Why a preset fell back to its default (the node's answer), empty when all were estimated.
    QString note;

    /// True when all three come from the node.
    bool estimated() const { return fast.estimated && normal.estimated && slow.estimated; }

    friend bool operator==(const FeePresets &, const FeePresets &) = default;
};

/// Fee presets from the node's `estimatesmartfee` for 2, 6 and 24 blocks, with
/// configured defaults where the node has no estimate (regtest, a fresh node,
/// bcoin, which refuses targets above 15 blocks).
///
/// Thread affinity: the NodeRpcClient's thread; estimate() returns at once.
class FeeEstimator {
public:
    struct Options {
        std::array<int, 3> targets{2, 6, 24};                   ///< fast, normal, slow (blocks)
        std::array<btc::Amount, 3> defaults{20, 10, 2};         ///< sat/vB when the node has no estimate
        btc::Amount minRate = 1;                                ///< presets are clamped to [minRate, maxRate]
        btc::Amount maxRate = 1000;
    };

    /// @p rpc must outlive the estimator's requests.
    FeeEstimator(net::NodeRpcClient *rpc, Options options);
    explicit FeeEstimator(net::NodeRpcClient *rpc) : FeeEstimator(rpc, Options{}) {}

    /// Asks the node for the three targets (concurrently) and calls @p done once
    /// with the presets, on @p context's thread, unless @p context is destroyed
    /// first. Never fails: a target the node cannot estimate, or an RPC error or
    /// timeout, falls back to its default (estimated = false, see FeePresets::note).
    void estimate(QObject *context, std::function<void(FeePresets)> done) const;

    /// The presets from the node's answers (sat/vB per target, or the error),
    /// in the order fast, normal, slow. Pure. Estimates are rounded up to whole
    /// sat/vB (never below what the node asked) and clamped to [minRate, maxRate];
    /// non-finite or non-positive values count as no estimate. A slower preset
    /// above a faster one lifts the faster one (fast >= normal >= slow).
    static FeePresets combine(const std::array<Result<double>, 3> &answers, const Options &options);

    const Options &options() const { return m_options; }

private:
    net::NodeRpcClient *m_rpc;
    Options m_options;
};

} // namespace wp::client
