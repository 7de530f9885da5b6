#include <stompcontroller.h>

#include <inputvalidator.h>
#include <logging.h>
#include <poolservice.h>

#include <net/stompserver.h>
#include <protocol/messages.h>

#include <QJsonDocument>

namespace wp::server {

QByteArray stompHeader(const net::StompHeaders &headers, QByteArrayView name)
{
    for (const auto &h : headers)
        if (h.first == name)
            return h.second;
    return {};
}

StompController::StompController(net::StompServer &stomp, InputValidator &validator, btc::Network network,
                                 PoolRouting routing, QObject *parent)
    : QObject(parent), m_stomp(stomp), m_validator(validator), m_network(network), m_routing(std::move(routing))
{
    connect(&stomp, &net::StompServer::subscribed, this, &StompController::onSubscribed);
    connect(&stomp, &net::StompServer::messageReceived, this, &StompController::onMessage);
    connect(&stomp, &net::StompServer::sessionClosed, this, &StompController::onClosed);
}

void StompController::sendToSession(const QString &sessionId, const char *messageType, const QJsonObject &body)
{
    net::StompSession *session = m_stomp.session(sessionId);
    if (!session)
        return;
    const net::StompHeaders headers{{proto::header::kMessageType, messageType},
                                    {proto::header::kProtocolVersion, proto::kProtocolVersion},
                                    {"content-type", "application/json"}};
    session->sendMessage(proto::endpoint::kPrivateReply, headers, proto::toJsonBytes(body));
}

void StompController::sendError(const QString &sessionId, int code, const QString &message)
{
    sendToSession(sessionId, proto::type::kErrorResponse, proto::ErrorResponse{code, message}.toJson());
}

int StompController::sessionsInPool(const QString &poolId) const
{
    int n = 0;
    for (const QString &p : m_poolBySession)
        n += p == poolId;
    return n;
}

PoolService *StompController::poolOfSession(const QString &sessionId) const
{
    const auto it = m_poolBySession.constFind(sessionId);
    if (it == m_poolBySession.constEnd())
        return nullptr;
    const cluster::PoolRoute route = m_routing(*it);
    const auto *local = std::get_if<cluster::route::Local>(&route);
    return local ? local->service : nullptr;
}

PoolService *StompController::localPoolOrAnswer(const QString &sessionId, const QString &poolId)
{
    const cluster::PoolRoute route = m_routing(poolId);
    if (const auto *local = std::get_if<cluster::route::Local>(&route))
        return local->service;
    proto::RedirectResponse redirect;
    redirect.poolId = poolId;
    if (const auto *elsewhere = std::get_if<cluster::route::Redirect>(&route)) {
        redirect.urlClear = elsewhere->urlClear;
        redirect.urlOnion = elsewhere->urlOnion;
        redirect.epoch = elsewhere->epoch;
        sendToSession(sessionId, proto::type::kRedirectResponse, redirect.toJson());
        sendError(sessionId, proto::error::kPoolRedirect,
                  QStringLiteral("Pool %1 is served by %2").arg(poolId, elsewhere->urlClear));
    } else if (const auto *retry = std::get_if<cluster::route::Retry>(&route)) {
        // Changing owner right now: the next owner claims it within a lease cycle or two.
        redirect.retryAfterMs = retry->afterMs;
        sendToSession(sessionId, proto::type::kRedirectResponse, redirect.toJson());
        sendError(sessionId, proto::error::kPoolUnavailable,
                  QStringLiteral("Pool %1 is changing coordinator: retry in %2 ms").arg(poolId).arg(retry->afterMs));
    } else {
        sendError(sessionId, proto::error::kInvalidArgument, QStringLiteral("Pool not found: %1").arg(poolId));
    }
    return nullptr;
}

void StompController::onSubscribed(net::StompSession *session, const QByteArray &destination,
                                   const net::StompHeaders &headers)
{
    if (destination != proto::endpoint::kPrivateReply)
        return;
    // The protocol version is deliberately not checked here, so that an old client
    // can still receive the version mismatch error on its first SEND (§1.3).
    const QString poolId = QString::fromUtf8(stompHeader(headers, proto::header::kPoolId));
    if (poolId.isEmpty()) {
        sendError(session->id(), proto::error::kInvalidArgument, QStringLiteral("Missing poolId header"));
        return;
    }
    PoolService *pool = localPoolOrAnswer(session->id(), poolId);
    if (!pool)
        return;
    m_poolBySession.insert(session->id(), poolId);
    const mix::PoolConfig &c = pool->config();
    const proto::SubscribePoolResponse response{btc::networkParams(m_network).name, c.denomination,
                                                c.mustMixBalanceMin(), c.mustMixBalanceCap(), c.mustMixBalanceMax()};
    sendToSession(session->id(), proto::type::kSubscribePoolResponse, response.toJson());
}

void StompController::onMessage(net::StompSession *session, const QByteArray &destination,
                                const net::StompHeaders &headers, const QByteArray &body)
{
    const QString sessionId = session->id();
    const QByteArray version = stompHeader(headers, proto::header::kProtocolVersion);
    if (version != proto::kProtocolVersion) {
        sendError(sessionId, proto::error::kVersionMismatch,
                  QStringLiteral("Version mismatch: server=%1, client=%2")
                      .arg(QLatin1String(proto::kProtocolVersion), QString::fromUtf8(version)));
        return;
    }
    auto reject = [&](const Error &e) { sendError(sessionId, e.code ? e.code : proto::error::kInvalidArgument, e.message); };

    if (destination == proto::endpoint::kWsRegisterInput) {
        auto request = proto::RegisterInputRequest::fromJson(body);
        if (!request)
            return reject(request.error());
        PoolService *pool = localPoolOrAnswer(sessionId, request->poolId); // not here (any more): where it runs now
        if (!pool)
            return;
        const QString poolId = request->poolId;
        m_validator.validate(sessionId, *request, pool->config(), this,
                             [this, sessionId, poolId](Result<mix::RegisteredInput> input) {
                                 net::StompSession *client = m_stomp.session(sessionId);
                                 if (!client)
                                     return; // the client left meanwhile
                                 PoolService *p = localPoolOrAnswer(sessionId, poolId); // it may have moved meanwhile
                                 if (!p)
                                     return;
                                 if (!input)
                                     return sendError(sessionId, input.error().code, input.error().message);
                                 m_poolBySession.insert(sessionId, poolId);
                                 p->registerInput(std::move(*input));
                             });
        return;
    }
    PoolService *pool = poolOfSession(sessionId);
    if (destination == proto::endpoint::kWsConfirmInput) {
        auto request = proto::ConfirmInputRequest::fromJson(body);
        if (!request)
            return reject(request.error());
        if (!pool)
            return reject(Error(proto::error::kServerError, QStringLiteral("Confirming input not found")));
        pool->confirmInput(sessionId, *request);
    } else if (destination == proto::endpoint::kWsRevealOutput) {
        auto request = proto::RevealOutputRequest::fromJson(body);
        if (!request)
            return reject(request.error());
        if (pool)
            pool->revealOutput(sessionId, *request);
    } else if (destination == proto::endpoint::kWsSigning) {
        auto request = proto::SigningRequest::fromJson(body);
        if (!request)
            return reject(request.error());
        if (!pool)
            return reject(Error(proto::error::kInvalidArgument, QStringLiteral("Mix not found")));
        pool->signing(sessionId, *request);
    } else {
        reject(Error(proto::error::kInvalidArgument, QStringLiteral("Unknown destination")));
    }
}

void StompController::onClosed(net::StompSession *session)
{
    const QString sessionId = session->id();
    if (PoolService *pool = poolOfSession(sessionId))
        pool->sessionClosed(sessionId);
    m_poolBySession.remove(sessionId);
}

} // namespace wp::server
