// The status dashboard, /status.json, /metrics and the admin pages of three real
// whirlpool-coordinator processes sharing one MariaDB: every instance shows the whole
// cluster, the figures agree with pool_lease, and an admin created with --add-admin
// bans an input on one instance that every other instance sees at once.
#include "e2ehelpers.h"

#include <db/dbconnection.h>

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <csignal>

using namespace wp;

namespace {

struct HttpResult {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    QString text() const { return QString::fromUtf8(body); }
};

/// One request, waited for; no redirect following and no cookie jar (cookies are explicit).
HttpResult http(QNetworkAccessManager &network, const QByteArray &method, const QString &url,
                const QByteArray &body = {}, const QByteArray &cookie = {})
{
    QNetworkRequest request{QUrl(url)};
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(15000);
    if (!cookie.isEmpty())
        request.setRawHeader("Cookie", cookie);
    if (method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    QNetworkReply *reply = method == "POST" ? network.post(request, body) : network.get(request);
    HttpResult out;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000)) {
        reply->abort();
        reply->deleteLater();
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}

QByteArray formEncode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &f : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(f.first) + '=' + QUrl::toPercentEncoding(f.second);
    }
    return out;
}

/// "wp_admin=<token>" from a Set-Cookie header.
QByteArray cookiePair(const QByteArray &setCookie) { return setCookie.split(';').first().trimmed(); }

QString csrfOf(const QString &page)
{
    static const QRegularExpression kCsrf(QStringLiteral("name=\"csrf\" value=\"([0-9a-f]{64})\""));
    return kCsrf.match(page).captured(1);
}

constexpr char kAdminPassword[] = "a long and secret admin password";

} // namespace

