#include <inputvalidator.h>

#include <chaintip.h>
#include <mixstore.h>

#include <bitcoin/messageverify.h>
#include <bitcoin/transaction.h>
#include <net/noderpcclient.h>

#include <QPointer>

namespace wp::server {

namespace {

constexpr char kHealthCheck[] = "HEALTH_CHECK";

Error rejected(const QString &message) { return Error(proto::error::kInputRejected, message); }
Error serverError() { return Error(proto::error::kServerError, QStringLiteral("Server error")); }

} // namespace

/// One registration in flight.
struct InputValidator::Job {
    QString sessionId;
    proto::RegisterInputRequest request;
    mix::PoolConfig pool;
    QPointer<QObject> context;
    std::function<void(Result<mix::RegisteredInput>)> done;
    btc::Txid txid;
    std::uint32_t index = 0;
    btc::Transaction tx;
    btc::TxOut output;
    int confirmations = 0;
    qint64 timeMs = 0;

    void reply(Result<mix::RegisteredInput> result)
    {
        if (context && done)
            done(std::move(result));
        done = nullptr;
    }
};

InputValidator::InputValidator(Deps deps, QObject *parent) : QObject(parent), m_deps(std::move(deps)) {}

void InputValidator::validate(const QString &sessionId, const proto::RegisterInputRequest &request,
                              const mix::PoolConfig &pool, QObject *context,
                              std::function<void(Result<mix::RegisteredInput>)> done)
{
    auto job = std::make_shared<Job>();
    job->sessionId = sessionId;
    job->request = request;
    job->pool = pool;
    job->context = context;
    job->done = std::move(done);

    // 2. The client's chain tip must be close to ours (0: an old client, not checked).
    const int tip = m_deps.tip.height();
    if (request.blockHeight > 0 && tip >= 0 && qAbs(request.blockHeight - tip) > m_deps.blockHeightMaxSpread)
        return job->reply(Error(proto::error::kInvalidBlockHeight,
                                QStringLiteral("Invalid blockHeight %1 (coordinator: %2)").arg(request.blockHeight).arg(tip)));
    // 3. Liveness probe of the classic clients.
    if (request.utxoHash == QLatin1String(kHealthCheck))
        return job->reply(rejected(QStringLiteral("HEALTH_CHECK_SUCCESS")));
    // 4. Outpoint format.
    const auto txid = request.utxoHash.size() == 64 ? btc::Txid::fromHex(request.utxoHash) : std::nullopt;
    if (!txid)
        return job->reply(rejected(QStringLiteral("Invalid utxoHash")));
    if (request.utxoIndex < 0 || request.utxoIndex > 0xffffffffLL)
        return job->reply(rejected(QStringLiteral("Invalid utxoIndex")));
    if (request.poolId != pool.poolId)
        return job->reply(rejected(QStringLiteral("Invalid poolId")));
    job->txid = *txid;
    job->index = std::uint32_t(request.utxoIndex);
    checkBan(job);
}

// 5. Bans hold on every instance at once: the whole Tx0 (txid) or one output (txid:index).
void InputValidator::checkBan(std::shared_ptr<Job> job)
{
    const QString txid = job->txid.toHex();
    m_deps.store.activeBan({txid, txid + QLatin1Char(':') + QString::number(job->index)}, this,
                           [this, job](Result<std::optional<Ban>> ban) {
                               if (!ban)
                                   return job->reply(serverError());
                               if (ban->has_value())
                                   return job->reply(Error(proto::error::kInputBanned, (*ban)->refusal()));
                               fetchTransaction(job);
                           });
}

// 6. The output exists; 7. its owner signed the pool id.
void InputValidator::fetchTransaction(std::shared_ptr<Job> job)
{
    if (const ConfirmedTxCache::Entry *known = m_transactions.find(job->txid)) {
        job->tx = known->tx;
        job->timeMs = known->blockTimeMs;
        return checkOutput(job);
    }
    m_deps.node.getRawTransactionInfo(job->txid.toHex(), this, [this, job](Result<wp::net::RawTransactionInfo> info) {
        if (!info)
            return job->reply(rejected(QStringLiteral("UTXO not found")));
        auto tx = btc::Transaction::deserialize(info->raw);
        if (!tx || tx->txid() != job->txid)
            return job->reply(rejected(QStringLiteral("UTXO not found")));
        job->tx = std::move(*tx);
        job->timeMs = info->timeS * 1000;
        if (info->confirmations > 0)
            m_transactions.insert(job->txid, {job->tx, job->timeMs});
        checkOutput(job);
    });
}

void InputValidator::checkOutput(std::shared_ptr<Job> job)
{
    if (job->index >= std::uint32_t(job->tx.outputs.size()))
        return job->reply(rejected(QStringLiteral("UTXO not found")));
    job->output = job->tx.outputs[qsizetype(job->index)];
    if (!job->output.scriptPubKey.isP2wpkh())
        return job->reply(rejected(QStringLiteral("Input rejected: only P2WPKH inputs can mix")));
    auto owned = btc::verifyMessageForScript(job->output.scriptPubKey, job->request.poolId.toUtf8(),
                                             job->request.signature);
    if (!owned)
        return job->reply(Error(proto::error::kInvalidArgument, QStringLiteral("Invalid signature")));
    checkUnspent(job);
}

// 8. Still unspent (mempool included).
void InputValidator::checkUnspent(std::shared_ptr<Job> job)
{
    m_deps.node.getTxOut(job->txid.toHex(), int(job->index), this,
                         [this, job](Result<std::optional<wp::net::TxOutInfo>> out) {
                             if (!out)
                                 return job->reply(serverError());
                             if (!out->has_value())
                                 return job->reply(rejected(QStringLiteral("Waiting for first mix confirmation")));
                             // The node's count now (the transaction itself may come from the cache).
                             job->confirmations = (*out)->confirmations;
                             checkProvenance(job);
                         });
}

// 9. A Tx0 output joins as mustMix, an earlier mix's output as liquidity, nothing else.
void InputValidator::checkProvenance(std::shared_ptr<Job> job)
{
    const QString txid = job->txid.toHex();
    m_deps.store.isWhitelistedTx0(txid, this, [this, job, txid](Result<bool> whitelisted) {
        if (!whitelisted)
            return job->reply(serverError());
        if (*whitelisted)
            return finish(job);
        if (mix::Tx0Validator::hasFeeOpReturn(job->tx)) {
            if (job->request.liquidity)
                return job->reply(rejected(QStringLiteral("Input rejected: joined as liquidity but is a mustMix")));
            auto tx0 = m_deps.tx0Validator.validate(job->tx, job->timeMs, job->pool);
            if (!tx0)
                return job->reply(rejected(QStringLiteral("Input rejected: not a valid tx0 (%1)").arg(tx0.error().message)));
            if (!tx0->isPremixOutput(int(job->index)))
                return job->reply(rejected(QStringLiteral("Input rejected: not a premix output of this tx0")));
            return finish(job);
        }
        m_deps.store.mixTxidDenomination(txid, this, [this, job](Result<std::optional<qint64>> denomination) {
            if (!denomination)
                return job->reply(serverError());
            if (!denomination->has_value())
                return job->reply(rejected(QStringLiteral("Input rejected: not a premix or whirlpool input")));
            if (!job->request.liquidity)
                return job->reply(rejected(QStringLiteral("Input rejected: joined as mustMix but is a liquidity")));
            finish(job);
        });
    });
}

// 10. Value range; 11. confirmations.
void InputValidator::finish(std::shared_ptr<Job> job)
{
    const btc::Amount value = job->output.value;
    const mix::PoolConfig &pool = job->pool;
    if (job->request.liquidity && value != pool.denomination)
        return job->reply(rejected(QStringLiteral("Invalid input balance for liquidity (expected: %1, actual: %2)")
                                       .arg(pool.denomination)
                                       .arg(value)));
    if (!job->request.liquidity && (value < pool.mustMixBalanceMin() || value > pool.mustMixBalanceMax()))
        return job->reply(rejected(QStringLiteral("Invalid input balance for mustMix (expected: %1-%2, actual: %3)")
                                       .arg(pool.mustMixBalanceMin())
                                       .arg(pool.mustMixBalanceMax())
                                       .arg(value)));
    const int minConfirmations =
        job->request.liquidity ? m_deps.minConfirmationsLiquidity : m_deps.minConfirmationsMustMix;
    if (job->confirmations < minConfirmations)
        return job->reply(rejected(QStringLiteral("Input is not confirmed")));

    mix::RegisteredInput input;
    input.sessionId = job->sessionId;
    input.outpoint = btc::OutPoint{job->txid, job->index};
    input.prevout = job->output;
    input.liquidity = job->request.liquidity;
    job->reply(std::move(input));
}

} // namespace wp::server
