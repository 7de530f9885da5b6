#include <mixstore.h>

#include <db/database.h>
#include <db/transaction.h>

namespace wp::server {

using db::DbConnection;

namespace {

constexpr int kDuplicateKey = 1062; // ER_DUP_ENTRY

} // namespace

void MixStore::insertOutput(const QString &address, const QString &mixId, QObject *context, Done<bool> done)
{
    m_db.run<bool>(
        context,
        [address, mixId](DbConnection &c) -> Result<bool> {
            auto r = c.exec("INSERT INTO mix_output (address, mix_id, created) VALUES (?, ?, UTC_TIMESTAMP(6))",
                            {address, mixId});
            if (!r && r.error().code == kDuplicateKey)
                return false; // used before, on this or another instance (the unique key decides)
            if (!r)
                return r.error();
            return true;
        },
        std::move(done));
}

void MixStore::deleteOutputs(const QString &mixId, QObject *context, Done<void> done)
{
    m_db.run<void>(
        context,
        [mixId](DbConnection &c) -> Result<void> {
            auto r = c.exec("DELETE FROM mix_output WHERE mix_id = ?", {mixId});
            if (!r)
                return r.error();
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

void MixStore::saveMix(const MixRecord &m, QObject *context, Done<void> done)
{
    m_db.run<void>(
        context,
        [m](DbConnection &c) -> Result<void> {
            return db::withTransaction(c, [&](DbConnection &tx) -> Result<void> {
                auto mix = tx.exec(
                    "INSERT INTO mix (instance_id, epoch, pool_id, mix_id, denomination, anonymity_set, nb_must_mix,"
                    " nb_liquidities, amount_in, amount_out, fees_amount, fees_price, mix_duration, mix_status,"
                    " fail_reason, fail_info, created, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " UTC_TIMESTAMP(6) - INTERVAL ? SECOND, UTC_TIMESTAMP(6))",
                    {m.instanceId, m.epoch, m.poolId, m.mixId, m.denomination, m.anonymitySet, m.nbMustMix,
                     m.nbLiquidities, m.amountIn, m.amountOut, m.feesAmount, m.feesPrice, m.durationS, m.status,
                     m.failReason.isEmpty() ? QVariant() : QVariant(m.failReason),
                     m.failInfo.isEmpty() ? QVariant() : QVariant(m.failInfo.left(255)), m.durationS});
                if (!mix)
                    return mix.error();
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

void MixStore::recordMixTxid(const QString &txid, qint64 denomination, QObject *context, Done<void> done)
{
    m_db.run<void>(
        context,
        [txid, denomination](DbConnection &c) -> Result<void> {
            auto r = c.exec("INSERT IGNORE INTO mix_txid (txid, denomination, created) VALUES (?, ?, UTC_TIMESTAMP(6))",
                            {txid, denomination});
            if (!r)
                return r.error();
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

void MixStore::blame(const QList<mix::Blame> &blames, const QString &mixId, const mix::BanPolicy &policy,
                     QObject *context, Done<QStringList> done)
{
    m_db.run<QStringList>(
        context,
        [blames, mixId, policy](DbConnection &c) -> Result<QStringList> {
            QStringList banned;
            for (const mix::Blame &b : blames) {
                auto created = db::withTransaction(c, [&](DbConnection &tx) -> Result<bool> {
                    auto insert = tx.exec("INSERT INTO blame (identifier, reason, mix_id, created)"
                                          " VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
                                          {b.identifier, mix::blameReasonName(b.reason), mixId});
                    if (!insert)
                        return insert.error();
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
