#include <bitcoin/bip69.h>

#include <algorithm>

namespace wp::btc {

bool bip69InputLess(const TxIn &a, const TxIn &b)
{
    const auto &ha = a.prevout.txid.data();
    const auto &hb = b.prevout.txid.data();
    // Display order is the reverse of the internal byte order.
    const bool differ = !std::equal(ha.begin(), ha.end(), hb.begin());
    if (differ)
        return std::lexicographical_compare(ha.rbegin(), ha.rend(), hb.rbegin(), hb.rend());
    return a.prevout.index < b.prevout.index;
}

bool bip69OutputLess(const TxOut &a, const TxOut &b)
{
    const auto va = std::uint64_t(a.value);
    const auto vb = std::uint64_t(b.value);
    if (va != vb)
        return va < vb;
    const QByteArray &sa = a.scriptPubKey.bytes();
    const QByteArray &sb = b.scriptPubKey.bytes();
    return std::lexicographical_compare(sa.begin(), sa.end(), sb.begin(), sb.end(),
                                        [](char x, char y) { return std::uint8_t(x) < std::uint8_t(y); });
}

void sortBip69(Transaction &tx)
{
    std::stable_sort(tx.inputs.begin(), tx.inputs.end(), bip69InputLess);
    std::stable_sort(tx.outputs.begin(), tx.outputs.end(), bip69OutputLess);
}

bool isBip69Sorted(const Transaction &tx)
{
    return std::is_sorted(tx.inputs.begin(), tx.inputs.end(), bip69InputLess)
        && std::is_sorted(tx.outputs.begin(), tx.outputs.end(), bip69OutputLess);
}

} // namespace wp::btc
