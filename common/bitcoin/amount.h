#pragma once

#include <cstdint>

namespace wp::btc {

/// An amount of bitcoin in satoshis (Bitcoin Core's CAmount). Signed so that
/// differences and fee arithmetic stay natural; valid amounts are in [0, kMaxMoney].
using Amount = std::int64_t;

/// Satoshis in one bitcoin.
inline constexpr Amount kCoin = 100'000'000;

/// The consensus upper bound of any single amount or sum of amounts (21 million BTC).
inline constexpr Amount kMaxMoney = 21'000'000 * kCoin;

/// Returns: true if @p value is a valid amount, 0 <= value <= kMaxMoney (Core's MoneyRange).
constexpr bool moneyRange(Amount value)
{
    return value >= 0 && value <= kMaxMoney;
}

} // namespace wp::btc