class TestClusterDashboard : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    std::vector<std::unique_ptr<test::CoordinatorProcess>> m_instances;
    std::unique_ptr<server::db::DbConnection> m_conn;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    const QStringList m_names{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};
    const QStringList m_pools{QStringLiteral("0.001btc"), QStringLiteral("0.01btc"), QStringLiteral("0.05btc"),
                              QStringLiteral("0.5btc")};

    QString url(int index) const { return m_instances[size_t(index)]->url(); }

    /// pool id -> (owner instance id, epoch) for leases valid now (DB clock).
    QHash<QString, QPair<QString, qint64>> leases()
    {
        QHash<QString, QPair<QString, qint64>> out;
        auto rows = m_conn->query("SELECT pool_id, instance_id, epoch FROM pool_lease WHERE expires_at > UTC_TIMESTAMP(6)");
        if (rows)
            for (const auto &row : *rows)
                out.insert(row.toString(0).value_or(QString()), {row.toString(1).value_or(QString()), row.toInt64(2).value_or(-1)});
        return out;
    }

    /// instance id -> name.
    QHash<QString, QString> instanceNames()
    {
        QHash<QString, QString> out;
        auto rows = m_conn->query("SELECT id, name FROM cluster_instance");
        if (rows)
            for (const auto &row : *rows)
                out.insert(row.toString(0).value_or(QString()), row.toString(1).value_or(QString()));
        return out;
    }

    /// pool id -> owner name.
    QHash<QString, QString> owners()
    {
        const auto names = instanceNames();
        QHash<QString, QString> out;
        const auto now = leases();
        for (auto it = now.cbegin(); it != now.cend(); ++it)
            out.insert(it.key(), names.value(it->first));
        return out;
    }

    bool spreadOverThree()
    {
        const QHash<QString, QString> now = owners();
        const QList<QString> names = now.values();
        return now.size() == 4 && QSet<QString>(names.begin(), names.end()).size() == 3;
    }

    /// Runs `whirlpool-coordinator --config <ini> --add-admin <login>`.
    struct ToolRun {
        int exitCode = -1;
        QString out;
        QString err;
    };
    ToolRun addAdmin(const QString &login, const std::optional<QString> &envPassword, const QByteArray &stdinText = {},
                     const QStringList &extraArgs = {})
    {
        const QString ini = m_dir.filePath(QStringLiteral("admin-tool.ini"));
        QFile file(ini);
        if (!file.exists()) {
            const test::DbAddress &a = m_db.address();
            (void)file.open(QIODevice::WriteOnly);
            file.write(QStringLiteral("[General]\nname = admin-tool\n[db]\nhost = %1\nport = %2\nuser = %3\npassword = %4\nname = %5\n")
                           .arg(a.host)
                           .arg(a.port)
                           .arg(a.user, a.password, a.database)
                           .toUtf8());
            file.close();
        }
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("WP_ADMIN_PASSWORD"));
        if (envPassword)
            env.insert(QStringLiteral("WP_ADMIN_PASSWORD"), *envPassword);
        process.setProcessEnvironment(env);
        process.start(test::CoordinatorProcess::binaryPath(),
                      QStringList{QStringLiteral("--config"), ini, QStringLiteral("--add-admin"), login} + extraArgs);
        ToolRun run;
        if (!process.waitForStarted(10000))
            return run;
        process.write(stdinText);
        process.closeWriteChannel();
        if (!process.waitForFinished(60000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    /// Logs in on instance @p index. Returns the cookie pair, or an empty array.
    QByteArray login(int index, const QString &password = QString::fromLatin1(kAdminPassword))
    {
        const HttpResult r = http(m_network, "POST", url(index) + QStringLiteral("/admin/login"),
                                  formEncode({{QStringLiteral("login"), QStringLiteral("root")},
                                              {QStringLiteral("password"), password}}));
        if (r.status != 303)
            return {};
        return cookiePair(r.header("Set-Cookie"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        for (const QString &name : m_names) {
            test::CoordinatorProcess::Config config = test::coordinatorConfig(name, m_db, m_node);
            config.extraIni = QStringLiteral("[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n");
            m_instances.push_back(std::make_unique<test::CoordinatorProcess>());
            auto started = m_instances.back()->start(config);
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        m_conn = std::make_unique<server::db::DbConnection>(test::dbConfigForCoordinator(m_db.address()));
        QVERIFY(m_conn->connect());
        QTRY_VERIFY_WITH_TIMEOUT(spreadOverThree(), 20000);
    }

    void statusPageOnEveryInstanceShowsTheWholeCluster()
    {
        const QHash<QString, QString> owner = owners();
        QCOMPARE(owner.size(), 4);
        for (int i = 0; i < 3; ++i) {
            // Every instance's snapshot must have reached the database once (first heartbeat after start).
            auto pageComplete = [&] {
                const HttpResult r = http(m_network, "GET", url(i) + QStringLiteral("/status"));
                if (r.status != 200 || !r.header("Content-Type").startsWith("text/html"))
                    return false;
                const QString html = r.text();
                for (const QString &name : m_names)
                    if (!html.contains(QStringLiteral("<td>%1").arg(name)))
                        return false;
                for (const QString &pool : m_pools)
                    if (!html.contains(QStringLiteral("<tr><td>%1</td><td>%2</td>").arg(pool, owner.value(pool))))
                        return false;
                return html.contains(QLatin1String("3 of 3 instances live")) && html.contains(QLatin1String("4 of 4 pools owned")) &&
                       html.contains(QStringLiteral("Served by <b>%1</b>").arg(m_names[i])) && !html.contains(QLatin1String("no live figures")) &&
                       html.count(QLatin1String("<td>CONFIRM_INPUT</td>")) == 4; // each pool's first mix exists (its RSA key is ready)
            };
            QTRY_VERIFY_WITH_TIMEOUT(pageComplete(), 10000);
        }
        const HttpResult r = http(m_network, "GET", url(0) + QStringLiteral("/status"));
        QVERIFY(r.header("Content-Security-Policy").contains("default-src 'none'"));
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
        QVERIFY(r.text().contains(QLatin1String("<meta http-equiv=\"refresh\"")));
    }

    void statusJsonAgreesWithPoolLease()
    {
        const auto lease = leases();
        const auto names = instanceNames();
        QCOMPARE(lease.size(), 4);
        for (int i = 0; i < 3; ++i) {
            const HttpResult r = http(m_network, "GET", url(i) + QStringLiteral("/status.json"));
            QCOMPARE(r.status, 200);
            QJsonParseError error;
            const QJsonObject json = QJsonDocument::fromJson(r.body, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(json.value(QLatin1String("servedBy")).toObject().value(QLatin1String("name")).toString(), m_names[i]);

            const QJsonArray pools = json.value(QLatin1String("pools")).toArray();
            QCOMPARE(pools.size(), 4);
            for (const QJsonValue &v : pools) {
                const QJsonObject p = v.toObject();
                const QString poolId = p.value(QLatin1String("poolId")).toString();
                QVERIFY2(lease.contains(poolId), qPrintable(poolId));
                const QJsonObject ownerObject = p.value(QLatin1String("owner")).toObject();
                QCOMPARE(p.value(QLatin1String("held")).toBool(), true);
                QCOMPARE(ownerObject.value(QLatin1String("id")).toString(), lease.value(poolId).first);
                QCOMPARE(ownerObject.value(QLatin1String("name")).toString(), names.value(lease.value(poolId).first));
                QCOMPARE(p.value(QLatin1String("epoch")).toInteger(), lease.value(poolId).second);
                QCOMPARE(p.value(QLatin1String("phase")).toString(), QStringLiteral("CONFIRM_INPUT"));
                QVERIFY(p.contains(QLatin1String("registered")) && p.contains(QLatin1String("confirmed")) &&
                        p.contains(QLatin1String("queued")) && p.contains(QLatin1String("mustMix")));
            }

            const QJsonArray instances = json.value(QLatin1String("instances")).toArray();
            QCOMPARE(instances.size(), 3);
            int ownedTotal = 0;
            for (const QJsonValue &v : instances) {
                const QJsonObject o = v.toObject();
                const QString id = o.value(QLatin1String("id")).toString();
                QCOMPARE(o.value(QLatin1String("name")).toString(), names.value(id));
                QCOMPARE(o.value(QLatin1String("live")).toBool(), true);
                QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("active"));
                QVERIFY(o.value(QLatin1String("heartbeatAgeMs")).toInteger() < 3000);
                QCOMPARE(o.value(QLatin1String("urlClear")).toString(),
                         url(int(m_names.indexOf(o.value(QLatin1String("name")).toString()))));
                for (const QJsonValue &owned : o.value(QLatin1String("pools")).toArray()) {
                    const QString poolId = owned.toObject().value(QLatin1String("poolId")).toString();
                    QCOMPARE(lease.value(poolId).first, id);
                    QCOMPARE(owned.toObject().value(QLatin1String("epoch")).toInteger(), lease.value(poolId).second);
                    ++ownedTotal;
                }
            }
            QCOMPARE(ownedTotal, 4);
            QVERIFY(json.value(QLatin1String("recentMixes")).isArray());
            QCOMPARE(json.value(QLatin1String("activeBans")).toInt(), 0);
        }
    }

    void metricsOnEveryInstance()
    {
        const QHash<QString, QString> owner = owners();
        // A client connected to beta shows up in everyone's metrics (through beta's heartbeat stats).
        test::ProbeClient probe(url(1));
        QVERIFY(probe.waitConnected());
        for (int i = 0; i < 3; ++i) {
            HttpResult r;
            auto complete = [&] {
                r = http(m_network, "GET", url(i) + QStringLiteral("/metrics"));
                const QString text = r.text();
                return r.status == 200 && text.contains(QLatin1String("whirlpool_instance_connected_clients{instance=\"beta\"} 1\n"));
            };
            QTRY_VERIFY_WITH_TIMEOUT(complete(), 10000);
            QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
            const QString text = r.text();
            QVERIFY(text.contains(QStringLiteral("whirlpool_status_db_up{instance=\"%1\"} 1\n").arg(m_names[i])));
            int owned = 0;
            for (const QString &name : m_names) {
                QVERIFY2(text.contains(QStringLiteral("whirlpool_instance_up{instance=\"%1\"} 1\n").arg(name)), qPrintable(name));
                QVERIFY(text.contains(QStringLiteral("whirlpool_instance_heartbeat_age_seconds{instance=\"%1\"} ").arg(name)));
                QVERIFY(text.contains(QStringLiteral("whirlpool_instance_connected_clients{instance=\"%1\"} ").arg(name)));
                const QRegularExpression ownedRe(QStringLiteral("whirlpool_instance_pools_owned\\{instance=\"%1\"\\} (\\d+)\n").arg(name));
                const auto m = ownedRe.match(text);
                QVERIFY2(m.hasMatch(), qPrintable(name));
                QCOMPARE(m.captured(1).toInt(), int(owner.keys(name).size()));
                owned += m.captured(1).toInt();
            }
            QCOMPARE(owned, 4);
            for (const QString &pool : m_pools) {
                const QString labels = QStringLiteral("{pool=\"%1\",instance=\"%2\"}").arg(pool, owner.value(pool));
                for (const char *family : {"whirlpool_pool_mix_phase", "whirlpool_pool_inputs_registered",
                                           "whirlpool_pool_inputs_confirmed", "whirlpool_pool_inputs_queued"})
                    QVERIFY2(text.contains(QLatin1String(family) + labels + QLatin1Char(' ')), qPrintable(QLatin1String(family) + labels));
                QVERIFY(text.contains(QStringLiteral("whirlpool_pool_mix_phase%1 1\n").arg(labels))); // CONFIRM_INPUT
                // This process's counters, for every configured pool.
                QVERIFY(text.contains(QStringLiteral("whirlpool_mixes_succeeded_total{pool=\"%1\",instance=\"%2\"} 0\n").arg(pool, m_names[i])));
                QVERIFY(text.contains(QStringLiteral("whirlpool_mixes_failed_total{pool=\"%1\",instance=\"%2\"} ").arg(pool, m_names[i])));
            }
            const QRegularExpression cycles(QStringLiteral("whirlpool_cluster_lease_cycles_total\\{instance=\"%1\"\\} (\\d+)\n").arg(m_names[i]));
            QVERIFY(cycles.match(text).hasMatch());
            QVERIFY(cycles.match(text).captured(1).toInt() > 0);
            for (const char *family : {"# TYPE whirlpool_cluster_lease_cycles_failed_total counter\n", "# TYPE whirlpool_cluster_fences_total counter\n",
                                       "# TYPE whirlpool_cluster_claims_won_total counter\n", "# HELP whirlpool_instance_up "})
                QVERIFY2(text.contains(QLatin1String(family)), family);
        }
    }

    void addAdminCommand()
    {
        // Too short, and no password at all: exit 1 with one line each.
        const ToolRun shortPassword = addAdmin(QStringLiteral("root"), QStringLiteral("short"));
        QCOMPARE(shortPassword.exitCode, 1);
        QVERIFY2(shortPassword.err.contains(QLatin1String("at least 12 characters")), qPrintable(shortPassword.err));
        QCOMPARE(int(shortPassword.err.count(QLatin1Char('\n'))), 1);
        const ToolRun noPassword = addAdmin(QStringLiteral("root"), std::nullopt);
        QCOMPARE(noPassword.exitCode, 1);
        QVERIFY2(noPassword.err.contains(QLatin1String("no password")), qPrintable(noPassword.err));

        // From standard input first, then replaced from the environment.
        const ToolRun fromStdin = addAdmin(QStringLiteral("root"), std::nullopt, "first password of root\n");
        QCOMPARE(fromStdin.exitCode, 0);
        QCOMPARE(fromStdin.out, QStringLiteral("admin user 'root' created\n"));
        const ToolRun fromEnv = addAdmin(QStringLiteral("root"), QString::fromLatin1(kAdminPassword));
        QCOMPARE(fromEnv.exitCode, 0);
        QCOMPARE(fromEnv.out, QStringLiteral("password of admin user 'root' replaced\n"));

        auto row = m_conn->queryOne("SELECT password_hash FROM admin_user WHERE login = 'root'");
        QVERIFY(row && row->has_value());
        QVERIFY((*row)->toString(0)->startsWith(QLatin1String("pbkdf2-sha512$")));
        QVERIFY(!(*row)->toString(0)->contains(QLatin1String(kAdminPassword)));

        // The password never appears on the command line (it is not an option).
        const ToolRun onArgv = addAdmin(QStringLiteral("eve"), std::nullopt, {}, {QStringLiteral("--password"), QStringLiteral("0123456789abc")});
        QCOMPARE(onArgv.exitCode, 1);
        QVERIFY2(onArgv.err.contains(QLatin1String("password")), qPrintable(onArgv.err));
        auto eve = m_conn->queryOne("SELECT COUNT(*) FROM admin_user WHERE login = 'eve'");
        QVERIFY(eve && eve->has_value());
        QCOMPARE((*eve)->toInt64(0), 0);
    }

    void adminLoginBanAndLogout()
    {
        // Without a session: redirected to the login form.
        HttpResult r = http(m_network, "GET", url(0) + QStringLiteral("/admin"));
        QCOMPARE(r.status, 303);
        QCOMPARE(r.header("Location"), QByteArray("/admin/login"));
        r = http(m_network, "GET", url(0) + QStringLiteral("/admin/login"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.text().contains(QLatin1String("type=\"password\"")));

        // Wrong password (and unknown login): refused, no cookie.
        for (const auto &[user, password] : {std::pair{QStringLiteral("root"), QStringLiteral("not the password")},
                                             std::pair{QStringLiteral("nobody"), QString::fromLatin1(kAdminPassword)}}) {
            r = http(m_network, "POST", url(0) + QStringLiteral("/admin/login"),
                     formEncode({{QStringLiteral("login"), user}, {QStringLiteral("password"), password}}));
            QCOMPARE(r.status, 403);
            QVERIFY(r.header("Set-Cookie").isEmpty());
            QVERIFY(r.text().contains(QLatin1String("Wrong login or password.")));
        }

        // The right password: a session cookie with the required attributes.
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/login"),
                 formEncode({{QStringLiteral("login"), QStringLiteral("root")},
                             {QStringLiteral("password"), QString::fromLatin1(kAdminPassword)}}));
        QCOMPARE(r.status, 303);
        QCOMPARE(r.header("Location"), QByteArray("/admin"));
        const QByteArray setCookie = r.header("Set-Cookie");
        QVERIFY2(QRegularExpression(QStringLiteral("^wp_admin=[0-9a-f]{64}; Path=/admin; Max-Age=43200; HttpOnly; SameSite=Strict$"))
                     .match(QString::fromLatin1(setCookie))
                     .hasMatch(),
                 setCookie.constData());
        const QByteArray cookieA = cookiePair(setCookie);

        r = http(m_network, "GET", url(0) + QStringLiteral("/admin"), {}, cookieA);
        QCOMPARE(r.status, 200);
        QVERIFY(r.text().contains(QLatin1String("Logged in as <b>root</b>")));
        const QString csrf = csrfOf(r.text());
        QCOMPARE(csrf.size(), 64);

        const QString utxo = QString(64, QLatin1Char('e')) + QStringLiteral(":1");
        auto banRows = [&] {
            auto count = m_conn->queryOne("SELECT COUNT(*) FROM ban WHERE identifier = ?", {utxo});
            return count && count->has_value() ? (*count)->toInt64(0).value_or(-1) : -1;
        };
        const QList<QPair<QString, QString>> banFields{{QStringLiteral("utxo"), utxo},
                                                       {QStringLiteral("expiry"), QStringLiteral("60")},
                                                       {QStringLiteral("response"), QStringLiteral("Contact <support>.")}};

        // A POST without the CSRF token, or with another one, changes nothing.
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/ban/add"), formEncode(banFields), cookieA);
        QCOMPARE(r.status, 403);
        auto wrongToken = banFields;
        wrongToken.append({QStringLiteral("csrf"), QString(64, QLatin1Char('0'))});
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/ban/add"), formEncode(wrongToken), cookieA);
        QCOMPARE(r.status, 403);
        // Nor does a POST without a session (the token alone is not enough).
        auto withToken = banFields;
        withToken.append({QStringLiteral("csrf"), csrf});
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/ban/add"), formEncode(withToken));
        QCOMPARE(r.status, 403);
        QCOMPARE(banRows(), 0);

        // Invalid input: 400 with the reason, the values kept in the form.
        auto invalid = withToken;
        invalid[0].second = QStringLiteral("e:1");
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/ban/add"), formEncode(invalid), cookieA);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.text().contains(QLatin1String("is not txid:index")), qPrintable(r.text()));
        QVERIFY(r.text().contains(QLatin1String("value=\"e:1\"")));
        QCOMPARE(banRows(), 0);

        // The ban, on instance A.
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/ban/add"), formEncode(withToken), cookieA);
        QCOMPARE(r.status, 303);
        QCOMPARE(r.header("Location"), QByteArray("/admin?done=ban-added"));
        QCOMPARE(banRows(), 1);
        auto ban = m_conn->queryOne("SELECT response, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), expiration) FROM ban WHERE identifier = ?", {utxo});
        QVERIFY(ban && ban->has_value());
        QCOMPARE((*ban)->toString(0), QStringLiteral("Contact <support>."));
        QVERIFY((*ban)->toInt64(1).value_or(0) > 3500);
        r = http(m_network, "GET", url(0) + QStringLiteral("/admin?done=ban-added"), {}, cookieA);
        QVERIFY(r.text().contains(QLatin1String("The ban was added.")));
        QVERIFY(r.text().contains(QLatin1String("Contact &lt;support&gt;.")));

        // Visible on instance B's admin page (its own login) and counted on every dashboard.
        const QByteArray cookieB = login(1);
        QVERIFY(!cookieB.isEmpty());
        QVERIFY(cookieB != cookieA);
        r = http(m_network, "GET", url(1) + QStringLiteral("/admin"), {}, cookieB);
        QCOMPARE(r.status, 200);
        QVERIFY(r.text().contains(utxo));
        QVERIFY(r.text().contains(QLatin1String("Active bans (1)")));
        // A's session means nothing on B.
        r = http(m_network, "GET", url(1) + QStringLiteral("/admin"), {}, cookieA);
        QCOMPARE(r.status, 303);
        QTRY_VERIFY_WITH_TIMEOUT(http(m_network, "GET", url(2) + QStringLiteral("/status")).text().contains(QLatin1String("1 active bans")), 5000);

        // Whitelist through B.
        const QString csrfB = csrfOf(http(m_network, "GET", url(1) + QStringLiteral("/admin"), {}, cookieB).text());
        const QString txid = QString(64, QLatin1Char('d'));
        r = http(m_network, "POST", url(1) + QStringLiteral("/admin/whitelist/add"),
                 formEncode({{QStringLiteral("txid"), txid}, {QStringLiteral("csrf"), csrfB}}), cookieB);
        QCOMPARE(r.status, 303);
        auto whitelisted = m_conn->queryOne("SELECT COUNT(*) FROM tx0_whitelist WHERE txid = ?", {txid});
        QCOMPARE((*whitelisted)->toInt64(0), 1);
        QVERIFY(http(m_network, "GET", url(0) + QStringLiteral("/admin"), {}, cookieA).text().contains(txid));

        // Remove the ban through B: gone for A too.
        r = http(m_network, "POST", url(1) + QStringLiteral("/admin/ban/remove"),
                 formEncode({{QStringLiteral("identifier"), utxo}, {QStringLiteral("csrf"), csrfB}}), cookieB);
        QCOMPARE(r.status, 303);
        QCOMPARE(r.header("Location"), QByteArray("/admin?done=ban-removed"));
        QVERIFY(!http(m_network, "GET", url(0) + QStringLiteral("/admin"), {}, cookieA).text().contains(utxo));

        // Logout ends A's session: the old cookie no longer opens /admin.
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/logout"),
                 formEncode({{QStringLiteral("csrf"), csrf}}), cookieA);
        QCOMPARE(r.status, 303);
        QVERIFY(r.header("Set-Cookie").contains("Max-Age=0"));
        r = http(m_network, "GET", url(0) + QStringLiteral("/admin"), {}, cookieA);
        QCOMPARE(r.status, 303);
        QCOMPARE(r.header("Location"), QByteArray("/admin/login"));
        r = http(m_network, "POST", url(0) + QStringLiteral("/admin/whitelist/remove"),
                 formEncode({{QStringLiteral("txid"), txid}, {QStringLiteral("csrf"), csrf}}), cookieA);
        QCOMPARE(r.status, 403);
        // B's session is unaffected.
        QCOMPARE(http(m_network, "GET", url(1) + QStringLiteral("/admin"), {}, cookieB).status, 200);
    }

    void failedLoginsAreThrottled()
    {
        // Gamma has seen no login yet: 5 attempts a minute per address, then 429.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(login(2, QStringLiteral("wrong password %1").arg(i)), QByteArray());
        const HttpResult r = http(m_network, "POST", url(2) + QStringLiteral("/admin/login"),
                                  formEncode({{QStringLiteral("login"), QStringLiteral("root")},
                                              {QStringLiteral("password"), QString::fromLatin1(kAdminPassword)}}));
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("Retry-After").toInt() > 0);
        QVERIFY(r.header("Set-Cookie").isEmpty());
    }

    void databaseDownAnswers503()
    {
        m_conn.reset();
        m_db.stop();
        QTRY_COMPARE_WITH_TIMEOUT(http(m_network, "GET", url(0) + QStringLiteral("/status")).status, 503, 10000);
        const HttpResult page = http(m_network, "GET", url(0) + QStringLiteral("/status"));
        QVERIFY(page.text().contains(QLatin1String("database cannot be read")));
        // Each instance finds out at its own next read (a result is reused for 1 s).
        QTRY_COMPARE_WITH_TIMEOUT(http(m_network, "GET", url(1) + QStringLiteral("/status.json")).status, 503, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(http(m_network, "GET", url(2) + QStringLiteral("/metrics"))
                                     .text()
                                     .contains(QLatin1String("whirlpool_status_db_up{instance=\"gamma\"} 0\n")),
                                 10000);
        const HttpResult metrics = http(m_network, "GET", url(2) + QStringLiteral("/metrics"));
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.text().contains(QLatin1String("whirlpool_cluster_lease_cycles_total{instance=\"gamma\"} ")));
    }
};

QTEST_GUILESS_MAIN(TestClusterDashboard)
#include "tst_clusterdashboard.moc"
