#include "mariadbserver.h"

#include <QtGlobal>

namespace wp::test {

Result<void> MariaDbServer::start()
{
    if (qEnvironmentVariableIsSet("WP_TEST_DB_PORT")) {
        m_address.host = qEnvironmentVariable("WP_TEST_DB_HOST", QStringLiteral("127.0.0.1"));
        m_address.port = quint16(qEnvironmentVariableIntValue("WP_TEST_DB_PORT"));
        m_address.user = qEnvironmentVariable("WP_TEST_DB_USER", QStringLiteral("wp"));
        m_address.password = qEnvironmentVariable("WP_TEST_DB_PASSWORD", QStringLiteral("wp"));
        m_address.database = qEnvironmentVariable("WP_TEST_DB_NAME", QStringLiteral("whirlpool"));
        m_address.socket = qEnvironmentVariable("WP_TEST_DB_SOCKET");
        return {};
    }
    if (!m_dir.isValid())
        return fail(QStringLiteral("cannot create a temporary directory for MariaDB"));
    m_address.port = freePort();
    return launch();
}

Result<void> MariaDbServer::launch()
{
    auto started = m_process.start(supportScript(QStringLiteral("mariadb.sh")),
                                   {m_dir.path(), QString::number(m_address.port)});
    if (!started)
        return started;
    m_address.user = m_process.value(QStringLiteral("user"));
    m_address.password = m_process.value(QStringLiteral("password"));
    m_address.database = m_process.value(QStringLiteral("database"));
    m_address.socket = m_process.value(QStringLiteral("socket"));
    qputenv("WP_TEST_DB_HOST", m_address.host.toUtf8());
    qputenv("WP_TEST_DB_PORT", QByteArray::number(m_address.port));
    qputenv("WP_TEST_DB_USER", m_address.user.toUtf8());
    qputenv("WP_TEST_DB_PASSWORD", m_address.password.toUtf8());
    qputenv("WP_TEST_DB_NAME", m_address.database.toUtf8());
    qputenv("WP_TEST_DB_SOCKET", m_address.socket.toUtf8());
    return {};
}

void MariaDbServer::stop()
{
    if (m_process.isRunning()) {
        m_process.stop();
        qunsetenv("WP_TEST_DB_PORT");
    }
}

Result<void> MariaDbServer::restart()
{
    if (!m_dir.isValid() || m_address.port == 0)
        return fail(QStringLiteral("restart() needs a server started by this object"));
    m_process.stop();
    return launch();
}

} // namespace wp::test
