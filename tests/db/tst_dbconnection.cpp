// DbConnection and Transaction against a real private MariaDB: parameter and
// column types (NULL, microsecond DATETIME(6), big BLOB), MySQL errors, session
// loss without silent reconnect, reconnect backoff, RAII transactions, and
// withTransaction retrying deadlocks (1213) and lock wait timeouts (1205).
#include <db/dbconnection.h>
#include <db/dberror.h>
#include <db/transaction.h>

#include "dbtestconfig.h"
#include <mariadbserver.h>

#include <crypto/random.h>

#include <QElapsedTimer>
#include <QPoint>
#include <QTest>

#include <atomic>
#include <barrier>
#include <limits>
#include <thread>

using namespace wp;
using namespace wp::server::db;

namespace {

#define VERIFY_OK(expr)                                                                              \
    do {                                                                                             \
        const auto &r_ = (expr);                                                                     \
        QVERIFY2(bool(r_), bool(r_) ? "" : qPrintable(QStringLiteral("%1: %2").arg(r_.error().code).arg(r_.error().message))); \
    } while (false)

} // namespace

class TestDbConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_config = test::dbConfigFor(m_server.address());
    }

    void sessionSettings()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        QVERIFY(conn.isConnected());
        QVERIFY(conn.connectionId() > 0);
        auto row = conn.queryOne("SELECT @@session.time_zone, @@character_set_client, "
                                 "@@session.innodb_lock_wait_timeout, DATABASE(), @@session.sql_mode, "
                                 "@@session.tx_isolation");
        VERIFY_OK(row);
        QVERIFY(row->has_value());
        const DbRow &r = **row;
        QCOMPARE(r.toString(0), QStringLiteral("+00:00"));
        QCOMPARE(r.toString(1), QStringLiteral("utf8mb4"));
        QCOMPARE(r.toInt64(2), qint64(2));
        QCOMPARE(r.toString(3), m_config.database);
        QVERIFY2(r.toString(4)->contains(QStringLiteral("STRICT_ALL_TABLES")), qPrintable(*r.toString(4)));
        QCOMPARE(r.toString(5), QStringLiteral("READ-COMMITTED"));
        // The session clock is UTC.
        auto now = conn.queryOne("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())");
        VERIFY_OK(now);
        QCOMPARE((*now)->toInt64(0), qint64(0));
    }

    void unixSocket()
    {
        DbConfig config = m_config;
        config.host.clear();
        config.port = 0;
        config.unixSocket = m_server.address().socket;
        QVERIFY(!config.unixSocket.isEmpty());
        DbConnection conn(config);
        VERIFY_OK(conn.connect());
        auto row = conn.queryOne("SELECT ?", {QStringLiteral("via socket")});
        VERIFY_OK(row);
        QCOMPARE((*row)->toString(0), QStringLiteral("via socket"));
    }

    void strictModeRefusesTruncation()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(conn.exec("CREATE TABLE strict_t (s VARCHAR(4) NOT NULL, d DATETIME(6) NULL)"));
        auto tooLong = conn.exec("INSERT INTO strict_t (s) VALUES (?)", {QStringLiteral("12345")});
        QVERIFY(!tooLong);
        QCOMPARE(tooLong.error().code, 1406); // ER_DATA_TOO_LONG, not a silent truncation
        auto badDate = conn.exec("INSERT INTO strict_t (s, d) VALUES (?, ?)", {QStringLiteral("a"), QStringLiteral("0000-00-00")});
        QVERIFY(!badDate);
    }

    void roundTripEveryParameterType()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(conn.exec("CREATE TABLE types ("
                            " id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                            " i BIGINT NULL, u BIGINT UNSIGNED NULL, small INT NULL, b BOOLEAN NULL,"
                            " d DOUBLE NULL, s VARCHAR(255) NULL, bin VARBINARY(255) NULL,"
                            " t DATETIME(6) NULL, dec20 DECIMAL(20,8) NULL) ENGINE=InnoDB"));
        const QString text = QStringLiteral("h\u00e9llo \U0001F600 'quoted'; -- not a comment");
        const QByteArray bytes("\x00\x01\xff\xfe'\"\\", 7);
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        auto inserted = conn.exec("INSERT INTO types (i, u, small, b, d, s, bin, t, dec20) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  {std::numeric_limits<qint64>::min(), std::numeric_limits<quint64>::max(), int(-7),
                                   true, 0.1, text, bytes, when, QStringLiteral("12345678901.12345678")});
        VERIFY_OK(inserted);
        QCOMPARE(inserted->affectedRows, quint64(1));
        QCOMPARE(inserted->insertId, quint64(1));

        auto nulls = conn.exec("INSERT INTO types (i, u, small, b, d, s, bin, t, dec20) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               {QVariant(), QVariant::fromValue(nullptr), QVariant(), QVariant(), QVariant(),
                                QVariant(), QVariant(), QVariant(), QVariant()});
        VERIFY_OK(nulls);
        QCOMPARE(nulls->insertId, quint64(2));
        auto maxed = conn.exec("INSERT INTO types (i, b, s, bin) VALUES (?, ?, ?, ?)",
                               {std::numeric_limits<qint64>::max(), false, QString(), QByteArray()});
        VERIFY_OK(maxed);

        auto rows = conn.query("SELECT i, u, small, b, d, s, bin, t, dec20 FROM types ORDER BY id");
        VERIFY_OK(rows);
        QCOMPARE(rows->size(), 3);
        const DbRow &r = rows->at(0);
        QCOMPARE(r.size(), 9);
        QCOMPARE(r.toInt64(0), std::numeric_limits<qint64>::min());
        QVERIFY(!r.toInt64(1)); // above INT64_MAX: not an exact qint64
        QCOMPARE(std::get<quint64>(r.at(1)), std::numeric_limits<quint64>::max());
        QCOMPARE(r.toInt64(2), qint64(-7));
        QCOMPARE(r.toBool(3), true);
        QCOMPARE(r.toDouble(4), 0.1);
        QCOMPARE(r.toString(5), text);
        QCOMPARE(r.toBytes(6), bytes);
        QVERIFY(!r.toString(6)); // binary columns are not text
        QCOMPARE(r.toDateTime(7), when);
        QCOMPARE(r.toEpochMicros(7), qint64(1700000000123000));
        QCOMPARE(r.toString(8), QStringLiteral("12345678901.12345678")); // DECIMAL stays exact text
        QVERIFY(!r.toInt64(8));
        QCOMPARE(r.toDouble(8), 12345678901.12345678);

        const DbRow &n = rows->at(1);
        for (int c = 0; c < 9; ++c) {
            QVERIFY(n.isNull(c));
            QVERIFY(!n.toInt64(c));
            QVERIFY(!n.toString(c));
            QVERIFY(!n.value(c).isValid());
        }
        const DbRow &m = rows->at(2);
        QCOMPARE(m.toInt64(0), std::numeric_limits<qint64>::max());
        QCOMPARE(m.toBool(3), false);
        QCOMPARE(m.toString(5), QString(QLatin1String(""))); // a null QString binds '' (not NULL)
        QVERIFY(!m.isNull(5));
        QCOMPARE(m.toBytes(6), QByteArray());
        QVERIFY(!m.isNull(6));
        // Out of range columns are null, never a crash.
        QVERIFY(m.isNull(99) && m.isNull(-1) && !m.toInt64(99));

        // Parameters bind as values, never as SQL.
        auto found = conn.query("SELECT id FROM types WHERE s = ?", {text});
        VERIFY_OK(found);
        QCOMPARE(found->size(), 1);
        auto none = conn.query("SELECT id FROM types WHERE s = ?", {QStringLiteral("' OR '1'='1")});
        VERIFY_OK(none);
        QCOMPARE(none->size(), 0);
    }

    void datetimeKeepsMicroseconds()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(conn.exec("CREATE TABLE times (id INT PRIMARY KEY, t DATETIME(6) NOT NULL, "
                            "ts TIMESTAMP(6) NULL, d DATE NULL, tm TIME(6) NULL)"));
        VERIFY_OK(conn.exec("INSERT INTO times VALUES (1, ?, ?, ?, ?)",
                            {QStringLiteral("2024-02-29 23:59:59.123456"), QStringLiteral("2024-02-29 23:59:59.000001"),
                             QStringLiteral("1969-07-20"), QStringLiteral("-838:59:58.999999")}));
        auto row = conn.queryOne("SELECT t, ts, d, tm FROM times WHERE id = ?", {1});
        VERIFY_OK(row);
        const DbRow &r = **row;
        QCOMPARE(r.toString(0), QStringLiteral("2024-02-29 23:59:59.123456"));
        // 2024-02-29T23:59:59Z = 1709251199
        QCOMPARE(r.toEpochMicros(0), qint64(1709251199123456));
        QCOMPARE(r.toEpochMicros(1), qint64(1709251199000001)); // TIMESTAMP in the UTC session
        QCOMPARE(r.toString(2), QStringLiteral("1969-07-20"));
        QCOMPARE(r.toEpochMicros(2), qint64(-14256000) * 1000000);
        QCOMPARE(r.toString(3), QStringLiteral("-838:59:58.999999"));
        QVERIFY(!r.toEpochMicros(3));
        QCOMPARE(r.value(0).toString(), QStringLiteral("2024-02-29 23:59:59.123456"));

        // A value read back binds again unchanged (text form with microseconds).
        VERIFY_OK(conn.exec("INSERT INTO times (id, t) VALUES (2, ?)", {*r.toString(0)}));
        auto same = conn.queryOne("SELECT COUNT(*) FROM times WHERE t = ?", {*r.toString(0)});
        VERIFY_OK(same);
        QCOMPARE((*same)->toInt64(0), qint64(2));

        // The database clock has microseconds.
        auto now = conn.query("SELECT UTC_TIMESTAMP(6) FROM seq_1_to_20");
        VERIFY_OK(now);
        bool anyMicros = false;
        for (const DbRow &n : *now)
            anyMicros |= n.toTime(0)->microsecond != 0;
        QVERIFY(anyMicros);
    }

    void bigBlob()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(conn.exec("CREATE TABLE blobs (id INT PRIMARY KEY, small BLOB, big LONGBLOB, txt MEDIUMTEXT)"));
        const QByteArray big = crypto::randomBytes(8 * 1024 * 1024);
        const QString longText(3 * 1024 * 1024, u'x');
        VERIFY_OK(conn.exec("INSERT INTO blobs VALUES (?, ?, ?, ?)", {1, QByteArray("a"), big, longText}));
        VERIFY_OK(conn.exec("INSERT INTO blobs VALUES (?, ?, ?, ?)", {2, QByteArray("bb"), QByteArray("c"), QString()}));
        auto rows = conn.query("SELECT small, big, txt FROM blobs ORDER BY id");
        VERIFY_OK(rows);
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).toBytes(0), QByteArray("a"));
        QVERIFY(rows->at(0).toBytes(1) == big);
        QVERIFY(rows->at(0).toString(2) == longText);
        QCOMPARE(rows->at(1).toBytes(0), QByteArray("bb"));
        QCOMPARE(rows->at(1).toBytes(1), QByteArray("c"));
    }

    void sqlErrorsCarryErrnoAndMessage()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        auto syntax = conn.exec("SELEC 1");
        QVERIFY(!syntax);
        QCOMPARE(syntax.error().code, 1064);
        QVERIFY2(syntax.error().message.contains(QStringLiteral("SQL syntax")), qPrintable(syntax.error().message));

        auto missing = conn.query("SELECT * FROM no_such_table");
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, 1146);
        QVERIFY(missing.error().message.contains(QStringLiteral("no_such_table")));

        VERIFY_OK(conn.exec("CREATE TABLE uniq (k VARCHAR(10) PRIMARY KEY)"));
        VERIFY_OK(conn.exec("INSERT INTO uniq VALUES (?)", {QStringLiteral("a")}));
        auto dup = conn.exec("INSERT INTO uniq VALUES (?)", {QStringLiteral("a")});
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, int(kErDupEntry));

        auto count = conn.exec("INSERT INTO uniq VALUES (?)", {QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(!count);
        QCOMPARE(count.error().code, int(kErrorBadParameter));
        auto type = conn.exec("INSERT INTO uniq VALUES (?)", {QPoint(1, 2)});
        QVERIFY(!type);
        QCOMPARE(type.error().code, int(kErrorBadParameter));
        QVERIFY(type.error().message.contains(QStringLiteral("QPoint")));

        // None of these broke the session.
        QVERIFY(conn.isConnected());
        auto ok = conn.queryOne("SELECT COUNT(*) FROM uniq");
        VERIFY_OK(ok);
        QCOMPARE((*ok)->toInt64(0), qint64(1));

        DbConnection never(m_config);
        auto notConnected = never.exec("SELECT 1");
        QVERIFY(!notConnected);
        QCOMPARE(notConnected.error().code, int(kCrServerGone));
        QVERIFY(isConnectionError(notConnected.error().code));
    }

    void lostSessionIsReportedNotHidden()
    {
        DbConnection victim(m_config);
        DbConnection killer(m_config);
        VERIFY_OK(victim.connect());
        VERIFY_OK(killer.connect());
        VERIFY_OK(victim.exec("SET @marker = ?", {42}));
        const quint64 oldId = victim.connectionId();
        VERIFY_OK(killer.exec("KILL CONNECTION ?", {oldId}));

        // No MYSQL_OPT_RECONNECT: the next statement fails instead of silently
        // running on a new session without @marker (or a lock, or a transaction).
        auto lost = victim.queryOne("SELECT @marker");
        QVERIFY(!lost);
        QVERIFY2(isConnectionError(lost.error().code), qPrintable(lost.error().message));
        QVERIFY(!victim.isConnected());

        // A closed session is replaced at once (no backoff), explicitly.
        QElapsedTimer timer;
        timer.start();
        VERIFY_OK(victim.ensureConnected());
        QVERIFY(victim.connectionId() != oldId);
        auto fresh = victim.queryOne("SELECT @marker");
        VERIFY_OK(fresh);
        QVERIFY((*fresh)->isNull(0));
        qInfo("reconnect after a killed session: %lld ms", timer.elapsed());
    }

    void idleSessionKilledIsReplacedBeforeTheJob()
    {
        DbConfig config = m_config;
        config.pingAfterIdle = std::chrono::milliseconds(0);
        DbConnection conn(config);
        DbConnection killer(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(killer.connect());
        const quint64 oldId = conn.connectionId();
        VERIFY_OK(killer.exec("KILL CONNECTION ?", {oldId}));
        // The ping before the next job notices and replaces the session at once.
        QTRY_VERIFY(conn.ensureConnected() && conn.connectionId() != oldId);
        VERIFY_OK(conn.queryOne("SELECT 1"));
    }

    void refusedConnectionBacksOff()
    {
        DbConfig config = m_config;
        config.port = test::freePort(); // nothing listens there
        config.reconnectBackoff = std::chrono::milliseconds(60000);
        DbConnection conn(config);
        QElapsedTimer timer;
        timer.start();
        auto first = conn.ensureConnected();
        QVERIFY(!first);
        QVERIFY2(isConnectionError(first.error().code), qPrintable(first.error().message));
        const qint64 firstMs = timer.elapsed();
        timer.restart();
        auto second = conn.ensureConnected();
        QVERIFY(!second);
        QCOMPARE(second.error().code, first.error().code);
        QVERIFY2(second.error().message.startsWith(QStringLiteral("database unavailable")),
                 qPrintable(second.error().message));
        QVERIFY(timer.elapsed() < 50);
        qInfo("refused connect: %lld ms, then %lld ms inside the backoff", firstMs, timer.elapsed());
        // connect() itself ignores the backoff.
        auto forced = conn.connect();
        QVERIFY(!forced);
        QVERIFY(!forced.error().message.startsWith(QStringLiteral("database unavailable")));
    }

    void transactionRollsBackOnScopeExit()
    {
        DbConnection conn(m_config);
        VERIFY_OK(conn.connect());
        VERIFY_OK(conn.exec("CREATE TABLE tx (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB"));
        {
            auto tx = Transaction::begin(conn);
            VERIFY_OK(tx);
            QVERIFY(conn.inTransaction());
            VERIFY_OK(conn.exec("INSERT INTO tx VALUES (?, ?)", {1, 10}));
            auto inside = conn.queryOne("SELECT COUNT(*) FROM tx");
            QCOMPARE((*inside)->toInt64(0), qint64(1));
        }
        QVERIFY(!conn.inTransaction());
        auto after = conn.queryOne("SELECT COUNT(*) FROM tx");
        VERIFY_OK(after);
        QCOMPARE((*after)->toInt64(0), qint64(0));

        {
            auto tx = Transaction::begin(conn);
            VERIFY_OK(tx);
            VERIFY_OK(conn.exec("INSERT INTO tx VALUES (?, ?)", {2, 20}));
            VERIFY_OK(tx->commit());
            QVERIFY(!tx->isActive());
            VERIFY_OK(tx->rollback()); // no-op after commit
        }
        auto committed = conn.queryOne("SELECT v FROM tx WHERE id = ?", {2});
        VERIFY_OK(committed);
        QCOMPARE((*committed)->toInt64(0), qint64(20));

        // withTransaction: an error from fn rolls back and is returned untouched.
        int calls = 0;
        auto failed = withTransaction(conn, [&](DbConnection &c) -> Result<int> {
            ++calls;
            if (auto r = c.exec("INSERT INTO tx VALUES (?, ?)", {3, 30}); !r)
                return r.error();
            return c.exec("INSERT INTO tx VALUES (?, ?)", {2, 99}).has_value() ? Result<int>(1)
                                                                                : Result<int>(Error(1062, QStringLiteral("dup")));
        });
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, 1062);
        QCOMPARE(calls, 1);
        auto three = conn.queryOne("SELECT COUNT(*) FROM tx WHERE id = ?", {3});
        QCOMPARE((*three)->toInt64(0), qint64(0));

        auto ok = withTransaction(conn, [](DbConnection &c) -> Result<void> {
            if (auto r = c.exec("INSERT INTO tx VALUES (?, ?)", {4, 40}); !r)
                return r.error();
            return {};
        });
        VERIFY_OK(ok);
        auto four = conn.queryOne("SELECT v FROM tx WHERE id = ?", {4});
        QCOMPARE((*four)->toInt64(0), qint64(40));
    }

    void withTransactionRetriesDeadlock()
    {
        DbConnection setup(m_config);
        VERIFY_OK(setup.connect());
        VERIFY_OK(setup.exec("CREATE TABLE dl (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB"));
        VERIFY_OK(setup.exec("INSERT INTO dl VALUES (1, 0), (2, 0)"));

        // Two sessions lock rows 1 and 2 in opposite orders. Both take their first
        // lock before either asks for its second, so InnoDB must pick a victim (1213).
        std::barrier firstLocksTaken(2);
        std::atomic<int> attempts{0};
        std::atomic<int> deadlocks{0};
        const auto worker = [&](int first, int second, Result<int> *out) {
            DbConnection conn(m_config);
            if (auto c = conn.connect(); !c) {
                *out = c.error();
                return;
            }
            int myAttempts = 0;
            *out = withTransaction(conn, [&](DbConnection &c) -> Result<int> {
                ++attempts;
                const bool firstAttempt = ++myAttempts == 1;
                if (auto r = c.exec("UPDATE dl SET v = v + 1 WHERE id = ?", {first}); !r)
                    return r.error();
                if (firstAttempt)
                    firstLocksTaken.arrive_and_wait();
                if (auto r = c.exec("UPDATE dl SET v = v + 1 WHERE id = ?", {second}); !r) {
                    if (r.error().code == kErLockDeadlock)
                        ++deadlocks;
                    return r.error();
                }
                return myAttempts;
            });
        };
        Result<int> a = Error(), b = Error();
        std::thread ta(worker, 1, 2, &a);
        std::thread tb(worker, 2, 1, &b);
        ta.join();
        tb.join();
        VERIFY_OK(a);
        VERIFY_OK(b);
        QCOMPARE(deadlocks.load(), 1);
        QCOMPARE(attempts.load(), 3);
        QCOMPARE(*a + *b, 3); // one committed at once, the victim on its second attempt
        auto rows = setup.query("SELECT v FROM dl ORDER BY id");
        VERIFY_OK(rows);
        QCOMPARE(rows->at(0).toInt64(0), qint64(2));
        QCOMPARE(rows->at(1).toInt64(0), qint64(2));
    }

    void withTransactionRetriesLockWaitTimeout()
    {
        DbConfig config = m_config;
        config.lockWaitTimeout = std::chrono::seconds(1);
        DbConnection holder(config);
        DbConnection waiter(config);
        VERIFY_OK(holder.connect());
        VERIFY_OK(waiter.connect());
        VERIFY_OK(holder.exec("CREATE TABLE lw (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB"));
        VERIFY_OK(holder.exec("INSERT INTO lw VALUES (1, 0)"));

        std::optional<Result<Transaction>> held(Transaction::begin(holder));
        VERIFY_OK(*held);
        VERIFY_OK(holder.query("SELECT v FROM lw WHERE id = 1 FOR UPDATE"));

        QList<int> errors;
        QElapsedTimer timer;
        timer.start();
        auto r = withTransaction(waiter, [&](DbConnection &c) -> Result<void> {
            if (!errors.isEmpty())
                held.reset(); // the holder gives up its lock before the retry
            auto u = c.exec("UPDATE lw SET v = v + 1 WHERE id = 1");
            if (!u) {
                errors.append(u.error().code);
                return u.error();
            }
            return {};
        });
        VERIFY_OK(r);
        QCOMPARE(errors, QList<int>{kErLockWaitTimeout});
        QVERIFY(waiter.isConnected()); // 1205 ends the wait, not the session
        qInfo("lock wait timeout + retry: %lld ms", timer.elapsed());
        auto v = waiter.queryOne("SELECT v FROM lw WHERE id = 1");
        QCOMPARE((*v)->toInt64(0), qint64(1));

        // Non-retryable errors are not retried.
        int calls = 0;
        auto bad = withTransaction(waiter, [&](DbConnection &c) -> Result<void> {
            ++calls;
            if (auto e = c.exec("SELEC"); !e)
                return e.error();
            return {};
        });
        QVERIFY(!bad);
        QCOMPARE(calls, 1);

        // Retryable errors stop after maxAttempts.
        calls = 0;
        auto always = withTransaction(
            waiter,
            [&](DbConnection &) -> Result<void> {
                ++calls;
                return Error(kErLockDeadlock, QStringLiteral("simulated"));
            },
            3);
        QVERIFY(!always);
        QCOMPARE(always.error().code, int(kErLockDeadlock));
        QCOMPARE(calls, 3);
    }

private:
    test::MariaDbServer m_server;
    DbConfig m_config;
};

QTEST_GUILESS_MAIN(TestDbConnection)
#include "tst_dbconnection.moc"
