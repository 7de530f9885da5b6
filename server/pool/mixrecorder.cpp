#include <pool/mixrecorder.h>

#include <logging.h>

#include <util/assert.h>

#include <utility>

namespace wp::server {

MixRecorder::MixRecorder(MixStore &store, QString instanceId, const mix::PoolConfig &pool, mix::BanPolicy banPolicy,
                         QObject *context)
    : m_store(store), m_instanceId(std::move(instanceId)), m_poolId(pool.poolId), m_denomination(pool.denomination),
      m_banPolicy(banPolicy), m_context(context)
{
    WP_ASSERT(context);
}

MixRecord MixRecorder::recordOf(const mix::Mix &mix, qint64 epoch, qint64 nowMs) const
{
    WP_ASSERT(mix.isOver());
    const bool success = mix.phase() == mix::MixPhase::Success;
    MixRecord record;
    record.instanceId = m_instanceId;
    record.epoch = epoch;
    record.poolId = mix.pool().poolId;
    record.mixId = mix.mixId();
    record.denomination = mix.pool().denomination;
    record.anonymitySet = mix.nbInputs();
    record.nbMustMix = mix.nbMustMix();
    record.nbLiquidities = mix.nbLiquidity();
    for (const mix::MixInput &i : mix.inputs())
        record.amountIn += i.input.prevout.value;
    record.durationMs = nowMs - mix.createdAtMs();
    record.durationS = int(record.durationMs / 1000);
    record.status = success ? QStringLiteral("SUCCESS") : QStringLiteral("FAIL");
    record.failReason = mix::failReasonName(mix.failReason());
    record.failInfo = mix.failInfo();
    if (success) {
        const btc::Transaction &tx = mix.transaction();
        record.amountOut = *tx.totalOutput();
        record.feesAmount = record.amountIn - record.amountOut;
        record.feesPrice = tx.vsize() > 0 ? record.feesAmount / tx.vsize() : 0;
        record.txid = tx.txid().toHex();
        record.rawTx = tx.serialize(true);
    }
    return record;
}

template <typename T>
MixStore::Done<T> MixRecorder::counted(MixStore::Done<T> done)
{
    ++m_writesInFlight;
    return [this, done = std::move(done)](Result<T> r) {
        --m_writesInFlight;
        const bool leaseLost = !r && r.error().code == MixStore::kLeaseLost;
        done(std::move(r));
        if (leaseLost && m_onLeaseLost)
            m_onLeaseLost();
    };
}

void MixRecorder::reserveOutput(const QString &address, const QString &mixId, MixStore::Done<bool> done)
{
    m_store.insertOutput(fence(), address, mixId, m_context, counted<bool>(std::move(done)));
}

void MixRecorder::freeOutputs(const QString &mixId)
{
    m_store.deleteOutputs(fence(), mixId, m_context, counted<void>([pool = m_poolId](Result<void> r) {
                              if (!r)
                                  qCWarning(lcPool).noquote()
                                      << pool << "could not free the outputs of a failed mix:" << r.error().message;
                          }));
}

void MixRecorder::recordMixTxid(const btc::Txid &txid, MixStore::Done<void> done)
{
    m_store.recordMixTxid(fence(), txid.toHex(), m_denomination, m_context, counted<void>(std::move(done)));
}

void MixRecorder::recordBlames(const QList<mix::Blame> &blames, const QString &mixId)
{
    m_store.blame(fence(), blames, mixId, m_banPolicy, m_context, counted<QStringList>([pool = m_poolId](Result<QStringList> banned) {
                      if (!banned)
                          qCWarning(lcPool).noquote() << pool << "could not record blames:" << banned.error().message;
                      else if (!banned->isEmpty())
                          qCInfo(lcPool).noquote() << pool << banned->size() << "input(s) banned";
                  }));
}

void MixRecorder::saveMix(const MixRecord &record, std::function<void()> answered)
{
    m_store.saveMix(fence(), record, m_context,
                    counted<void>([pool = m_poolId, mixId = record.mixId, answered = std::move(answered)](Result<void> r) {
                        if (!r)
                            qCWarning(lcPool).noquote() << pool << "could not save mix" << mixId << ":" << r.error().message;
                        if (answered)
                            answered();
                    }));
}

} // namespace wp::server
