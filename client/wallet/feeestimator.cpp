#include "feeestimator.h"

#include "logging.h"

#include <net/noderpcclient.h>

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

namespace wp::client {

FeeEstimator::FeeEstimator(net::NodeRpcClient *rpc, Options options) : m_rpc(rpc), m_options(options)
{
    WP_ASSERT(m_rpc);
    WP_ASSERT(m_options.minRate >= 1 && m_options.minRate <= m_options.maxRate);
}

FeePresets FeeEstimator::combine(const std::array<Result<double>, 3> &answers, const Options &options)
{
    static const char *const kNames[3] = {"fast", "normal", "slow"};
    std::array<FeePreset, 3> presets;
    QStringList notes;
    for (std::size_t i = 0; i < 3; ++i) {
        FeePreset &p = presets[i];
        p.targetBlocks = options.targets[i];
        const Result<double> &a = answers[i];
        if (a && std::isfinite(*a) && *a > 0) {
            // Round up (the node's rate is a minimum); clamp before converting, so any double is safe.
            const double clamped = std::clamp(std::ceil(*a - 1e-9), double(options.minRate), double(options.maxRate));
            p.satPerVb = btc::Amount(clamped);
            p.estimated = true;
        } else {
            p.satPerVb = std::clamp(options.defaults[i], options.minRate, options.maxRate);
            notes.append(QStringLiteral("%1 (%2 blocks): %3")
                             .arg(QLatin1String(kNames[i]))
                             .arg(p.targetBlocks)
                             .arg(a ? QStringLiteral("no usable estimate (%1)").arg(*a) : a.error().message));
        }
    }
    // fast >= normal >= slow: a slower target never pays more than a faster one.
    presets[1].satPerVb = std::max(presets[1].satPerVb, presets[2].satPerVb);
    presets[0].satPerVb = std::max(presets[0].satPerVb, presets[1].satPerVb);

    FeePresets out{presets[0], presets[1], presets[2], {}};
    if (!notes.isEmpty())
        out.note = QStringLiteral("default fee rate used for ") + notes.join(QStringLiteral("; "));
    return out;
}

void FeeEstimator::estimate(QObject *context, std::function<void(FeePresets)> done) const
{
    struct Pending {
        std::array<std::optional<Result<double>>, 3> answers;
        int remaining = 3;
        Options options;
        std::function<void(FeePresets)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->options = m_options;
    pending->done = std::move(done);
    for (std::size_t i = 0; i < 3; ++i) {
        m_rpc->estimateSmartFee(m_options.targets[i], context, [pending, i](Result<double> r) {
            pending->answers[i].emplace(std::move(r));
            if (--pending->remaining > 0)
                return;
            const FeePresets presets =
                combine({*pending->answers[0], *pending->answers[1], *pending->answers[2]}, pending->options);
            if (!presets.estimated())
                qCInfo(lcWallet) << "fee presets:" << presets.note;
            pending->done(presets);
        });
    }
}

} // namespace wp::client
