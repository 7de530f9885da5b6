#include <mixstore.h>

#include <db/database.h>
#include <db/transaction.h>
#include <util/assert.h>

namespace wp::server {

using db::DbConnection;

namespace {

constexpr int kDuplicateKey = 1062; // ER_DUP_ENTRY

// The fence of every owner write: the pool_lease row of the fence, current by the
// database clock. Its three parameters are fenceParams(fence), in this order.
#define WP_LEASE_IS_CURRENT "pool_id = ? AND instance_id = ? AND epoch = ? AND expires_at > UTC_TIMESTAMP(6)"

db::DbParams fenceParams(const LeaseFence &fence) { return {fence.poolId, fence.instanceId, fence.epoch}; }

db::DbParams withFence(db::DbParams params, const LeaseFence &fence)
{
    params += fenceParams(fence);
    return params;
}

Error leaseLost(const LeaseFence &fence)
{
    return Error(MixStore::kLeaseLost, QStringLiteral("the lease of pool %1 under epoch %2 is not held by instance %3")
                                           .arg(fence.poolId)
                                           .arg(fence.epoch)
                                           .arg(fence.instanceId));
}

/// After a fenced statement that may legitimately change nothing (nothing to delete,
/// already recorded) changed nothing: whether that was because of the lease. A lease
/// that is current now was current when the statement ran, since one that stopped
/// being current never becomes current again; so a success here is never a write
/// that the fence refused.
Result<void> requireCurrentLease(DbConnection &c, const LeaseFence &fence)
{
    auto row = c.queryOne("SELECT 1 FROM pool_lease WHERE " WP_LEASE_IS_CURRENT, fenceParams(fence));
    if (!row)
        return row.error();
    if (!row->has_value())
        return leaseLost(fence);
    return {};
}

} // namespace

void MixStore::insertOutput(const LeaseFence &fence, const QString &address, const QString &mixId, QObject *context,
                            Done<bool> done)
{
    m_db.run<bool>(
        context,
        [fence, address, mixId](DbConnection &c) -> Result<bool> {
            auto r = c.exec("INSERT INTO mix_output (address, mix_id, created)"
                            " SELECT ?, ?, UTC_TIMESTAMP(6) FROM pool_lease WHERE " WP_LEASE_IS_CURRENT,
                            withFence({address, mixId}, fence));
            if (!r && r.error().code == kDuplicateKey)
                return false; // used before, on this or another instance (the unique key decides)
            if (!r)
                return r.error();
            if (r->affectedRows == 0)
                return leaseLost(fence); // the lease row did not match: nothing inserted
            return true;
        },
        std::move(done));
}

void MixStore::deleteOutputs(const LeaseFence &fence, const QString &mixId, QObject *context, Done<void> done)
{
    m_db.run<void>(
        context,
        [fence, mixId](DbConnection &c) -> Result<void> {
            auto r = c.exec("DELETE FROM mix_output WHERE mix_id = ?"
                            " AND EXISTS (SELECT 1 FROM pool_lease WHERE " WP_LEASE_IS_CURRENT ")",
                            withFence({mixId}, fence));
            if (!r)
                return r.error();
            if (r->affectedRows == 0)
                return requireCurrentLease(c, fence); // no outputs, or fenced out
            return {};
        },
        std::move(done));
}

void MixStore::isOutputUsed(const QString &address, QObject *context, Done<bool> done)
{
    m_db.run<bool>(
        context,
        [address](DbConnection &c) -> Result<bool> {
            auto row = c.queryOne("SELECT 1 FROM mix_output WHERE address = ?", {address});
            if (!row)
                return row.error();
            return row->has_value();
        },
        std::move(done));
}

void MixStore::saveMix(const LeaseFence &fence, const MixRecord &m, QObject *context, Done<void> done)
{
    WP_ASSERT(m.poolId == fence.poolId && m.instanceId == fence.instanceId && m.epoch == fence.epoch);
    m_db.run<void>(
        context,
        [fence, m](DbConnection &c) -> Result<void> {
            return db::withTransaction(c, [&](DbConnection &tx) -> Result<void> {
                // First statement: the fenced insert of the mix row; nothing else is written without it.
                auto mix = tx.exec(
                    "INSERT INTO mix (instance_id, epoch, pool_id, mix_id, denomination, anonymity_set, nb_must_mix,"
                    " nb_liquidities, amount_in, amount_out, fees_amount, fees_price, mix_duration, mix_status,"
                    " fail_reason, fail_info, created, updated)"
                    " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " UTC_TIMESTAMP(6) - INTERVAL ? MICROSECOND, UTC_TIMESTAMP(6)"
                    " FROM pool_lease WHERE " WP_LEASE_IS_CURRENT,
                    withFence({m.instanceId, m.epoch, m.poolId, m.mixId, m.denomination, m.anonymitySet, m.nbMustMix,
                               m.nbLiquidities, m.amountIn, m.amountOut, m.feesAmount, m.feesPrice, m.durationS,
                               m.status, m.failReason.isEmpty() ? QVariant() : QVariant(m.failReason),
                               m.failInfo.isEmpty() ? QVariant() : QVariant(m.failInfo.left(255)), m.durationMs * 1000},
                              fence));
                if (!mix)
                    return mix.error();
                if (mix->affectedRows == 0)
                    return leaseLost(fence); // rolled back (nothing was written)
                if (m.txid.isEmpty())
                    return {};
                auto log = tx.exec("INSERT INTO mix_log (mix_id, txid, raw_tx, created) VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
                                   {qint64(mix->insertId), m.txid, QString::fromLatin1(m.rawTx.toHex())});
                if (!log)
                    return log.error();
                if (m.status == QLatin1String("SUCCESS")) {
                    // Remix provenance: outputs of this mix may join any instance's mixes as liquidity.
                    auto txid = tx.exec("INSERT IGNORE INTO mix_txid (txid, denomination, created)"
                                        " VALUES (?, ?, UTC_TIMESTAMP(6))",
                                        {m.txid, m.denomination});
                    if (!txid)
                        return txid.error();
                }
                return {};
            });
        },
        std::move(done));
}

void MixStore::recordMixTxid(const LeaseFence &fence, const QString &txid, qint64 denomination, QObject *context,
                             Done<void> done)
{
    m_db.run<void>(
        context,
        [fence, txid, denomination](DbConnection &c) -> Result<void> {
            auto r = c.exec("INSERT IGNORE INTO mix_txid (txid, denomination, created)"
                            " SELECT ?, ?, UTC_TIMESTAMP(6) FROM pool_lease WHERE " WP_LEASE_IS_CURRENT,
                            withFence({txid, denomination}, fence));
            if (!r)
                return r.error();
            if (r->affectedRows == 0)
                return requireCurrentLease(c, fence); // recorded before, or fenced out
            return {};
        },
        std::move(done));
}

void MixStore::mixTxidDenomination(const QString &txid, QObject *context, Done<std::optional<qint64>> done)
{
    m_db.run<std::optional<qint64>>(
        context,
        [txid](DbConnection &c) -> Result<std::optional<qint64>> {
            auto row = c.queryOne("SELECT denomination FROM mix_txid WHERE txid = ?", {txid});
            if (!row)
                return row.error();
            if (!row->has_value())
                return std::optional<qint64>();
            return (*row)->toInt64(0);
        },
        std::move(done));
}

void MixStore::isWhitelistedTx0(const QString &txid, QObject *context, Done<bool> done)
{
    m_db.run<bool>(
        context,
        [txid](DbConnection &c) -> Result<bool> {
            auto row = c.queryOne("SELECT 1 FROM tx0_whitelist WHERE txid = ?", {txid});
            if (!row)
                return row.error();
            return row->has_value();
        },
        std::move(done));
}

void MixStore::allocateFeeIndexes(int count, QObject *context, Done<qint64> done)
{
    m_db.run<qint64>(
        context,
        [count](DbConnection &c) -> Result<qint64> {
            // LAST_INSERT_ID(expr) makes the new value readable on this connection only.
            auto moved = c.exec("UPDATE fee_index_counter SET next_index = LAST_INSERT_ID(next_index + ?) WHERE id = 1",
                                {count});
            if (!moved)
                return moved.error();
            if (moved->affectedRows != 1)
                return fail(QStringLiteral("fee_index_counter has no row"));
            return qint64(moved->insertId) - count;
        },
        std::move(done));
}

void MixStore::activeBan(const QStringList &identifiers, QObject *context, Done<std::optional<Ban>> done)
{
    m_db.run<std::optional<Ban>>(
        context,
        [identifiers](DbConnection &c) -> Result<std::optional<Ban>> {
            for (const QString &id : identifiers) {
                auto row = c.queryOne("SELECT identifier, response,"
                                      " TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), expiration)"
                                      " FROM ban WHERE identifier = ?"
                                      " AND (expiration IS NULL OR expiration > UTC_TIMESTAMP(6))"
                                      " ORDER BY expiration IS NULL DESC, expiration DESC LIMIT 1",
                                      {id});
                if (!row)
                    return row.error();
                if (row->has_value()) {
                    const db::DbRow &r = **row;
                    return std::optional<Ban>(Ban{r.toString(0).value_or(id), r.toString(1).value_or(QString()),
                                                  r.isNull(2) ? std::nullopt : r.toInt64(2)});
                }
            }
            return std::optional<Ban>();
        },
        std::move(done));
}

void MixStore::blame(const LeaseFence &fence, const QList<mix::Blame> &blames, const QString &mixId,
                     const mix::BanPolicy &policy, QObject *context, Done<QStringList> done)
{
    m_db.run<QStringList>(
        context,
        [fence, blames, mixId, policy](DbConnection &c) -> Result<QStringList> {
            QStringList banned;
            for (const mix::Blame &b : blames) {
                auto created = db::withTransaction(c, [&](DbConnection &tx) -> Result<bool> {
                    // First statement: the fenced insert of the blame; no ban without it.
                    auto insert = tx.exec("INSERT INTO blame (identifier, reason, mix_id, created)"
                                          " SELECT ?, ?, ?, UTC_TIMESTAMP(6) FROM pool_lease WHERE " WP_LEASE_IS_CURRENT,
                                          withFence({b.identifier, mix::blameReasonName(b.reason), mixId}, fence));
                    if (!insert)
                        return insert.error();
                    if (insert->affectedRows == 0)
                        return leaseLost(fence); // rolled back (nothing was written)
                    auto count = tx.queryOne("SELECT COUNT(*) FROM blame WHERE identifier = ?"
                                             " AND created > UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
                                             {b.identifier, policy.blamePeriodS});
                    if (!count)
                        return count.error();
                    // Already banned: nothing more to do until the ban ends.
                    auto active = tx.queryOne("SELECT 1 FROM ban WHERE identifier = ?"
                                              " AND (expiration IS NULL OR expiration > UTC_TIMESTAMP(6))",
                                              {b.identifier});
                    if (!active)
                        return active.error();
                    if (active->has_value())
                        return false;
                    auto last = tx.queryOne("SELECT TIMESTAMPDIFF(SECOND, created, expiration) FROM ban"
                                            " WHERE identifier = ? AND expiration IS NOT NULL"
                                            " ORDER BY created DESC LIMIT 1",
                                            {b.identifier});
                    if (!last)
                        return last.error();
                    const auto lastDuration = last->has_value() ? (*last)->toInt64(0) : std::nullopt;
                    const auto duration = policy.banFor(int((*count)->toInt64(0).value_or(0)), lastDuration);
                    if (!duration)
                        return false;
                    auto ban = tx.exec("INSERT INTO ban (identifier, expiration, response, notes, created)"
                                       " VALUES (?, UTC_TIMESTAMP(6) + INTERVAL ? SECOND, ?, ?, UTC_TIMESTAMP(6))",
                                       {b.identifier, *duration, QStringLiteral("Contact us."),
                                        QStringLiteral("automatic: %1 blames").arg(mix::blameReasonName(b.reason))});
                    if (!ban)
                        return ban.error();
                    return true;
                });
                if (!created)
                    return created.error();
                if (*created)
                    banned.append(b.identifier);
            }
            return banned;
        },
        std::move(done));
}

} // namespace wp::server
