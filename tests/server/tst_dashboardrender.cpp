// The dashboard's pure parts on fixed input: HTML escaping of hostile rows, the
// Prometheus exposition (HELP/TYPE, label escaping, values), the stats snapshot JSON,
// admin password hashes, forms, sessions and the login throttle.
#include <status/adminforms.h>
#include <status/adminpages.h>
#include <status/adminsessions.h>
#include <status/html.h>
#include <status/metrics.h>
#include <status/passwordhash.h>
#include <status/statuspage.h>
#include <status/statssnapshot.h>
#include <status/statusreport.h>

#include <mix/mix.h>
#include <mix/poolconfig.h>

#include <crypto/hash.h>
#include <crypto/rsablind.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace wp;
using namespace wp::server;
using namespace wp::server::status;

namespace {

const QString kHostileName = QStringLiteral("<script>alert('x')</script>&\"evil\"");
const QString kHostileUrl = QStringLiteral("javascript:alert(document.cookie)");
const QString kQuoteUrl = QStringLiteral("http://evil.example/\"><script>alert(1)</script>");

QString idOf(char c) { return QString(32, QLatin1Char(c)); }

/// Three instances (one hostile), four pools, two recent mixes.
StatusReport fixedReport()
{
    StatusReport r;
    r.cluster.dbNowUs = 1'714'566'896'000'000; // 2024-05-01 12:34:56 UTC

    cluster::InstanceInfo alpha;
    alpha.id = idOf('a');
    alpha.name = QStringLiteral("alpha");
    alpha.urlClear = QStringLiteral("http://alpha.example:8080");
    alpha.urlOnion = QStringLiteral("http://alphaonion.onion");
    alpha.version = QStringLiteral("0.3.0");
    alpha.state = QStringLiteral("active");
    alpha.startedAtUs = r.cluster.dbNowUs - 3'600'000'000LL;
    alpha.heartbeatAgeMs = 250;
    alpha.live = true;
    InstanceStats alphaStats;
    alphaStats.connectedClients = 17;
    alphaStats.mixesSucceeded = 4;
    alphaStats.mixesFailed = 1;
    PoolStats p1;
    p1.poolId = QStringLiteral("0.01btc");
    p1.epoch = 3;
    p1.phase = QStringLiteral("CONFIRM_INPUT");
    p1.anonymitySet = 5;
    p1.registered = 4;
    p1.confirmed = 3;
    p1.mustMix = 2;
    p1.liquidity = 1;
    p1.queued = 9;
    alphaStats.pools = {p1};
    alpha.stats = statsToJson(alphaStats);

    cluster::InstanceInfo hostile;
    hostile.id = idOf('b');
    hostile.name = kHostileName;
    hostile.urlClear = kHostileUrl;
    hostile.urlOnion = kQuoteUrl;
    hostile.version = QStringLiteral("<b>9</b>");
    hostile.state = QStringLiteral("active");
    hostile.heartbeatAgeMs = 1200;
    hostile.live = true;
    hostile.stats = QJsonObject{{QStringLiteral("clients"), -5},
                                {QStringLiteral("pools"), QJsonArray{QJsonObject{{QStringLiteral("poolId"), QStringLiteral("0.05btc")},
                                                                                 {QStringLiteral("phase"), QStringLiteral("<i>SIGNING</i>")},
                                                                                 {QStringLiteral("registered"), 1e12}}}}};

    cluster::InstanceInfo dead;
    dead.id = idOf('c');
    dead.name = QStringLiteral("gamma");
    dead.urlClear = QStringLiteral("http://gamma.example");
    dead.state = QStringLiteral("stopped");
    dead.heartbeatAgeMs = 600'000;
    dead.live = false;
    r.cluster.instances = {alpha, hostile, dead};

    auto lease = [](const char *pool, const QString &owner, qint64 epoch, bool held) {
        cluster::LeaseInfo l;
        l.poolId = QLatin1String(pool);
        l.instanceId = owner;
        l.epoch = epoch;
        l.held = held;
        l.expiresInMs = held ? 2000 : -5000;
        return l;
    };
    r.cluster.leases = {lease("0.001btc", idOf('c'), 7, false), lease("0.01btc", idOf('a'), 3, true),
                        lease("0.05btc", idOf('b'), 2, true), lease("0.5btc", idOf('a'), 1, true)};

    RecentMix ok;
    ok.createdAtUs = r.cluster.dbNowUs - 60'000'000;
    ok.poolId = QStringLiteral("0.01btc");
    ok.instanceId = idOf('a');
    ok.instanceName = QStringLiteral("alpha");
    ok.status = QStringLiteral("SUCCESS");
    ok.anonymitySet = 5;
    ok.durationS = 42;
    RecentMix failed = ok;
    failed.instanceId = idOf('d');
    failed.instanceName.clear(); // its instance row was deleted
    failed.status = QStringLiteral("FAIL");
    failed.failReason = QStringLiteral("<DISCONNECT>");
    r.recentMixes = {ok, failed};
    r.activeBans = 12;
    return r;
}

/// Checks the exposition line by line against the text format 0.0.4 and returns the
/// samples as "name{labels}" -> value text.
QHash<QString, QString> parseExposition(const QByteArray &text, QStringList *errors)
{
    static const QRegularExpression kHelp(QStringLiteral(R"(^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$)"));
    static const QRegularExpression kType(QStringLiteral(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (gauge|counter)$)"));
    static const QRegularExpression kSample(QStringLiteral(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (\S+)$)"));
    QHash<QString, QString> samples;
    QSet<QString> typed;
    QSet<QString> helped;
    QString current;
    if (!text.endsWith('\n'))
        errors->append(QStringLiteral("no final newline"));
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        if (auto m = kHelp.match(line); m.hasMatch()) {
            if (helped.contains(m.captured(1)))
                errors->append(QStringLiteral("HELP twice: ") + line);
            helped.insert(m.captured(1));
            current = m.captured(1);
            continue;
        }
        if (auto m = kType.match(line); m.hasMatch()) {
            if (typed.contains(m.captured(1)) || m.captured(1) != current)
                errors->append(QStringLiteral("TYPE twice or without its HELP: ") + line);
            typed.insert(m.captured(1));
            continue;
        }
        auto m = kSample.match(line);
        if (!m.hasMatch()) {
            errors->append(QStringLiteral("not a sample: ") + line);
            continue;
        }
        if (m.captured(1) != current || !typed.contains(current))
            errors->append(QStringLiteral("sample outside its family: ") + line);
        bool numeric = false;
        m.captured(7).toDouble(&numeric);
        if (!numeric && m.captured(7) != QLatin1String("NaN") && !m.captured(7).endsWith(QLatin1String("Inf")))
            errors->append(QStringLiteral("bad value: ") + line);
        const QString key = line.left(line.lastIndexOf(QLatin1Char(' ')));
        if (samples.contains(key))
            errors->append(QStringLiteral("duplicate series: ") + key);
        samples.insert(key, m.captured(7));
    }
    return samples;
}

} // namespace

class TestDashboardRender : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void htmlEscapeCoversEverySpecialCharacter()
    {
        QCOMPARE(htmlEscape(u"<a href=\"x\" onclick='y'>&amp;</a>"),
                 QStringLiteral("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"));
        const QString controls = QStringLiteral("a") + QChar(0) + QStringLiteral("b\u001bc\u007fd\u0085\te\nf");
        QCOMPARE(htmlEscape(controls), QStringLiteral("abcd\te\nf"));
        QCOMPARE(htmlEscape(u"Zürich ₿"), QStringLiteral("Zürich ₿"));
        // Only absolute http(s) URLs become links.
        QCOMPARE(htmlLink(kHostileUrl), htmlEscape(kHostileUrl));
        QVERIFY(!htmlLink(kHostileUrl).contains(QLatin1String("href")));
        QCOMPARE(htmlLink(QStringLiteral("data:text/html,<script>")), QStringLiteral("data:text/html,&lt;script&gt;"));
        QVERIFY(htmlLink(QStringLiteral("https://ok.example/")).startsWith(QLatin1String("<a href=\"https://ok.example/\"")));
        QVERIFY(!htmlLink(kQuoteUrl).contains(QLatin1String("\"><script")));
    }

