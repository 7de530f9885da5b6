#pragma once

#include <status/statusreport.h>

#include <QByteArray>
#include <QJsonObject>

namespace wp::server::status {

/// Seconds between the dashboard's automatic reloads.
inline constexpr int kStatusRefreshSeconds = 5;

/// GET /status.json: {"servedBy":{id,name}, "dbTime", "activeBans",
/// "instances":[{id, name, state, live, heartbeatAgeMs, urlClear, urlOnion, version,
/// startedAt, connectedClients, mixesSucceeded, mixesFailed, pools:[{poolId, epoch}]}],
/// "pools":[{poolId, held, epoch, owner:{id,name}|null, phase, anonymitySet, registered,
/// confirmed, mustMix, liquidity, queued}], "recentMixes":[{time, poolId, instanceId,
/// instanceName, status, anonymitySet, failReason, durationS}]}. Times are ISO 8601 UTC.
QJsonObject statusJson(const StatusModel &model);

/// GET /status: the whole model as a self-refreshing HTML page (tables, inline CSS).
/// Every value from the database is escaped.
QByteArray statusHtml(const StatusModel &model);

/// The page served when the database cannot be read (HTTP 503).
QByteArray statusUnavailableHtml(const QString &instanceName, const QString &reason);

} // namespace wp::server::status
