#include <status/statuspage.h>

#include <status/html.h>

#include <QDateTime>
#include <QJsonArray>

namespace wp::server::status {

namespace {

QString isoUtc(qint64 us)
{
    if (us <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString shortId(const QString &id) { return id.left(8); }

QString td(const QString &escapedHtml, const char *cls = nullptr)
{
    return cls ? QStringLiteral("<td class=\"%1\">%2</td>").arg(QLatin1String(cls), escapedHtml)
               : QStringLiteral("<td>%1</td>").arg(escapedHtml);
}

QString num(qint64 n) { return td(QString::number(n), "n"); }

QString stateHtml(const InstanceView &i)
{
    if (i.info.live)
        return QStringLiteral("<span class=\"ok\">live</span> %1").arg(htmlEscape(i.info.state));
    return QStringLiteral("<span class=\"bad\">down</span> %1").arg(htmlEscape(i.info.state));
}

QString instancesTable(const StatusModel &model)
{
    QString h = QStringLiteral(
        "<table><tr><th>Name</th><th>Id</th><th>State</th><th>Heartbeat</th><th>URLs</th><th>Version</th>"
        "<th>Pools owned (epoch)</th><th>Clients</th><th>Mixes ok / failed</th><th>Started</th></tr>\n");
    for (const InstanceView &i : model.instances) {
        QStringList pools;
        for (const auto &p : i.ownedPools)
            pools.append(QStringLiteral("%1 (%2)").arg(htmlEscape(p.first), QString::number(p.second)));
        QString urls = htmlLink(i.info.urlClear);
        if (!i.info.urlOnion.isEmpty())
            urls += QStringLiteral("<br>") + htmlLink(i.info.urlOnion);
        QString name = htmlEscape(i.info.name);
        if (i.info.id == model.servedById)
            name += QStringLiteral(" <span class=\"dim\">(this page)</span>");
        h += QStringLiteral("<tr>") + td(name) + td(htmlEscape(shortId(i.info.id)), "mono") + td(stateHtml(i)) +
             td(htmlEscape(formatDurationMs(i.info.heartbeatAgeMs)) + QStringLiteral(" ago")) + td(urls) +
             td(htmlEscape(i.info.version)) + td(pools.isEmpty() ? QStringLiteral("-") : pools.join(QStringLiteral(", "))) +
             (i.info.live ? num(i.stats.connectedClients) : td(QStringLiteral("-"), "n")) +
             td(QStringLiteral("%1 / %2").arg(i.stats.mixesSucceeded).arg(i.stats.mixesFailed), "n") +
             td(htmlEscape(formatUtcMicros(i.info.startedAtUs))) + QStringLiteral("</tr>\n");
    }
    if (model.instances.isEmpty())
        h += QStringLiteral("<tr><td colspan=\"10\" class=\"dim\">No instance has registered yet.</td></tr>\n");
    return h + QStringLiteral("</table>\n");
}

QString poolsTable(const StatusModel &model)
{
    QString h = QStringLiteral(
        "<table><tr><th>Pool</th><th>Owner</th><th>Epoch</th><th>Mix phase</th><th>Registered</th>"
        "<th>Confirmed</th><th>MustMix / liquidity</th><th>Anonymity set</th><th>Queued</th></tr>\n");
    for (const PoolView &p : model.pools) {
        const QString owner = p.held ? htmlEscape(p.ownerName)
                                     : QStringLiteral("<span class=\"bad\">none (being taken over)</span>");
        h += QStringLiteral("<tr>") + td(htmlEscape(p.poolId)) + td(owner) + num(p.epoch);
        if (p.live) {
            const PoolStats &s = *p.live;
            h += td(s.phase.isEmpty() ? QStringLiteral("<span class=\"dim\">no mix</span>") : htmlEscape(s.phase)) +
                 num(s.registered) + num(s.confirmed) + td(QStringLiteral("%1 / %2").arg(s.mustMix).arg(s.liquidity), "n") +
                 num(s.anonymitySet) + num(s.queued);
        } else {
            h += QStringLiteral("<td colspan=\"6\" class=\"dim\">no live figures</td>");
        }
        h += QStringLiteral("</tr>\n");
    }
    if (model.pools.isEmpty())
        h += QStringLiteral("<tr><td colspan=\"9\" class=\"dim\">No pool configured yet.</td></tr>\n");
    return h + QStringLiteral("</table>\n");
}

QString mixesTable(const StatusModel &model)
{
    QString h = QStringLiteral("<table><tr><th>Time (UTC)</th><th>Pool</th><th>Instance</th><th>Status</th>"
                               "<th>Anonymity set</th><th>Duration</th><th>Fail reason</th></tr>\n");
    for (const RecentMix &m : model.recentMixes) {
        const QString instance = m.instanceName.isEmpty()
                                     ? QStringLiteral("<span class=\"mono\">%1</span>").arg(htmlEscape(shortId(m.instanceId)))
                                     : htmlEscape(m.instanceName);
        const bool ok = m.status == QLatin1String("SUCCESS");
        h += QStringLiteral("<tr>") + td(htmlEscape(formatUtcMicros(m.createdAtUs))) + td(htmlEscape(m.poolId)) +
             td(instance) +
             td(QStringLiteral("<span class=\"%1\">%2</span>").arg(ok ? QLatin1String("ok") : QLatin1String("bad"),
                                                                   htmlEscape(m.status))) +
             num(m.anonymitySet) + td(htmlEscape(formatDurationMs(qint64(m.durationS) * 1000)), "n") +
             td(ok || m.failReason.isEmpty() ? QString() : htmlEscape(m.failReason)) + QStringLiteral("</tr>\n");
    }
    if (model.recentMixes.isEmpty())
        h += QStringLiteral("<tr><td colspan=\"7\" class=\"dim\">No mix yet.</td></tr>\n");
    return h + QStringLiteral("</table>\n");
}

} // namespace

QJsonObject statusJson(const StatusModel &model)
{
    QJsonArray instances;
    for (const InstanceView &i : model.instances) {
        QJsonArray pools;
        for (const auto &p : i.ownedPools)
            pools.append(QJsonObject{{QStringLiteral("poolId"), p.first}, {QStringLiteral("epoch"), p.second}});
        instances.append(QJsonObject{
            {QStringLiteral("id"), i.info.id},
            {QStringLiteral("name"), i.info.name},
            {QStringLiteral("state"), i.info.state},
            {QStringLiteral("live"), i.info.live},
            {QStringLiteral("heartbeatAgeMs"), i.info.heartbeatAgeMs},
            {QStringLiteral("urlClear"), i.info.urlClear},
            {QStringLiteral("urlOnion"), i.info.urlOnion},
            {QStringLiteral("version"), i.info.version},
            {QStringLiteral("startedAt"), isoUtc(i.info.startedAtUs)},
            {QStringLiteral("connectedClients"), i.stats.connectedClients},
            {QStringLiteral("mixesSucceeded"), qint64(i.stats.mixesSucceeded)},
            {QStringLiteral("mixesFailed"), qint64(i.stats.mixesFailed)},
            {QStringLiteral("pools"), pools},
        });
    }
    QJsonArray pools;
    for (const PoolView &p : model.pools) {
        QJsonObject o{{QStringLiteral("poolId"), p.poolId},
                      {QStringLiteral("held"), p.held},
                      {QStringLiteral("epoch"), p.epoch},
                      {QStringLiteral("owner"), p.held ? QJsonValue(QJsonObject{{QStringLiteral("id"), p.ownerId},
                                                                                 {QStringLiteral("name"), p.ownerName}})
                                                       : QJsonValue(QJsonValue::Null)}};
        if (p.live) {
            o.insert(QStringLiteral("phase"), p.live->phase.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(p.live->phase));
            o.insert(QStringLiteral("anonymitySet"), p.live->anonymitySet);
            o.insert(QStringLiteral("registered"), p.live->registered);
            o.insert(QStringLiteral("confirmed"), p.live->confirmed);
            o.insert(QStringLiteral("mustMix"), p.live->mustMix);
            o.insert(QStringLiteral("liquidity"), p.live->liquidity);
            o.insert(QStringLiteral("queued"), p.live->queued);
        }
        pools.append(o);
    }
    QJsonArray mixes;
    for (const RecentMix &m : model.recentMixes) {
        mixes.append(QJsonObject{
            {QStringLiteral("time"), isoUtc(m.createdAtUs)},
            {QStringLiteral("poolId"), m.poolId},
            {QStringLiteral("instanceId"), m.instanceId},
            {QStringLiteral("instanceName"), m.instanceName},
            {QStringLiteral("status"), m.status},
            {QStringLiteral("anonymitySet"), m.anonymitySet},
            {QStringLiteral("failReason"), m.failReason},
            {QStringLiteral("durationS"), m.durationS},
        });
    }
    return QJsonObject{
        {QStringLiteral("servedBy"), QJsonObject{{QStringLiteral("id"), model.servedById},
                                                 {QStringLiteral("name"), model.servedByName}}},
        {QStringLiteral("dbTime"), isoUtc(model.dbNowUs)},
        {QStringLiteral("activeBans"), model.activeBans},
        {QStringLiteral("instances"), instances},
        {QStringLiteral("pools"), pools},
        {QStringLiteral("recentMixes"), mixes},
    };
}

QByteArray statusHtml(const StatusModel &model)
{
    int live = 0;
    for (const InstanceView &i : model.instances)
        live += i.info.live;
    int held = 0;
    for (const PoolView &p : model.pools)
        held += p.held;
    QString body = QStringLiteral("<p class=\"meta\">Served by <b>%1</b> at %2 UTC (database clock) &middot; "
                                  "%3 of %4 instances live &middot; %5 of %6 pools owned &middot; "
                                  "%7 active bans &middot; refreshes every %8 s &middot; "
                                  "<a href=\"/status.json\">JSON</a> &middot; <a href=\"/metrics\">metrics</a></p>\n")
                       .arg(htmlEscape(model.servedByName), htmlEscape(formatUtcMicros(model.dbNowUs)), QString::number(live),
                            QString::number(model.instances.size()), QString::number(held),
                            QString::number(model.pools.size()), QString::number(model.activeBans),
                            QString::number(kStatusRefreshSeconds));
    body += QStringLiteral("<h2>Instances</h2>\n") + instancesTable(model);
    body += QStringLiteral("<h2>Pools</h2>\n") + poolsTable(model);
    body += QStringLiteral("<h2>Recent mixes</h2>\n") + mixesTable(model);
    return htmlPage(QStringLiteral("Whirlpool cluster status"), QStringLiteral("Whirlpool cluster status"), body,
                    kStatusRefreshSeconds);
}

QByteArray statusUnavailableHtml(const QString &instanceName, const QString &reason)
{
    const QString body = QStringLiteral("<p class=\"msg bad\">The cluster database cannot be read right now (%1), so the "
                                        "cluster status is unknown. This page tries again every %2 s.</p>\n"
                                        "<p class=\"meta\">Served by <b>%3</b>.</p>\n")
                             .arg(htmlEscape(reason), QString::number(kStatusRefreshSeconds), htmlEscape(instanceName));
    return htmlPage(QStringLiteral("Whirlpool cluster status: database unavailable"),
                    QStringLiteral("Whirlpool cluster status"), body, kStatusRefreshSeconds);
}

} // namespace wp::server::status