    void statusPageEscapesHostileRows()
    {
        const StatusModel model = buildStatusModel(fixedReport(), idOf('a'), QStringLiteral("alpha"));
        const QString html = QString::fromUtf8(statusHtml(model));
        QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
        QVERIFY(html.contains(QLatin1String("<meta http-equiv=\"refresh\" content=\"5\">")));
        // Nothing a hostile row carries reaches the page as markup.
        QVERIFY2(!html.contains(QLatin1String("<script")), qPrintable(html));
        QVERIFY(!html.contains(QLatin1String("<i>SIGNING")));
        QVERIFY(!html.contains(QLatin1String("<b>9")));
        QVERIFY(!html.contains(QLatin1String("href=\"javascript")));
        QVERIFY(!html.contains(QLatin1String("<DISCONNECT>")));
        QVERIFY(html.contains(htmlEscape(kHostileName)));
        QVERIFY(html.contains(QLatin1String("&lt;i&gt;SIGNING&lt;/i&gt;")));
        QVERIFY(html.contains(QLatin1String("&lt;DISCONNECT&gt;")));
        // What the page must show: every instance, its state, every pool with its owner.
        for (const char *text : {"alpha", "gamma", "aaaaaaaa", "0.001btc", "0.01btc", "0.05btc", "0.5btc",
                                 "0.01btc (3), 0.5btc (1)", "CONFIRM_INPUT", "none (being taken over)",
                                 "<a href=\"http://alpha.example:8080\"", "2024-05-01 12:34:56", "12 active bans",
                                 "dddddddd", ">down</span> stopped"})
            QVERIFY2(html.contains(QLatin1String(text)), text);
        // No external asset, no script.
        QVERIFY(!html.contains(QLatin1String("src=")));
        QVERIFY(!html.contains(QLatin1String("<link")));

        const QString down = QString::fromUtf8(statusUnavailableHtml(kHostileName, QStringLiteral("database error 2003")));
        QVERIFY(!down.contains(QLatin1String("<script")));
        QVERIFY(down.contains(QLatin1String("database error 2003")));
    }

