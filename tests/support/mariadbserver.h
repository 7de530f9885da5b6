#pragma once

#include "serviceprocess.h"

#include <util/result.h>

#include <QString>
#include <QTemporaryDir>

namespace wp::test {

/// Connection data of a MariaDB server handed to tests and to the processes
/// they start, through the environment variables WP_TEST_DB_HOST, _PORT,
/// _USER, _PASSWORD, _NAME, _SOCKET.
struct DbAddress {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString user;
    QString password;
    QString database;
    QString socket;
};

/// A private MariaDB (tests/support/mariadb.sh) in its own temporary datadir on a
/// free port, stopped by PID when destroyed. If WP_TEST_DB_PORT is already set
/// in the environment, that server is used instead and nothing is started.
class MariaDbServer {
public:
    MariaDbServer() = default;
    ~MariaDbServer() { stop(); }

    /// Returns: an error naming why the server could not start (never skips).
    Result<void> start();
    void stop();
    /// Restart on the same datadir and port (database restart tests).
    Result<void> restart();

    const DbAddress &address() const { return m_address; }
    ServiceProcess &process() { return m_process; }

private:
    Result<void> launch();
    QTemporaryDir m_dir;
    ServiceProcess m_process;
    DbAddress m_address;
};

} // namespace wp::test
