#include <status/statusservice.h>

#include <status/admincontroller.h>
#include <status/dashboardcontroller.h>
#include <status/statscollector.h>

#include <QUrl>

#include <algorithm>

namespace wp::server::status {

StatusService::StatusService(net::HttpApi &http, Deps deps, QObject *parent)
    : QObject(parent), m_deps(std::move(deps))
{
    m_stats = std::make_unique<StatsCollector>(m_deps.pools, m_deps.connectedClients);
    m_dashboard = std::make_unique<DashboardController>(
        http, DashboardController::Deps{m_deps.database, m_deps.instanceId, m_deps.instanceName, m_deps.leaseTtlMs,
                                        [this] {
                                            LocalMetrics local;
                                            local.instanceName = m_deps.instanceName;
                                            const auto counts = m_stats->mixCounts();
                                            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                                                local.pools.append({it.key(), it->succeeded, it->failed});
                                            std::sort(local.pools.begin(), local.pools.end(),
                                                      [](const auto &a, const auto &b) { return a.poolId < b.poolId; });
                                            if (m_deps.clusterCounters)
                                                local.cluster = m_deps.clusterCounters();
                                            return local;
                                        }});
    AdminController::Config admin;
    admin.secureCookie = QUrl(m_deps.urlClear).scheme() == QLatin1String("https");
    m_admin = std::make_unique<AdminController>(http, m_deps.database, admin);
}

StatusService::~StatusService() = default;

QJsonObject StatusService::statsSnapshot() const { return statsToJson(m_stats->snapshot()); }

} // namespace wp::server::status