    void statusJsonAgreesWithTheLeases()
    {
        const StatusModel model = buildStatusModel(fixedReport(), idOf('a'), QStringLiteral("alpha"));
        const QJsonObject json = QJsonDocument::fromJson(QJsonDocument(statusJson(model)).toJson()).object();
        QCOMPARE(json.value(QLatin1String("servedBy")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("alpha"));
        QCOMPARE(json.value(QLatin1String("activeBans")).toInt(), 12);
        QCOMPARE(json.value(QLatin1String("dbTime")).toString(), QStringLiteral("2024-05-01T12:34:56.000Z"));

        const QJsonArray instances = json.value(QLatin1String("instances")).toArray();
        QCOMPARE(instances.size(), 3);
        const QJsonObject a = instances[0].toObject();
        QCOMPARE(a.value(QLatin1String("name")).toString(), QStringLiteral("alpha"));
        QCOMPARE(a.value(QLatin1String("live")).toBool(), true);
        QCOMPARE(a.value(QLatin1String("connectedClients")).toInt(), 17);
        QCOMPARE(a.value(QLatin1String("heartbeatAgeMs")).toInt(), 250);
        QCOMPARE(a.value(QLatin1String("pools")).toArray().size(), 2);
        QCOMPARE(instances[1].toObject().value(QLatin1String("connectedClients")).toInt(), 0); // -5 clamped
        QCOMPARE(instances[2].toObject().value(QLatin1String("live")).toBool(), false);
        QVERIFY(!instances[0].toObject().contains(QLatin1String("stats"))); // the raw row is not echoed

        QHash<QString, QString> owners;
        for (const QJsonValue &v : json.value(QLatin1String("pools")).toArray()) {
            const QJsonObject p = v.toObject();
            owners.insert(p.value(QLatin1String("poolId")).toString(),
                          p.value(QLatin1String("owner")).toObject().value(QLatin1String("name")).toString());
            if (p.value(QLatin1String("poolId")).toString() == QLatin1String("0.01btc")) {
                QCOMPARE(p.value(QLatin1String("phase")).toString(), QStringLiteral("CONFIRM_INPUT"));
                QCOMPARE(p.value(QLatin1String("registered")).toInt(), 4);
                QCOMPARE(p.value(QLatin1String("confirmed")).toInt(), 3);
                QCOMPARE(p.value(QLatin1String("queued")).toInt(), 9);
                QCOMPARE(p.value(QLatin1String("epoch")).toInt(), 3);
            }
            if (p.value(QLatin1String("poolId")).toString() == QLatin1String("0.001btc")) {
                QVERIFY(p.value(QLatin1String("owner")).isNull());
                QCOMPARE(p.value(QLatin1String("held")).toBool(), false);
            }
        }
        const QHash<QString, QString> expected{{QStringLiteral("0.001btc"), QString()},
                                               {QStringLiteral("0.01btc"), QStringLiteral("alpha")},
                                               {QStringLiteral("0.05btc"), kHostileName},
                                               {QStringLiteral("0.5btc"), QStringLiteral("alpha")}};
        QCOMPARE(owners, expected);

        const QJsonArray mixes = json.value(QLatin1String("recentMixes")).toArray();
        QCOMPARE(mixes.size(), 2);
        const QStringList keys = mixes[0].toObject().keys();
        QCOMPARE(keys, (QStringList{"anonymitySet", "durationS", "failReason", "instanceId", "instanceName", "poolId",
                                    "status", "time"}));
    }

    void metricsFollowTheTextFormat()
    {
        const StatusModel model = buildStatusModel(fixedReport(), idOf('a'), QStringLiteral("alpha"));
        LocalMetrics local;
        local.instanceName = QStringLiteral("alpha");
        local.pools = {{QStringLiteral("0.01btc"), 4, 1}, {QStringLiteral("0.5btc"), 0, 0}};
        cluster::MemberCounters counters;
        counters.cycles = 1234;
        counters.failedCycles = 2;
        counters.fences = 1;
        counters.claimsWon = 3;
        counters.claimsMissed = 5;
        counters.lastRenewUs = 1500;
        counters.maxRenewUs = 250000;
        local.cluster = counters;
        const QByteArray text = renderMetrics(&model, local);

        QStringList errors;
        const QHash<QString, QString> s = parseExposition(text, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n')) + QLatin1Char('\n') + QString::fromUtf8(text)));

        const QByteArray hostile = PrometheusWriter::escapeLabelValue(kHostileName);
        QCOMPARE(hostile, QByteArray("<script>alert('x')</script>&\\\"evil\\\""));
        const QString h = QString::fromUtf8(hostile);
        QCOMPARE(s.value(QStringLiteral("whirlpool_status_db_up{instance=\"alpha\"}")), QStringLiteral("1"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_up{instance=\"alpha\"}")), QStringLiteral("1"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_up{instance=\"%1\"}").arg(h)), QStringLiteral("1"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_up{instance=\"gamma\"}")), QStringLiteral("0"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_heartbeat_age_seconds{instance=\"alpha\"}")), QStringLiteral("0.25"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_heartbeat_age_seconds{instance=\"gamma\"}")), QStringLiteral("600"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_pools_owned{instance=\"alpha\"}")), QStringLiteral("2"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_pools_owned{instance=\"gamma\"}")), QStringLiteral("0"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_connected_clients{instance=\"alpha\"}")), QStringLiteral("17"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_active_bans")), QStringLiteral("12"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_mix_phase{pool=\"0.01btc\",instance=\"alpha\"}")), QStringLiteral("1"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_mix_phase{pool=\"0.05btc\",instance=\"%1\"}").arg(h)), QStringLiteral("0"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_mix_phase{pool=\"0.001btc\",instance=\"\"}")), QStringLiteral("0"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_inputs_registered{pool=\"0.01btc\",instance=\"alpha\"}")), QStringLiteral("4"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_inputs_registered{pool=\"0.05btc\",instance=\"%1\"}").arg(h)),
                 QStringLiteral("1000000000")); // clamped
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_inputs_confirmed{pool=\"0.01btc\",instance=\"alpha\"}")), QStringLiteral("3"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_inputs_queued{pool=\"0.01btc\",instance=\"alpha\"}")), QStringLiteral("9"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_pool_lease_epoch{pool=\"0.001btc\",instance=\"\"}")), QStringLiteral("7"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_mixes_succeeded_total{pool=\"0.01btc\",instance=\"alpha\"}")), QStringLiteral("4"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_mixes_failed_total{pool=\"0.01btc\",instance=\"alpha\"}")), QStringLiteral("1"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_mixes_failed_total{pool=\"0.5btc\",instance=\"alpha\"}")), QStringLiteral("0"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_cluster_lease_cycles_total{instance=\"alpha\"}")), QStringLiteral("1234"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_cluster_lease_cycles_failed_total{instance=\"alpha\"}")), QStringLiteral("2"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_cluster_fences_total{instance=\"alpha\"}")), QStringLiteral("1"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_cluster_claims_won_total{instance=\"alpha\"}")), QStringLiteral("3"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_cluster_claims_missed_total{instance=\"alpha\"}")), QStringLiteral("5"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_cluster_renew_last_seconds{instance=\"alpha\"}")), QStringLiteral("0.0015"));
        QCOMPARE(s.value(QStringLiteral("whirlpool_cluster_renew_max_seconds{instance=\"alpha\"}")), QStringLiteral("0.25"));
        // Counters are typed as counters, the rest as gauges.
        QVERIFY(text.contains("# TYPE whirlpool_mixes_succeeded_total counter\n"));
        QVERIFY(text.contains("# TYPE whirlpool_cluster_fences_total counter\n"));
        QVERIFY(text.contains("# TYPE whirlpool_instance_up gauge\n"));
        QVERIFY(text.contains("# HELP whirlpool_pool_mix_phase Phase of the pool's current mix: 0 none, 1 CONFIRM_INPUT"));

