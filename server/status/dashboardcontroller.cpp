#include <status/dashboardcontroller.h>

#include <status/html.h>
#include <status/statuslogging.h>
#include <status/statuspage.h>

#include <db/database.h>
#include <net/httpapi.h>
#include <net/httpreply.h>
#include <net/httptypes.h>

namespace wp::server::status {

using net::HttpReply;
using net::HttpRequest;
using net::HttpResponse;

namespace {

/// A public page must not show database host names or credentials: the errno only.
QString publicReason(const Error &error)
{
    return error.code ? QStringLiteral("database error %1").arg(error.code) : QStringLiteral("database error");
}

} // namespace

DashboardController::DashboardController(net::HttpApi &http, Deps deps, QObject *parent)
    : QObject(parent), m_deps(std::move(deps))
{
    http.get(QStringLiteral("/status"), [this](const HttpRequest &, HttpReply reply) {
        withModel([this, reply](const Result<StatusModel> &model) {
            if (!model)
                return reply.send(htmlResponse(statusUnavailableHtml(m_deps.instanceName, publicReason(model.error())), 503));
            reply.send(htmlResponse(statusHtml(*model)));
        });
    });

    http.get(QStringLiteral("/status.json"), [this](const HttpRequest &, HttpReply reply) {
        withModel([reply](const Result<StatusModel> &model) {
            if (!model)
                return reply.send(HttpResponse::error(503, publicReason(model.error())));
            HttpResponse r = HttpResponse::json(statusJson(*model));
            addHeader(r, "Cache-Control", "no-store");
            reply.send(std::move(r));
        });
    });

    http.get(QStringLiteral("/metrics"), [this](const HttpRequest &, HttpReply reply) {
        withModel([this, reply](const Result<StatusModel> &model) {
            const LocalMetrics local = m_deps.localMetrics ? m_deps.localMetrics() : LocalMetrics{m_deps.instanceName, {}, {}};
            reply.send(HttpResponse::text(renderMetrics(model ? &*model : nullptr, local), 200, kMetricsContentType));
        });
    });
}

void DashboardController::withModel(ModelDone done)
{
    if (m_cached && m_cachedAt.isValid() && m_cachedAt.elapsed() < kCacheMs) {
        done(*m_cached);
        return;
    }
    m_waiting.append(std::move(done));
    if (m_reading)
        return;
    m_reading = true;
    const qint64 ttlUs = m_deps.leaseTtlMs * 1000;
    m_deps.database.run<StatusReport>(
        this, [ttlUs](db::DbConnection &conn) { return readStatusReport(conn, ttlUs); },
        [this](Result<StatusReport> report) { onRead(std::move(report)); });
}

void DashboardController::onRead(Result<StatusReport> report)
{
    m_reading = false;
    Result<StatusModel> model = report ? Result<StatusModel>(buildStatusModel(*report, m_deps.instanceId, m_deps.instanceName))
                                       : Result<StatusModel>(report.error());
    if (model) {
        m_cached = *model;
        m_cachedAt.start();
        m_failing = false;
    } else {
        m_cached.reset();
        if (!std::exchange(m_failing, true)) // once per outage, not once per request
            qCWarning(lcStatus).noquote() << "cannot read the cluster status:" << model.error().code
                                          << model.error().message;
    }
    const QList<ModelDone> waiting = std::exchange(m_waiting, {});
    for (const ModelDone &done : waiting)
        done(model);
}

} // namespace wp::server::status
