// Migrations against a real private MariaDB: the statement splitting rule, the
// embedded 0001 schema (tables, keys, privacy), idempotent re-runs, two
// processes' worth of connections migrating at once, the lock timeout, and a
// failing migration that is not recorded.
#include <db/dbconnection.h>
#include <db/dberror.h>
#include <db/migrations.h>

#include "dbtestconfig.h"
#include <mariadbserver.h>

#include <QTest>

#include <barrier>
#include <thread>

using namespace wp;
using namespace wp::server::db;

namespace {

#define VERIFY_OK(expr)                                                                              \
    do {                                                                                             \
        const auto &r_ = (expr);                                                                     \
        QVERIFY2(bool(r_), bool(r_) ? "" : qPrintable(QStringLiteral("%1: %2").arg(r_.error().code).arg(r_.error().message))); \
    } while (false)

QStringList columnsOf(DbConnection &conn, const QString &table)
{
    auto rows = conn.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                           "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
                           {table});
    QStringList names;
    if (rows) {
        for (const DbRow &r : *rows)
            names.append(r.toString(0).value_or(QString()));
    }
    return names;
}

Migrations::Migration migration(int version, const char *name, const char *sql)
{
    return {version, QString::fromLatin1(name), QByteArray(sql)};
}

} // namespace

class TestDbMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_config = test::dbConfigFor(m_server.address());
    }

    void splitStatements_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<QList<QByteArray>>("statements");
        QTest::newRow("one") << QByteArray("SELECT 1;") << QList<QByteArray>{"SELECT 1"};
        QTest::newRow("no-final-semicolon") << QByteArray("SELECT 1;\nSELECT 2")
                                            << QList<QByteArray>{"SELECT 1", "SELECT 2"};
        QTest::newRow("multi-line") << QByteArray("CREATE TABLE t (\n  a INT,\n  b INT\n);\n")
                                    << QList<QByteArray>{"CREATE TABLE t (\na INT,\nb INT\n)"};
        QTest::newRow("semicolon-inside-line")
            << QByteArray("INSERT INTO t VALUES ('a;b');\n") << QList<QByteArray>{"INSERT INTO t VALUES ('a;b')"};
        QTest::newRow("semicolon-trailing-space") << QByteArray("SELECT 1;   \r\nSELECT 2;\t\n")
                                                  << QList<QByteArray>{"SELECT 1", "SELECT 2"};
        QTest::newRow("comments-and-blanks")
            << QByteArray("-- a comment;\n\n# another;\n  -- indented;\nSELECT 1;\n")
            << QList<QByteArray>{"SELECT 1"};
        QTest::newRow("empty") << QByteArray("\n -- nothing\n;\n") << QList<QByteArray>{};
    }

    void splitStatements()
    {
        QFETCH(QByteArray, sql);
        QFETCH(QList<QByteArray>, statements);
        QCOMPARE(Migrations::splitStatements(sql), statements);
    }

    void embeddedMigrationsLoad()
    {
        auto m = Migrations::embedded();
        VERIFY_OK(m);
        QVERIFY(!m->migrations().isEmpty());
        QCOMPARE(m->migrations().first().version, 1);
        QCOMPARE(m->migrations().first().name, QStringLiteral("0001_initial.sql"));
        QCOMPARE(Migrations::splitStatements(m->migrations().first().sql).size(), 10);
        for (qsizetype i = 1; i < m->migrations().size(); ++i)
            QVERIFY(m->migrations()[i - 1].version < m->migrations()[i].version);
    }

    void badMigrationListsAreRefused()
    {
        auto dup = Migrations::fromList({migration(1, "0001_a.sql", "SELECT 1"), migration(1, "0001_b.sql", "SELECT 1")});
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, int(kErrorMigration));
        auto zero = Migrations::fromList({migration(0, "0000_a.sql", "SELECT 1")});
        QVERIFY(!zero);
        auto missing = Migrations::fromDirectory(QStringLiteral("/nonexistent/migrations"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, int(kErrorMigration));
    }

    void applyOnceThenNothing()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(conn.exec("CREATE DATABASE wp_apply_once"));
        VERIFY_OK(conn.exec("USE wp_apply_once"));
        auto m = Migrations::embedded();
        VERIFY_OK(m);

        auto first = m->apply(conn);
        VERIFY_OK(first);
        QCOMPARE(first->first(), 1);
        QCOMPARE(first->size(), m->migrations().size());
        auto second = m->apply(conn);
        VERIFY_OK(second);
        QVERIFY(second->isEmpty());
        auto versions = Migrations::appliedVersions(conn);
        VERIFY_OK(versions);
        QCOMPARE(versions->size(), m->migrations().size());
        auto when = conn.queryOne("SELECT TIMESTAMPDIFF(SECOND, applied_at, UTC_TIMESTAMP(6)) FROM schema_migrations "
                                  "WHERE version = 1");
        VERIFY_OK(when);
        QVERIFY((*when)->toInt64(0).value_or(-1) >= 0 && (*when)->toInt64(0).value_or(99) < 60);

        // The schema of DESIGN §2.2-2.3 / protocol §10.1.
        const QStringList tables{"mix", "mix_log", "mix_output", "mix_txid", "blame", "ban", "tx0_whitelist",
                                 "admin_user", "cluster_instance", "pool_lease"};
        for (const QString &t : tables) {
            auto info = conn.queryOne("SELECT ENGINE, TABLE_COLLATION FROM information_schema.TABLES "
                                      "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                                      {t});
            VERIFY_OK(info);
            QVERIFY2(info->has_value(), qPrintable(t));
            QCOMPARE((*info)->toString(0), QStringLiteral("InnoDB"));
            QVERIFY((*info)->toString(1)->startsWith(QStringLiteral("utf8mb4")));
        }
        QCOMPARE(columnsOf(conn, QStringLiteral("mix")),
                 QStringList({"id", "instance_id", "epoch", "pool_id", "mix_id", "denomination", "anonymity_set",
                              "nb_must_mix", "nb_liquidities", "amount_in", "amount_out", "fees_amount", "fees_price",
                              "mix_duration", "mix_status", "fail_reason", "fail_info", "created", "updated"}));
        // Privacy: nothing links inputs to outputs, and no IP addresses.
        QCOMPARE(columnsOf(conn, QStringLiteral("mix_output")), QStringList({"id", "address", "mix_id", "created"}));
        QCOMPARE(columnsOf(conn, QStringLiteral("blame")),
                 QStringList({"id", "identifier", "reason", "mix_id", "created"}));
        QCOMPARE(columnsOf(conn, QStringLiteral("pool_lease")),
                 QStringList({"pool_id", "instance_id", "epoch", "expires_at"}));
        auto datetimes = conn.query("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS "
                                    "WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('datetime', 'timestamp')");
        VERIFY_OK(datetimes);
        QVERIFY(datetimes->size() >= 12);
        for (const DbRow &r : *datetimes)
            QVERIFY2(r.toString(2) == QStringLiteral("datetime(6)"), qPrintable(*r.toString(0) + u'.' + *r.toString(1)));

        // Keys behave as the cluster needs them to.
        VERIFY_OK(conn.exec("INSERT INTO mix_output (address, mix_id, created) VALUES (?, ?, UTC_TIMESTAMP(6))",
                            {QStringLiteral("bc1qexampleaddress"), QStringLiteral("mix1")}));
        auto reuse = conn.exec("INSERT INTO mix_output (address, mix_id, created) VALUES (?, ?, UTC_TIMESTAMP(6))",
                               {QStringLiteral("BC1QEXAMPLEADDRESS"), QStringLiteral("mix2")});
        QVERIFY(!reuse);
        QCOMPARE(reuse.error().code, int(kErDupEntry)); // bech32 is case-insensitive
        VERIFY_OK(conn.exec("INSERT IGNORE INTO pool_lease (pool_id) VALUES (?)", {QStringLiteral("0.01btc")}));
        auto lease = conn.queryOne("SELECT instance_id, epoch, expires_at FROM pool_lease WHERE pool_id = ?",
                                   {QStringLiteral("0.01btc")});
        VERIFY_OK(lease);
        QVERIFY((*lease)->isNull(0) && (*lease)->isNull(2));
        QCOMPARE((*lease)->toInt64(1), qint64(0));
        const QString instance(32, u'a');
        VERIFY_OK(conn.exec("INSERT INTO cluster_instance (id, name, version, started_at, heartbeat_at, stats) "
                            "VALUES (?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?)",
                            {instance, QStringLiteral("node-1"), QStringLiteral("0.1.0"),
                             QStringLiteral("{\"pools\": [\"0.01btc\"]}")}));
        auto badJson = conn.exec("UPDATE cluster_instance SET stats = ? WHERE id = ?", {QStringLiteral("{nope"), instance});
        QVERIFY(!badJson);
        auto state = conn.queryOne("SELECT state FROM cluster_instance WHERE id = ?", {instance});
        QCOMPARE((*state)->toString(0), QStringLiteral("active"));
        VERIFY_OK(conn.exec("INSERT INTO mix (instance_id, epoch, pool_id, mix_id, denomination, mix_status, created, "
                            "updated) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
                            {instance, 1, QStringLiteral("0.01btc"), QStringLiteral("mix1"), 1000000,
                             QStringLiteral("SUCCESS")}));
        auto orphanLog = conn.exec("INSERT INTO mix_log (mix_id, txid, raw_tx, created) "
                                   "VALUES (?, NULL, NULL, UTC_TIMESTAMP(6))",
                                   {9999});
        QVERIFY(!orphanLog);
        QCOMPARE(orphanLog.error().code, 1452); // foreign key to mix.id
    }

    void concurrentMigrationsApplyEachOnce()
    {
        DbConnection admin(m_config);
        VERIFY_OK(admin.connect());
        VERIFY_OK(admin.exec("CREATE DATABASE wp_concurrent"));
        DbConfig config = m_config;
        config.database = QStringLiteral("wp_concurrent");

        // Non-idempotent on purpose: applying 2 or 3 twice would insert twice.
        // The sleep widens the window in which the other migrator waits on the lock.
        auto m = Migrations::fromList({
            migration(1, "0001_t.sql", "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL);"),
            migration(2, "0002_a.sql", "INSERT INTO t (v) VALUES (2);\nDO SLEEP(0.3);"),
            migration(3, "0003_b.sql", "INSERT INTO t (v) VALUES (3);"),
        });
        VERIFY_OK(m);

        constexpr int kMigrators = 4;
        std::barrier start(kMigrators);
        std::vector<Result<QList<int>>> results(kMigrators, Result<QList<int>>(Error()));
        std::vector<std::thread> threads;
        for (int i = 0; i < kMigrators; ++i) {
            threads.emplace_back([&, i] {
                DbConnection conn(config);
                auto connected = conn.connect();
                start.arrive_and_wait();
                results[size_t(i)] = connected ? m->apply(conn) : Result<QList<int>>(connected.error());
            });
        }
        for (auto &t : threads)
            t.join();

        QList<int> all;
        for (const auto &r : results) {
            VERIFY_OK(r);
            all += *r;
        }
        std::sort(all.begin(), all.end());
        QCOMPARE(all, QList<int>({1, 2, 3}));

        DbConnection check(config);
        VERIFY_OK(check.connect());
        auto rows = check.query("SELECT v FROM t ORDER BY id");
        VERIFY_OK(rows);
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).toInt64(0), qint64(2));
        QCOMPARE(rows->at(1).toInt64(0), qint64(3));
        auto versions = Migrations::appliedVersions(check);
        VERIFY_OK(versions);
        QCOMPARE(*versions, QList<int>({1, 2, 3}));
    }

    void lockTimeoutFailsCleanly()
    {
        DbConnection admin(m_config);
        VERIFY_OK(admin.connect());
        VERIFY_OK(admin.exec("CREATE DATABASE wp_locked"));
        DbConfig config = m_config;
        config.database = QStringLiteral("wp_locked");
        DbConnection holder(config);
        DbConnection migrator(config);
        VERIFY_OK(holder.connect());
        VERIFY_OK(migrator.connect());
        auto got = holder.queryOne("SELECT GET_LOCK('wp_schema_migrations', 0)");
        VERIFY_OK(got);
        QCOMPARE((*got)->toInt64(0), qint64(1));

        auto m = Migrations::fromList({migration(1, "0001_t.sql", "CREATE TABLE t (id INT PRIMARY KEY);")});
        VERIFY_OK(m);
        QElapsedTimer timer;
        timer.start();
        auto blocked = m->apply(migrator, std::chrono::milliseconds(1200));
        QVERIFY(!blocked);
        QCOMPARE(blocked.error().code, int(kErrorMigration));
        QVERIFY(timer.elapsed() >= 1000 && timer.elapsed() < 3000);
        QVERIFY(migrator.isConnected()); // waited in steps shorter than the read timeout

        VERIFY_OK(holder.queryOne("SELECT RELEASE_LOCK('wp_schema_migrations')"));
        auto applied = m->apply(migrator);
        VERIFY_OK(applied);
        QCOMPARE(*applied, QList<int>{1});
    }

    void failingMigrationIsNotRecorded()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(conn.exec("CREATE DATABASE wp_failing"));
        VERIFY_OK(conn.exec("USE wp_failing"));
        auto bad = Migrations::fromList({
            migration(1, "0001_t.sql", "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY);"),
            migration(2, "0002_bad.sql", "CREATE TABLE IF NOT EXISTS u (id INT PRIMARY KEY);\nCREATE TABLEX oops;"),
        });
        VERIFY_OK(bad);
        auto failed = bad->apply(conn);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, 1064);
        QVERIFY2(failed.error().message.contains(QStringLiteral("0002_bad.sql, statement 2")),
                 qPrintable(failed.error().message));
        auto versions = Migrations::appliedVersions(conn);
        VERIFY_OK(versions);
        QCOMPARE(*versions, QList<int>{1});
        auto free = conn.queryOne("SELECT IS_FREE_LOCK('wp_schema_migrations')");
        QCOMPARE((*free)->toInt64(0), qint64(1)); // released on the error path too

        // The fixed migration completes on the next run (its statements are re-runnable).
        auto fixed = Migrations::fromList({
            migration(1, "0001_t.sql", "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY);"),
            migration(2, "0002_bad.sql", "CREATE TABLE IF NOT EXISTS u (id INT PRIMARY KEY);\nCREATE TABLE IF NOT EXISTS v (id INT PRIMARY KEY);"),
        });
        VERIFY_OK(fixed);
        auto applied = fixed->apply(conn);
        VERIFY_OK(applied);
        QCOMPARE(*applied, QList<int>{2});
    }

private:
    test::MariaDbServer m_server;
    DbConfig m_config;
};

QTEST_GUILESS_MAIN(TestDbMigrations)
#include "tst_dbmigrations.moc"
