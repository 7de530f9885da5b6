#include <restcontroller.h>

#include <logging.h>
#include <mixstore.h>
#include <poolservice.h>

#include <bitcoin/address.h>
#include <bitcoin/messageverify.h>
#include <net/httpapi.h>
#include <net/httpreply.h>
#include <net/httptypes.h>
#include <protocol/messages.h>

#include <QDateTime>

namespace wp::server {

using net::HttpReply;
using net::HttpRequest;
using net::HttpResponse;

RestController::RestController(net::HttpApi &http, Deps deps, QObject *parent)
    : QObject(parent), m_deps(std::move(deps))
{
    http.get(QString::fromLatin1(proto::endpoint::kRestPools), [this](const HttpRequest &, HttpReply reply) {
        reply.send(HttpResponse::json(proto::PoolsResponse{m_deps.allPools()}.toJson()));
    });

    http.get(QString::fromLatin1(proto::endpoint::kRestHealth), [this](const HttpRequest &, HttpReply reply) {
        const bool ready = !m_deps.ready || m_deps.ready();
        reply.send(HttpResponse::json(QJsonObject{{QStringLiteral("status"), ready ? QStringLiteral("OK")
                                                                                     : QStringLiteral("STARTING")}},
                                      ready ? 200 : 503));
    });

    auto tx0Handler = [this](const HttpRequest &request, HttpReply reply) {
        auto parsed = request.body.trimmed().isEmpty() ? Result<proto::Tx0DataRequest>(proto::Tx0DataRequest{})
                                                       : proto::Tx0DataRequest::fromJson(request.body);
        if (!parsed)
            return reply.send(HttpResponse::restError(parsed.error().message));
        const int count = mix::Tx0DataFactory::indexesNeeded(m_deps.poolConfigs);
        m_deps.store.allocateFeeIndexes(count, this, [this, reply, request = *parsed](Result<qint64> first) {
            if (!first || *first + m_deps.poolConfigs.size() > INT32_MAX)
                return reply.send(HttpResponse::restError(QStringLiteral("Server error")));
            auto response = m_deps.tx0Data.build(request, m_deps.poolConfigs, qint32(*first),
                                                 QDateTime::currentMSecsSinceEpoch());
            if (!response)
                return reply.send(HttpResponse::restError(response.error().message));
            reply.send(HttpResponse::json(response->toJson()));
        });
    };
    http.post(QString::fromLatin1(proto::endpoint::kRestTx0), tx0Handler);
    http.post(QString::fromLatin1(proto::endpoint::kRestTx0V1), tx0Handler);

    http.post(QString::fromLatin1(proto::endpoint::kRestCheckOutput), [this](const HttpRequest &request, HttpReply reply) {
        auto parsed = proto::CheckOutputRequest::fromJson(request.body);
        if (!parsed)
            return reply.send(HttpResponse::restError(parsed.error().message));
        const auto address = btc::Address::fromString(parsed->receiveAddress, btc::networkParams(m_deps.network));
        if (!address || (address->type() != btc::AddressType::P2wpkh && address->type() != btc::AddressType::P2wsh))
            return reply.send(HttpResponse::restError(QStringLiteral("Invalid receiveAddress")));
        if (!btc::verifyMessageForScript(address->scriptPubKey(), parsed->receiveAddress.toUtf8(), parsed->signature))
            return reply.send(HttpResponse::restError(QStringLiteral("Invalid signature")));
        m_deps.store.isOutputUsed(address->toString(), this, [reply](Result<bool> used) {
            if (!used)
                return reply.send(HttpResponse::restError(QStringLiteral("Server error")));
            if (*used)
                return reply.send(HttpResponse::restError(QStringLiteral("Output already registered")));
            reply.send(HttpResponse::text({}));
        });
    });

    http.post(QString::fromLatin1(proto::endpoint::kRestRegisterOutput), [this](const HttpRequest &request, HttpReply reply) {
        auto parsed = proto::RegisterOutputRequest::fromJson(request.body);
        if (!parsed)
            return reply.send(HttpResponse::restError(parsed.error().message));
        for (PoolService *pool : m_deps.localPools()) {
            if (pool->ownsInputsHash(parsed->inputsHash)) {
                pool->registerOutput(*parsed, this, [reply](Result<void> r) {
                    reply.send(r ? HttpResponse::text({}) : HttpResponse::restError(r.error().message));
                });
                return;
            }
        }
        // No mix of this instance has these inputs (over, or run elsewhere): the classic generic answer.
        reply.send(HttpResponse::restError(QStringLiteral("Mix failed")));
    });
}

} // namespace wp::server
