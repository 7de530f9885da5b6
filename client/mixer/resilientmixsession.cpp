#include <mixer/resilientmixsession.h>

#include <mixer/logging.h>
#include <crypto/random.h>
#include <util/assert.h>

#include <algorithm>

namespace wp::client {

ResilientMixSession::ResilientMixSession(MixConfig config, MixUtxo utxo, std::shared_ptr<MixWallet> wallet,
                                         CoordinatorDirectory *directory, ResilienceConfig resilience, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_utxo(std::move(utxo)),
      m_wallet(std::move(wallet)),
      m_directory(directory),
      m_resilience(resilience),
      m_id(QString::fromLatin1(crypto::randomBytes(4).toHex()))
{
    WP_ASSERT(m_wallet);
    WP_ASSERT(directory);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ResilientMixSession::onTimer);
    connect(directory, &CoordinatorDirectory::event, this, [this](const DirectoryEvent &e) {
        if (e.origin == m_id)
            Q_EMIT event(e);
    });
}

ResilientMixSession::~ResilientMixSession() = default;

void ResilientMixSession::start()
{
    WP_ASSERT(!m_started);
    m_started = true;
    qCInfo(lcCluster).noquote() << "coin session" << m_id << "starts in pool" << m_config.poolId;
    launchRandom();
}

void ResilientMixSession::stop()
{
    if (m_finished)
        return;
    if (m_session)
        m_session->stop(); // answers failed(Stop) at once, which ends us
    finishFailed(MixFailReason::Stop, mixFailReasonMessage(MixFailReason::Stop));
}

bool ResilientMixSession::checkDirectory()
{
    if (m_directory)
        return true;
    finishFailed(MixFailReason::InternalError, QStringLiteral("the coordinator directory is gone"));
    return false;
}

void ResilientMixSession::launchRandom()
{
    if (!checkDirectory())
        return;
    const auto endpoint = m_directory->pickRandom();
    if (!endpoint) {
        finishFailed(MixFailReason::Disconnected, QStringLiteral("no coordinator instance is configured"));
        return;
    }
    if (!m_failedUrl.isEmpty()) {
        m_directory->noteFailover(m_failedUrl, *endpoint, m_delayMs, m_id);
        m_failedUrl.clear();
    }
    launch(*endpoint, true);
}

void ResilientMixSession::launch(const CoordinatorEndpoint &endpoint, bool newChain)
{
    dropSession();
    m_endpoint = endpoint;
    if (newChain) {
        m_chain = RedirectChain::startAt(endpoint.url, m_id);
        m_refreshTried = false;
    }
    MixConfig config = m_config;
    config.coordinatorUrl = endpoint.url;
    // Fresh circuits for every attempt: nothing links this connection to the last one.
    config.identity = m_config.identity.isolated();
    if (m_config.outputIdentity)
        config.outputIdentity = m_config.outputIdentity->isolated();
    if (m_config.keyCheckIdentity)
        config.keyCheckIdentity = m_config.keyCheckIdentity->isolated();
    m_session = new MixSession(std::move(config), m_utxo, m_wallet, this);
    connect(m_session, &MixSession::stepChanged, this, &ResilientMixSession::onStep);
    connect(m_session, &MixSession::failed, this, &ResilientMixSession::onSessionFailed);
    connect(m_session, &MixSession::succeeded, this, &ResilientMixSession::onSucceeded);
    connect(m_session, &MixSession::redirected, this, &ResilientMixSession::onRedirected);
    qCInfo(lcCluster).noquote() << "coin session" << m_id << "tries" << endpoint.name << "as session" << m_session->sessionId();
    m_session->start();
}

void ResilientMixSession::dropSession()
{
    if (!m_session)
        return;
    disconnect(m_session, nullptr, this, nullptr);
    if (!m_session->isFinished())
        m_session->stop();
    m_session->deleteLater(); // it may be emitting right now
    m_session = nullptr;
}

void ResilientMixSession::retryLater(Next next, int delayMs, const QString &message)
{
    m_next = next;
    m_delayMs = delayMs;
    qCInfo(lcCluster).noquote() << "coin session" << m_id << "retries in" << delayMs << "ms:" << message;
    Q_EMIT retrying(message, delayMs);
    m_timer.start(delayMs);
}

void ResilientMixSession::failOver(const QUrl &from, const QString &message)
{
    if (!countFruitless(message))
        return;
    m_failedUrl = from;
    retryLater(Next::RandomInstance, m_directory->backoffMs(), message);
}

void ResilientMixSession::onTimer()
{
    if (m_finished)
        return;
    if (m_next == Next::SameInstance && m_endpoint)
        launch(*m_endpoint, true);
    else
        launchRandom();
}

bool ResilientMixSession::countFruitless(const QString &message)
{
    if (++m_fruitless < m_resilience.maxFruitlessAttempts)
        return true;
    finishFailed(MixFailReason::Disconnected,
                 QStringLiteral("no coordinator instance took the mix after %1 attempts (last: %2)")
                     .arg(m_fruitless)
                     .arg(message));
    return false;
}

void ResilientMixSession::finishFailed(MixFailReason reason, const QString &message, int errorCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    disconnect(m_refreshConnection);
    m_pendingRedirect.reset();
    dropSession();
    qCInfo(lcCluster).noquote() << "coin session" << m_id << "failed:" << mixFailReasonName(reason) << message;
    if (reason != MixFailReason::Stop && reason != MixFailReason::Cancel) {
        m_step = MixStep::Fail;
        const MixStepInfo info = mixStepInfo(MixStep::Fail);
        Q_EMIT stepChanged(MixStep::Fail, QString::fromLatin1(info.message), info.progress);
    }
    Q_EMIT failed(reason, message, errorCode);
}

// ---- MixSession outcomes -------------------------------------------------------

void ResilientMixSession::onStep(MixStep step, const QString &message, int progress)
{
    // FAIL is announced by finishFailed() only if this was the last attempt.
    if (step == MixStep::Fail)
        return;
    m_step = step;
    Q_EMIT stepChanged(step, message, progress);
    if (step == MixStep::Connected && m_endpoint && m_directory) {
        m_directory->noteConnected(m_endpoint->url, m_id);
        if (m_announced != m_endpoint->url) {
            m_announced = m_endpoint->url;
            Q_EMIT coordinatorChanged(m_endpoint->name, m_endpoint->url);
        }
    }
    if (step == MixStep::RegisteredInput && m_endpoint) {
        // The pool took our input: this instance is the owner. A later redirect
        // (it drains the pool) starts a new chain from here, so an owner that
        // moves back to an instance we passed through is not taken for a loop.
        m_fruitless = 0;
        m_chain = RedirectChain::startAt(m_endpoint->url, m_id);
        m_refreshTried = false;
    }
}

void ResilientMixSession::onSucceeded(const QString &txid)
{
    dropSession();
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    qCInfo(lcCluster).noquote() << "coin session" << m_id << "mixed";
    Q_EMIT succeeded(txid);
}

void ResilientMixSession::onSessionFailed(MixFailReason reason, const QString &message, int errorCode)
{
    const QUrl url = m_endpoint ? m_endpoint->url : QUrl();
    dropSession();
    if (m_finished || !checkDirectory())
        return;
    switch (reason) {
    case MixFailReason::Disconnected:
        m_directory->noteFailure(url, message, m_id);
        failOver(url, message);
        return;
    case MixFailReason::InputRejected:
        if (errorCode == proto::error::kPoolRedirect || errorCode == proto::error::kPoolUnavailable) {
            // A cluster answer without a redirect: the pool lives elsewhere or is changing owner
            // (a drain). The instance is fine: not a failure of it, just ask again shortly.
            const QString why = QStringLiteral("pool %1 is changing owner (%2)").arg(m_config.poolId, message);
            if (countFruitless(why))
                retryLater(Next::RandomInstance, m_resilience.mixRetryPauseMs, why);
            return;
        }
        break;
    case MixFailReason::MixFailed:
        if (++m_mixFailures < m_resilience.maxMixAttempts) {
            retryLater(Next::SameInstance, m_resilience.mixRetryPauseMs,
                       QStringLiteral("%1; joining another mix").arg(message));
            return;
        }
        finishFailed(reason, QStringLiteral("%1 (%2 mixes failed)").arg(message).arg(m_mixFailures), errorCode);
        return;
    default:
        break;
    }
    finishFailed(reason, message, errorCode);
}

void ResilientMixSession::onRedirected(const proto::RedirectResponse &redirect)
{
    dropSession();
    if (m_finished || !checkDirectory())
        return;
    Q_EMIT redirected(redirect);
    if (redirect.retryAfterMs > 0) {
        const QString message = QStringLiteral("pool %1 is changing owner").arg(redirect.poolId.left(64));
        if (!countFruitless(message))
            return;
        retryLater(Next::RandomInstance, int(std::clamp<qint64>(redirect.retryAfterMs, 1, m_resilience.maxRetryAfterMs)),
                   message);
        return;
    }
    // A target we do not know may be an instance added since our manifest: refresh once, then decide.
    if (!m_directory->knowsTarget(redirect) && !m_refreshTried && m_directory->canRefreshManifest()) {
        m_refreshTried = true;
        m_pendingRedirect = redirect;
        m_refreshConnection = connect(m_directory, &CoordinatorDirectory::manifestRefreshFinished, this,
                                      &ResilientMixSession::onManifestRefreshed);
        if (m_directory->refreshManifest())
            return;
        disconnect(m_refreshConnection);
        m_pendingRedirect.reset();
    }
    follow(redirect);
}

void ResilientMixSession::onManifestRefreshed()
{
    disconnect(m_refreshConnection);
    if (m_finished || !m_pendingRedirect || !checkDirectory())
        return;
    const proto::RedirectResponse redirect = *m_pendingRedirect;
    m_pendingRedirect.reset();
    follow(redirect);
}

void ResilientMixSession::follow(const proto::RedirectResponse &redirect)
{
    const QUrl from = m_chain.visited.isEmpty() ? QUrl() : m_chain.visited.last();
    auto target = m_directory->followRedirect(redirect, m_chain);
    if (!target) {
        failOver(from, QStringLiteral("redirect refused: %1").arg(target.error().message));
        return;
    }
    const auto endpoint = m_directory->endpointFor(*target);
    WP_ASSERT(endpoint.has_value()); // followRedirect() only answers known instances
    // An owner we just lost is still named by the others until its lease expires: wait
    // one back-off for the takeover rather than dial a dead instance (over Tor a connect
    // can take many seconds to fail). Named again after that, it is followed (it may be back).
    if (m_directory->recentlyFailed(*target) && !m_deferredTargets.contains(*target)) {
        m_deferredTargets.insert(*target);
        failOver(from, QStringLiteral("the pool's owner %1 was unreachable a moment ago; waiting for the pool to move")
                           .arg(endpoint->name));
        return;
    }
    launch(*endpoint, false);
}

} // namespace wp::client
