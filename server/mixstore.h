#pragma once

#include <mix/banpolicy.h>
#include <mix/mix.h>

#include <util/result.h>

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace wp::server {

namespace db {
class Database;
}

/// What is kept of a finished mix (one `mix` row, its `mix_log`, and `mix_txid` on success).
/// Nothing here links the mix's inputs to its outputs.
struct MixRecord {
    QString instanceId;
    qint64 epoch = 0;
    QString poolId;
    QString mixId;
    qint64 denomination = 0;
    int anonymitySet = 0;
    int nbMustMix = 0;
    int nbLiquidities = 0;
    qint64 amountIn = 0;
    qint64 amountOut = 0;
    qint64 feesAmount = 0;
    qint64 feesPrice = 0;   ///< sat/vB
    int durationS = 0;
    qint64 durationMs = 0;  ///< the same, exactly: `created` is stored as the mix's start (now - durationMs)
    QString status;         ///< SUCCESS or FAIL
    QString failReason;
    QString failInfo;
    QString txid;           ///< empty when no transaction was built
    QByteArray rawTx;
};

/// The lease a write is made under: pool @p poolId owned by instance @p instanceId
/// under fencing token @p epoch (a pool_lease row). Every write an owner makes
/// carries it, and the database applies the write only while that lease is
/// current (same instance, same epoch, not expired by the database clock).
struct LeaseFence {
    QString poolId;
    QString instanceId;
    qint64 epoch = 0;
};

/// An active ban of an input or of its whole Tx0.
struct Ban {
    QString identifier;
    QString response; ///< shown to the user after "Banned from service. "
    std::optional<qint64> expiresInS;

    /// What a banned input's client is told (error 612), as the classic coordinator says it.
    QString refusal() const
    {
        return QStringLiteral("Banned from service. ") + (response.isEmpty() ? QStringLiteral("Contact us.") : response);
    }
};

/// The coordinator's shared state in MySQL (mix history, address reuse, remix
/// provenance, blames and bans, Tx0 whitelist), read and written by every
/// instance. All calls are asynchronous: the work runs on a database worker and
/// @p done is called on @p context's thread, never after @p context is destroyed.
///
/// Fencing: the writes a pool owner makes (outputs, mix history, remix provenance,
/// blames and bans) take a LeaseFence and are decided in SQL together with the
/// lease check: the first (or only) statement of the write joins the pool_lease
/// row of the fence, and when it matches nothing the write is rolled back and the
/// call fails with kLeaseLost. The caller has lost the pool: it must stop acting
/// as its owner. A lease, once no longer current, never becomes current again (a
/// new lease has a higher epoch), so a fenced-out write can never have been
/// half-applied under the new owner.
///
/// Thread affinity: the thread of the Database (the event loop).
class MixStore {
public:
    explicit MixStore(db::Database &database) : m_db(database) {}

    template <typename T>
    using Done = std::function<void(Result<T>)>;

    /// Error::code of a write refused because its LeaseFence is not the current lease
    /// (another epoch, another instance, or expired). Nothing was written.
    static constexpr int kLeaseLost = 9101;

    /// Records a postmix address for @p mixId under @p fence. Returns false if any mix
    /// already used it (the lease being current), kLeaseLost if the lease is not.
    void insertOutput(const LeaseFence &fence, const QString &address, const QString &mixId, QObject *context,
                      Done<bool> done);
    /// Frees the addresses of a mix that failed, so honest users may use them again.
    /// Fails with kLeaseLost (deleting nothing) if @p fence is not the current lease.
    void deleteOutputs(const LeaseFence &fence, const QString &mixId, QObject *context, Done<void> done);
    /// Whether an address was already used by a mix (REST checkOutput).
    void isOutputUsed(const QString &address, QObject *context, Done<bool> done);
    /// Saves a finished mix: `mix`, `mix_log` and, on success, `mix_txid`, in one
    /// transaction that begins with the fenced insert of the `mix` row. Fails with
    /// kLeaseLost (nothing written) if @p fence is not the current lease. The record's
    /// pool, instance and epoch must be those of @p fence (WP_ASSERT).
    void saveMix(const LeaseFence &fence, const MixRecord &record, QObject *context, Done<void> done);
    /// Records @p txid as a mix transaction of @p denomination (remix provenance),
    /// before it is broadcast: an instance killed right after the broadcast must
    /// not leave outputs that no instance accepts as remix liquidity. A txid that
    /// is never broadcast has no outputs, so recording it early proves nothing
    /// false. Idempotent (saveMix() records it again after a success). Fails with
    /// kLeaseLost (nothing written) if @p fence is not the current lease.
    void recordMixTxid(const LeaseFence &fence, const QString &txid, qint64 denomination, QObject *context,
                       Done<void> done);
    /// The denomination of a successful mix with this txid (liquidity provenance), if any.
    void mixTxidDenomination(const QString &txid, QObject *context, Done<std::optional<qint64>> done);
    /// Whether a Tx0 is exempt from provenance checks.
    void isWhitelistedTx0(const QString &txid, QObject *context, Done<bool> done);

    /// Reserves @p count consecutive fee address indexes, unique across the cluster. Returns the first.
    void allocateFeeIndexes(int count, QObject *context, Done<qint64> done);

    /// The active ban of any of @p identifiers (a txid and its "txid:index"), if any.
    void activeBan(const QStringList &identifiers, QObject *context, Done<std::optional<Ban>> done);
    /// Records blames and creates the bans @p policy calls for, in one transaction
    /// per identifier, each beginning with the fenced insert of the blame. Returns the
    /// identifiers banned now; kLeaseLost as soon as @p fence is not the current lease
    /// (the identifiers before it stay recorded: each was written under the lease).
    void blame(const LeaseFence &fence, const QList<mix::Blame> &blames, const QString &mixId,
               const mix::BanPolicy &policy, QObject *context, Done<QStringList> done);

private:
    db::Database &m_db;
};

} // namespace wp::server
