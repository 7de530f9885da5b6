#pragma once

#include <util/result.h>

#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace wp::test {

/// Runs one of the tests/support launcher scripts (mariadb.sh, bcoin.sh) as a
/// child process, waits for its "READY key=value ..." line and stops it by
/// PID (SIGTERM, then SIGKILL after a grace period) when destroyed. The child
/// also receives SIGTERM if the test process dies (PR_SET_PDEATHSIG), so a
/// crashed test never leaves a server behind.
///
/// Thread affinity: the thread that creates it; start() blocks that thread
/// (acceptable in tests only).
class ServiceProcess {
public:
    ServiceProcess() = default;
    ~ServiceProcess();
    ServiceProcess(const ServiceProcess &) = delete;
    ServiceProcess &operator=(const ServiceProcess &) = delete;

    /// Starts `script args...` and waits up to @p timeoutMs for the READY line.
    /// Returns: an error with the script's own one-line reason if it fails.
    Result<void> start(const QString &script, const QStringList &args, int timeoutMs = 60000);

    /// Stops the service by PID and waits for it (idempotent).
    void stop();

    /// SIGSTOP / SIGCONT / SIGKILL the service itself (not the script), for fault tests.
    bool signalService(int signal) const;

    /// The key=value pairs of the READY line (port, pid, url, ...).
    QString value(const QString &key) const { return m_values.value(key); }
    qint64 scriptPid() const { return m_process ? m_process->processId() : 0; }
    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }

private:
    std::unique_ptr<QProcess> m_process;
    QHash<QString, QString> m_values;
};

/// A free TCP port on 127.0.0.1 (bound to 0 and released; the small race is
/// accepted in tests, and services report a clear error if they lose it).
quint16 freePort();

/// Absolute path of a launcher script in tests/support.
QString supportScript(const QString &name);

} // namespace wp::test
