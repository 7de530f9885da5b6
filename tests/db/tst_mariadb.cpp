// The private MariaDB of tests/support: starts on a free port, takes queries
// over TCP with microsecond UTC timestamps, keeps data across a restart and is
// stopped by PID.
#include <mariadbserver.h>

#include <mysql.h>

#include <QTest>

#include <memory>
#include <signal.h>

using namespace wp;

namespace {

using MysqlPtr = std::unique_ptr<MYSQL, decltype(&mysql_close)>;

MysqlPtr connectTo(const test::DbAddress &a)
{
    MysqlPtr db(mysql_init(nullptr), &mysql_close);
    const unsigned int protocol = MYSQL_PROTOCOL_TCP;
    const unsigned int timeout = 3;
    mysql_options(db.get(), MYSQL_OPT_PROTOCOL, &protocol);
    mysql_options(db.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (!mysql_real_connect(db.get(), qPrintable(a.host), qPrintable(a.user), qPrintable(a.password),
                            qPrintable(a.database), a.port, nullptr, 0))
        qWarning("mysql_real_connect: %s", mysql_error(db.get()));
    return db;
}

QString queryOne(MYSQL *db, const char *sql)
{
    if (mysql_query(db, sql) != 0)
        return QStringLiteral("ERROR ") + QString::fromUtf8(mysql_error(db));
    std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> res(mysql_store_result(db), &mysql_free_result);
    if (!res)
        return {};
    MYSQL_ROW row = mysql_fetch_row(res.get());
    return row && row[0] ? QString::fromUtf8(row[0]) : QString();
}

} // namespace

class TestMariaDb : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        QVERIFY(m_server.address().port != 0);
        QCOMPARE(qEnvironmentVariableIntValue("WP_TEST_DB_PORT"), int(m_server.address().port));
    }

    void queriesOverTcp()
    {
        auto db = connectTo(m_server.address());
        QVERIFY(mysql_errno(db.get()) == 0);
        QVERIFY(QString::fromUtf8(mysql_get_host_info(db.get())).contains(QStringLiteral("TCP")));
        const QString now = queryOne(db.get(), "SELECT UTC_TIMESTAMP(6)");
        QVERIFY2(now.size() == 26, qPrintable(now)); // 2026-11-24 05:13:48.547583
        QCOMPARE(queryOne(db.get(), "SELECT DATABASE()"), m_server.address().database);
    }

    void dataSurvivesRestart()
    {
        {
            auto db = connectTo(m_server.address());
            QCOMPARE(queryOne(db.get(), "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB"), QString());
            QCOMPARE(queryOne(db.get(), "INSERT INTO t VALUES (1, 'kept')"), QString());
        }
        auto restarted = m_server.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error().message));
        auto db = connectTo(m_server.address());
        QCOMPARE(queryOne(db.get(), "SELECT v FROM t WHERE id = 1"), QStringLiteral("kept"));
    }

    void stoppedByPid()
    {
        const qint64 pid = m_server.process().value(QStringLiteral("pid")).toLongLong();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), 0), 0);
        m_server.stop();
        QCOMPARE(::kill(pid_t(pid), 0), -1); // gone, and reaped by its launcher
        auto db = connectTo(m_server.address());
        QVERIFY(mysql_errno(db.get()) != 0);
    }

private:
    test::MariaDbServer m_server;
};

QTEST_GUILESS_MAIN(TestMariaDb)
#include "tst_mariadb.moc"