        // Without the database: this process's series only, db_up 0, still well formed.
        const QByteArray offline = renderMetrics(nullptr, local);
        QStringList offlineErrors;
        const auto o = parseExposition(offline, &offlineErrors);
        QVERIFY2(offlineErrors.isEmpty(), qPrintable(offlineErrors.join(QLatin1Char('\n'))));
        QCOMPARE(o.value(QStringLiteral("whirlpool_status_db_up{instance=\"alpha\"}")), QStringLiteral("0"));
        QVERIFY(!offline.contains("whirlpool_instance_up"));
        QVERIFY(offline.contains("whirlpool_cluster_lease_cycles_total{instance=\"alpha\"} 1234\n"));
    }

    void metricsWriterEscapesAndFormats()
    {
        QCOMPARE(PrometheusWriter::escapeLabelValue(u"a\"b\\c\nd"), QByteArray("a\\\"b\\\\c\\nd"));
        QCOMPARE(PrometheusWriter::escapeHelp(u"line\\one\nline \"two\""), QByteArray("line\\\\one\\nline \"two\""));
        QCOMPARE(PrometheusWriter::formatValue(0), QByteArray("0"));
        QCOMPARE(PrometheusWriter::formatValue(-3), QByteArray("-3"));
        QCOMPARE(PrometheusWriter::formatValue(0.125), QByteArray("0.125"));
        QCOMPARE(PrometheusWriter::formatValue(std::nan("")), QByteArray("NaN"));
        QCOMPARE(PrometheusWriter::formatValue(HUGE_VAL), QByteArray("+Inf"));
        QCOMPARE(PrometheusWriter::formatValue(-HUGE_VAL), QByteArray("-Inf"));

        PrometheusWriter w;
        w.family("test_metric", "gauge", QStringLiteral("A test\nwith two lines"));
        w.sample({{"pool", QStringLiteral("a\"b")}, {"instance", QStringLiteral("x\\y\nz")}}, qint64(42));
        w.sample({}, quint64(18446744073709551615ULL));
        QCOMPARE(w.text(), QByteArray("# HELP test_metric A test\\nwith two lines\n"
                                      "# TYPE test_metric gauge\n"
                                      "test_metric{pool=\"a\\\"b\",instance=\"x\\\\y\\nz\"} 42\n"
                                      "test_metric 18446744073709551615\n"));
        QCOMPARE(mixPhaseValue(QStringLiteral("SIGNING")), 4);
        QCOMPARE(mixPhaseValue(QStringLiteral("FAIL")), 6);
        QCOMPARE(mixPhaseValue(QString()), 0);
        QCOMPARE(mixPhaseValue(QStringLiteral("<i>SIGNING</i>")), 0);
    }

    void metricsKeepOneSeriesPerInstanceName()
    {
        // A restarted instance leaves its old (stopped) row behind with the same name.
        StatusReport report = fixedReport();
        cluster::InstanceInfo old = report.cluster.instances[0];
        old.id = idOf('e');
        old.live = false;
        old.state = QStringLiteral("stopped");
        old.heartbeatAgeMs = 900'000;
        report.cluster.instances.append(old); // older heartbeat: listed after
        const StatusModel model = buildStatusModel(report, idOf('a'), QStringLiteral("alpha"));
        QStringList errors;
        const auto s = parseExposition(renderMetrics(&model, LocalMetrics{QStringLiteral("alpha"), {}, {}}), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(s.value(QStringLiteral("whirlpool_instance_up{instance=\"alpha\"}")), QStringLiteral("1"));
    }

    void statsSnapshotShape()
    {
        mix::PoolConfig pool;
        pool.poolId = QStringLiteral("0.01btc");
        pool.denomination = 1'000'000;
        pool.minerFeeMin = 170;
        pool.minerFeeCap = 9'690;
        pool.minerFeeMax = 19'125;
        pool.anonymitySet = 5;
        pool.minMustMix = 2;
        pool.minLiquidity = 1;
        auto key = std::make_shared<const crypto::RsaKeyPair>(crypto::RsaKeyPair::generate());
        mix::Mix m(pool, mix::MixTimings{}, QStringLiteral("mix-1"), key, 0);
        auto input = [](int n, bool liquidity) {
            mix::RegisteredInput in;
            in.sessionId = QStringLiteral("s%1").arg(n);
            in.outpoint = btc::OutPoint{*btc::Txid::fromBytes(crypto::sha256(QByteArray::number(n))), 0};
            in.liquidity = liquidity;
            in.prevout = btc::TxOut{liquidity ? 1'000'000 : 1'000'300,
                                    btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(QByteArray::number(n))))};
            return in;
        };
        m.addConfirming(input(1, false), 0);
        m.addConfirming(input(2, false), 0);
        m.addConfirming(input(3, true), 0);
        QCOMPARE(int(m.confirmInput(QStringLiteral("s1"), QStringLiteral("u1")).verdict), int(mix::Mix::ConfirmVerdict::Accept));
        QCOMPARE(int(m.confirmInput(QStringLiteral("s3"), QStringLiteral("u3")).verdict), int(mix::Mix::ConfirmVerdict::Accept));

        const PoolStats s = poolStatsOf(pool, 7, &m, 11);
        QCOMPARE(s.poolId, QStringLiteral("0.01btc"));
        QCOMPARE(s.epoch, 7);
        QCOMPARE(s.phase, QStringLiteral("CONFIRM_INPUT"));
        QCOMPARE(s.anonymitySet, 5);
        QCOMPARE(s.registered, 3); // 2 confirmed + 1 still confirming
        QCOMPARE(s.confirmed, 2);
        QCOMPARE(s.mustMix, 1);
        QCOMPARE(s.liquidity, 1);
        QCOMPARE(s.queued, 11);
        const PoolStats idle = poolStatsOf(pool, 7, nullptr, 0);
        QVERIFY(idle.phase.isEmpty());
        QCOMPARE(idle.registered, 0);

        InstanceStats stats;
        stats.connectedClients = 3;
        stats.mixesSucceeded = 2;
        stats.mixesFailed = 1;
        PoolStats counted = s;
        counted.mixesSucceeded = 2;
        counted.mixesFailed = 1;
        stats.pools = {counted};
        const QJsonObject json = statsToJson(stats);
        QCOMPARE(json.keys(), (QStringList{"clients", "mixesFailed", "mixesSucceeded", "pools", "version"}));
        QCOMPARE(json.value(QLatin1String("version")).toInt(), 1);
        const QJsonObject p = json.value(QLatin1String("pools")).toArray().first().toObject();
        QCOMPARE(p.keys(), (QStringList{"anonymitySet", "confirmed", "epoch", "liquidity", "mixesFailed", "mixesSucceeded",
                                        "mustMix", "phase", "poolId", "queued", "registered"}));
        // Through the database column and back (ClusterMember adds "leases").
        QJsonObject published = QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact)).object();
        published.insert(QStringLiteral("leases"), QJsonObject{{QStringLiteral("0.01btc"), 7}});
        QCOMPARE(statsFromJson(published), stats);
        // Nothing identifying an input is published.
        const QByteArray text = QJsonDocument(json).toJson();
        QVERIFY(!text.contains("s1") && !text.contains(key->fingerprint().toHex()));

        // Hostile or foreign snapshots never break the reader.
        QCOMPARE(statsFromJson(QJsonObject{}), InstanceStats{});
        const InstanceStats odd = statsFromJson(QJsonObject{
            {QStringLiteral("clients"), QStringLiteral("many")},
            {QStringLiteral("mixesSucceeded"), -1},
            {QStringLiteral("pools"), QJsonArray{QJsonObject{{QStringLiteral("poolId"), QString(500, QLatin1Char('x'))},
                                                             {QStringLiteral("queued"), 1e300}},
                                                 QJsonObject{}, 42, QStringLiteral("x")}}});
        QCOMPARE(odd.connectedClients, 0);
        QCOMPARE(odd.mixesSucceeded, 0u);
        QCOMPARE(odd.pools.size(), 1);
        QCOMPARE(odd.pools[0].poolId.size(), 100);
        QCOMPARE(odd.pools[0].queued, 1'000'000'000);
        QJsonArray many;
        for (int i = 0; i < 1000; ++i)
            many.append(QJsonObject{{QStringLiteral("poolId"), QString::number(i)}});
        QCOMPARE(statsFromJson(QJsonObject{{QStringLiteral("pools"), many}}).pools.size(), 100);
    }

    void passwordHashFormatAndVerify()
    {
        const QString hash = hashPassword(u"correct horse battery", kPasswordMinIterations);
        static const QRegularExpression kFormat(QStringLiteral("^pbkdf2-sha512\\$100000\\$[0-9a-f]{32}\\$[0-9a-f]{128}$"));
        QVERIFY2(kFormat.match(hash).hasMatch(), qPrintable(hash));
        QVERIFY(verifyPassword(u"correct horse battery", hash));
        QVERIFY(!verifyPassword(u"correct horse batterY", hash));
        QVERIFY(!verifyPassword(u"", hash));
        // A fresh salt each time.
        const QString again = hashPassword(u"correct horse battery", kPasswordMinIterations);
        QVERIFY(again != hash);
        QVERIFY(verifyPassword(u"correct horse battery", again));
        // The default is above the minimum, and parses back.
        const auto parsed = parsePasswordHash(hash);
        QVERIFY(parsed);
        QCOMPARE(parsed->iterations, kPasswordMinIterations);
        QCOMPARE(parsed->salt.size(), 16);
        QCOMPARE(parsed->hash.size(), 64);
        QVERIFY(kPasswordDefaultIterations >= 100'000);
        // Unicode passwords are hashed as UTF-8.
        const QString unicode = hashPassword(u"pässwörd-₿-12345", kPasswordMinIterations);
        QVERIFY(verifyPassword(u"pässwörd-₿-12345", unicode));
        QVERIFY(!verifyPassword(u"passwort-B-12345", unicode));

        // The unmatchable hash is well formed and matches nothing typical.
        QVERIFY(parsePasswordHash(unmatchablePasswordHash()));
        QVERIFY(!verifyPassword(u"", unmatchablePasswordHash()));
        QVERIFY(!verifyPassword(u"password", unmatchablePasswordHash()));

        QCOMPARE(passwordProblem(u"short"), QStringLiteral("the password must have at least 12 characters"));
        QVERIFY(passwordProblem(u"twelve chars").isEmpty());
    }

    void garbagePasswordHashesNeverVerify_data()
    {
        QTest::addColumn<QString>("stored");
        const QString salt(32, QLatin1Char('a'));
        const QString hash(128, QLatin1Char('b'));
        QTest::newRow("empty") << QString();
        QTest::newRow("plain text") << QStringLiteral("correct horse battery");
        QTest::newRow("dollars") << QStringLiteral("$$$");
        QTest::newRow("many dollars") << QStringLiteral("pbkdf2-sha512$100000$%1$%2$").arg(salt, hash);
        QTest::newRow("other scheme") << QStringLiteral("bcrypt$100000$%1$%2").arg(salt, hash);
        QTest::newRow("few iterations") << QStringLiteral("pbkdf2-sha512$1$%1$%2").arg(salt, hash);
        QTest::newRow("zero iterations") << QStringLiteral("pbkdf2-sha512$0$%1$%2").arg(salt, hash);
        QTest::newRow("negative iterations") << QStringLiteral("pbkdf2-sha512$-100000$%1$%2").arg(salt, hash);
        QTest::newRow("plus iterations") << QStringLiteral("pbkdf2-sha512$+100000$%1$%2").arg(salt, hash);
        QTest::newRow("huge iterations") << QStringLiteral("pbkdf2-sha512$999999999999$%1$%2").arg(salt, hash);
        QTest::newRow("too many iterations") << QStringLiteral("pbkdf2-sha512$900000000$%1$%2").arg(salt, hash);
        QTest::newRow("salt not hex") << QStringLiteral("pbkdf2-sha512$100000$%1$%2").arg(QString(32, QLatin1Char('z')), hash);
        QTest::newRow("salt odd") << QStringLiteral("pbkdf2-sha512$100000$abc$%1").arg(hash);
        QTest::newRow("salt short") << QStringLiteral("pbkdf2-sha512$100000$abcd$%1").arg(hash);
        QTest::newRow("hash short") << QStringLiteral("pbkdf2-sha512$100000$%1$abcd").arg(salt);
        QTest::newRow("hash long") << QStringLiteral("pbkdf2-sha512$100000$%1$%2bb").arg(salt, hash);
        QTest::newRow("hash empty") << QStringLiteral("pbkdf2-sha512$100000$%1$").arg(salt);
        QTest::newRow("nul") << QStringLiteral("pbkdf2-sha512$100000$%1$%2").arg(salt, hash).replace(20, 1, QChar(0));
        QTest::newRow("very long") << QString(100000, QLatin1Char('$'));
    }

    void garbagePasswordHashesNeverVerify()
    {
        QFETCH(QString, stored);
        QVERIFY(!parsePasswordHash(stored));
        QVERIFY(!verifyPassword(u"correct horse battery", stored));
    }

    void formsAndCookies()
    {
        const auto form = parseFormUrlEncoded("login=ad+min&password=p%40ss%2Bw%C3%B6rd&empty=&flag&login=second");
        QVERIFY(form);
        QCOMPARE(form->value(QStringLiteral("login")), QStringLiteral("ad min"));
        QCOMPARE(form->value(QStringLiteral("password")), QStringLiteral("p@ss+wörd"));
        QVERIFY(form->contains(QStringLiteral("empty")) && form->contains(QStringLiteral("flag")));
        QVERIFY(!parseFormUrlEncoded("x=%FF%FE"));
        QVERIFY(parseFormUrlEncoded("")->isEmpty());
        QVERIFY(!parseFormUrlEncoded(QByteArray("b=2&").repeated(70))); // more than 64 fields

        QCOMPARE(cookieValue("a=1; wp_admin=abc; other=2", "wp_admin"), QByteArray("abc"));
        QCOMPARE(cookieValue("wp_admin_x=1;wp_admin=z", "wp_admin"), QByteArray("z"));
        QVERIFY(cookieValue("a=1", "wp_admin").isNull());
        QVERIFY(cookieValue("", "wp_admin").isNull());

        const QString txid = QStringLiteral("AB") + QString(62, QLatin1Char('0'));
        QCOMPARE(*normalizeTxid(QStringLiteral("  %1 ").arg(txid)), txid.toLower());
        QVERIFY(!normalizeTxid(txid.left(63)));
        QVERIFY(!normalizeTxid(txid.left(63) + QLatin1Char('g')));
        QCOMPARE(*normalizeBanIdentifier(txid + QStringLiteral(":7")), txid.toLower() + QStringLiteral(":7"));
        QCOMPARE(*normalizeBanIdentifier(txid + QStringLiteral(":4294967295")), txid.toLower() + QStringLiteral(":4294967295"));
        QCOMPARE(*normalizeBanIdentifier(txid), txid.toLower());
        for (const QString &bad : {txid + QStringLiteral(":"), txid + QStringLiteral(":-1"), txid + QStringLiteral(":4294967296"),
                                   txid + QStringLiteral(":1:2"), txid + QStringLiteral(": 1"), txid + QStringLiteral(":+1"),
                                   QStringLiteral("xyz:1"), QString(), QStringLiteral("<script>")})
            QVERIFY2(!normalizeBanIdentifier(bad), qPrintable(bad));
        QVERIFY(normalizeBanIdentifier(QStringLiteral("nope:1")).error().message.contains(QLatin1String("txid:index")));

        auto ban = parseBanForm({{QStringLiteral("utxo"), txid + QStringLiteral(":1")},
                                 {QStringLiteral("expiry"), QStringLiteral("90")},
                                 {QStringLiteral("response"), QStringLiteral(" Contact support. ")}});
        QVERIFY(ban);
        QCOMPARE(ban->expiryMinutes, 90);
        QCOMPARE(ban->response, QStringLiteral("Contact support."));
        auto permanent = parseBanForm({{QStringLiteral("utxo"), txid + QStringLiteral(":1")}});
        QVERIFY(permanent && !permanent->expiryMinutes);
        QVERIFY(!parseBanForm({{QStringLiteral("utxo"), txid + QStringLiteral(":1")}, {QStringLiteral("expiry"), QStringLiteral("0")}}));
        QVERIFY(!parseBanForm({{QStringLiteral("utxo"), txid + QStringLiteral(":1")}, {QStringLiteral("expiry"), QStringLiteral("ten")}}));
        QVERIFY(!parseBanForm({{QStringLiteral("utxo"), txid + QStringLiteral(":1")}, {QStringLiteral("response"), QString(256, QLatin1Char('x'))}}));
        QVERIFY(!parseBanForm({{QStringLiteral("utxo"), txid + QStringLiteral(":1")}, {QStringLiteral("response"), QStringLiteral("a\nb")}}));
    }

    void sessionsAndThrottle()
    {
        AdminSessions sessions(1000, 3);
        const auto created = sessions.create(QStringLiteral("root"), 0);
        QCOMPARE(created.token.size(), 64);
        QCOMPARE(created.session.csrfToken.size(), 64);
        QVERIFY(created.token != created.session.csrfToken);
        QCOMPARE(sessions.find(created.token, 999)->login, QStringLiteral("root"));
        QVERIFY(!sessions.find(created.token, 1000)); // expired
        QCOMPARE(sessions.size(), 0);
        const auto s2 = sessions.create(QStringLiteral("root"), 2000);
        QVERIFY(!sessions.find(s2.token.left(63), 2000));
        QVERIFY(!sessions.find(QByteArray(64, '0'), 2000));
        QVERIFY(AdminSessions::csrfMatches(s2.session, s2.session.csrfToken));
        QVERIFY(!AdminSessions::csrfMatches(s2.session, created.session.csrfToken));
        QVERIFY(!AdminSessions::csrfMatches(s2.session, {}));
        QVERIFY(!AdminSessions::csrfMatches(s2.session, s2.session.csrfToken.left(63)));
        QVERIFY(sessions.remove(s2.token));
        QVERIFY(!sessions.find(s2.token, 2000));
        QVERIFY(!sessions.remove(s2.token));
        // Full: the oldest session goes.
        const auto a = sessions.create(QStringLiteral("a"), 3000);
        sessions.create(QStringLiteral("b"), 3001);
        sessions.create(QStringLiteral("c"), 3002);
        sessions.create(QStringLiteral("d"), 3003);
        QCOMPARE(sessions.size(), 3);
        QVERIFY(!sessions.find(a.token, 3004));

        LoginThrottle throttle(5, 60'000);
        const QHostAddress peer(QStringLiteral("192.0.2.7"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(throttle.tryAttempt(peer, 1000 + i), 0);
        QCOMPARE(throttle.tryAttempt(peer, 2000), 59'000);
        QCOMPARE(throttle.tryAttempt(QHostAddress(QStringLiteral("::ffff:192.0.2.7")), 2000), 59'000); // same peer
        QCOMPARE(throttle.tryAttempt(QHostAddress(QStringLiteral("192.0.2.8")), 2000), 0);             // another one
        QCOMPARE(throttle.tryAttempt(peer, 61'000), 0); // the first attempt left the window
        QVERIFY(throttle.tryAttempt(peer, 61'000) > 0);
        throttle.succeeded(peer); // a success takes its attempt back
        QCOMPARE(throttle.tryAttempt(peer, 61'000), 0);
        // IPv6 counts per /64.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(throttle.tryAttempt(QHostAddress(QStringLiteral("2001:db8::%1").arg(i + 1)), 0), 0);
        QVERIFY(throttle.tryAttempt(QHostAddress(QStringLiteral("2001:db8::ffff")), 0) > 0);
        QCOMPARE(throttle.tryAttempt(QHostAddress(QStringLiteral("2001:db8:0:1::1")), 0), 0);
    }

    void adminPageEscapesAndCarriesTheCsrfTokenInEveryForm()
    {
        AdminPage page;
        page.login = kHostileName;
        page.csrfToken = QByteArray(64, 'c');
        ActiveBan ban;
        ban.identifier = QStringLiteral("\"><script>x</script>");
        ban.response = QStringLiteral("<img src=x onerror=alert(1)>");
        page.data.bans = {ban, ban};
        page.data.activeBanCount = 2;
        page.data.whitelist = {WhitelistedTx0{QString(64, QLatin1Char('f')), 0}};
        page.notice = QStringLiteral("<b>bad</b>");
        page.noticeIsError = true;
        page.banForm = {{QStringLiteral("utxo"), QStringLiteral("\" autofocus onfocus=\"x")}};
        const QString html = QString::fromUtf8(adminHtml(page));
        QVERIFY(!html.contains(QLatin1String("<script")));
        QVERIFY(!html.contains(QLatin1String("<img")));
        QVERIFY(!html.contains(QLatin1String("<b>bad")));
        QVERIFY(!html.contains(QLatin1String("\" autofocus")));
        const int forms = int(html.count(QLatin1String("<form")));
        QCOMPARE(forms, 1 /*logout*/ + 2 /*ban removes*/ + 1 /*add ban*/ + 1 /*whitelist remove*/ + 1 /*whitelist add*/);
        QCOMPARE(int(html.count(QStringLiteral("name=\"csrf\" value=\"%1\"").arg(QString(64, QLatin1Char('c'))))), forms);
        QVERIFY(html.contains(QLatin1String("action=\"/admin/ban/add\"")));
        QVERIFY(html.contains(QLatin1String("action=\"/admin/whitelist/remove\"")));

        const QString login = QString::fromUtf8(adminLoginHtml(QStringLiteral("<x>"), QStringLiteral("\"><script>")));
        QVERIFY(!login.contains(QLatin1String("<script")) && !login.contains(QLatin1String("<x>")));
        QVERIFY(login.contains(QLatin1String("type=\"password\"")));
        QCOMPARE(adminNoticeText(QStringLiteral("ban-added")), QStringLiteral("The ban was added."));
        QVERIFY(adminNoticeText(QStringLiteral("<script>")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDashboardRender)
#include "tst_dashboardrender.moc"
