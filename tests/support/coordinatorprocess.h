#pragma once

#include "mariadbserver.h"

#include <util/result.h>

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace wp::test {

/// A real `whirlpool-coordinator` process for integration tests: writes its INI
/// file, starts it (on a free port unless given), waits until its health probe
/// answers, and stops it by PID (SIGTERM, then SIGKILL) when destroyed. The child
/// gets SIGTERM if the test process dies. Its log is kept in a file.
///
/// Thread affinity: the creating thread; start() blocks it (tests only).
class CoordinatorProcess {
public:
    struct Config {
        QString name = QStringLiteral("test");
        quint16 port = 0; ///< 0: a free port
        DbAddress db;
        QString nodeUrl;
        QString nodeApiKey;
        QString feeWords;
        QString feePassphrase;
        QString feeXpub;
        /// Extra INI text appended as is (pools, timings, ...).
        QString extraIni;
    };

    CoordinatorProcess() = default;
    ~CoordinatorProcess();
    CoordinatorProcess(const CoordinatorProcess &) = delete;
    CoordinatorProcess &operator=(const CoordinatorProcess &) = delete;

    /// Returns: an error quoting the coordinator's own last log lines if it does not come up.
    Result<void> start(const Config &config, int timeoutMs = 30000);
    /// SIGTERM and wait (graceful stop); SIGKILL after @p graceMs.
    void stop(int graceMs = 15000);
    /// Sends @p signal (SIGKILL, SIGSTOP, SIGCONT) to the process.
    bool signal(int signal) const;
    bool isRunning() const;
    /// Waits until the process ends by itself (after SIGTERM, say). Returns: false on timeout.
    /// The event loop is not run meanwhile.
    bool waitForExit(int timeoutMs);
    /// Exit code of a process that ended normally, -1 if it was killed or still runs.
    int exitCode() const;
    qint64 pid() const;

    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString logText() const;

    /// Path of the built whirlpool-coordinator binary.
    static QString binaryPath();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace wp::test
