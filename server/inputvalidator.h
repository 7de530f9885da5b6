#pragma once

#include "confirmedtxcache.h"

#include <mix/poolconfig.h>
#include <mix/registeredinput.h>
#include <mix/tx0validator.h>

#include <bitcoin/network.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QObject>

#include <functional>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::server {

class ChainTip;
class MixStore;

/// The checks of a RegisterInputRequest, in the classic order and with the
/// classic codes and texts (protocol reference §4.1): block height, health
/// check, outpoint format, bans (txid and txid:index, shared by all instances),
/// the output on the node, ownership proof, unspent, provenance (a valid Tx0
/// for mustMix, an earlier successful mix of any instance for liquidity),
/// value range and confirmations. Confirmed transactions are kept (ConfirmedTxCache):
/// the outputs of one Tx0 register without fetching and parsing it again; whether
/// the output is unspent, and its confirmations, come from the node each time.
///
/// Thread affinity: the event-loop thread; every step is asynchronous.
class InputValidator : public QObject {
    Q_OBJECT
public:
    struct Deps {
        wp::net::NodeRpcClient &node;
        MixStore &store;
        const mix::Tx0Validator &tx0Validator;
        const ChainTip &tip;
        btc::Network network;
        int blockHeightMaxSpread = 10;
        int minConfirmationsMustMix = 0;
        int minConfirmationsLiquidity = 0;
    };

    explicit InputValidator(Deps deps, QObject *parent = nullptr);

    /// Validates @p request of @p sessionId for @p pool. @p done receives the input
    /// ready for the pool's queue, or the Error (code and message) to send back.
    void validate(const QString &sessionId, const proto::RegisterInputRequest &request, const mix::PoolConfig &pool,
                  QObject *context, std::function<void(Result<mix::RegisteredInput>)> done);

private:
    struct Job;
    void checkBan(std::shared_ptr<Job> job);
    void fetchTransaction(std::shared_ptr<Job> job);
    /// Steps 6 and 7 on the transaction of @p job's input (fetched or cached).
    void checkOutput(std::shared_ptr<Job> job);
    void checkUnspent(std::shared_ptr<Job> job);
    void checkProvenance(std::shared_ptr<Job> job);
    void finish(std::shared_ptr<Job> job);

    Deps m_deps;
    ConfirmedTxCache m_transactions;
};

} // namespace wp::server
