#include "confirmedtxcache.h"

#include <algorithm>

namespace wp::server {

ConfirmedTxCache::ConfirmedTxCache(qsizetype capacity) : m_capacity(std::max<qsizetype>(1, capacity)) {}

const ConfirmedTxCache::Entry *ConfirmedTxCache::find(const btc::Txid &txid) const
{
    const auto it = m_entries.constFind(txid);
    return it == m_entries.cend() ? nullptr : &it.value();
}

void ConfirmedTxCache::insert(const btc::Txid &txid, Entry entry)
{
    if (m_entries.contains(txid)) {
        m_entries[txid] = std::move(entry);
        return;
    }
    while (m_entries.size() >= m_capacity)
        m_entries.remove(m_order.dequeue());
    m_entries.insert(txid, std::move(entry));
    m_order.enqueue(txid);
}

} // namespace wp::server
