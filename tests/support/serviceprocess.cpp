#include "serviceprocess.h"

#include <QDeadlineTimer>
#include <QTcpServer>

#include <csignal>
#include <sys/prctl.h>

namespace wp::test {

ServiceProcess::~ServiceProcess() { stop(); }

Result<void> ServiceProcess::start(const QString &script, const QStringList &args, int timeoutMs)
{
    stop();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(script);
    m_process->setArguments(args);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start();
    if (!m_process->waitForStarted(10000))
        return fail(QStringLiteral("cannot run %1: %2").arg(script, m_process->errorString()));

    QDeadlineTimer deadline(timeoutMs);
    QByteArray out;
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 200)))) {
            while (m_process->canReadLine()) {
                const QByteArray line = m_process->readLine().trimmed();
                if (!line.startsWith("READY"))
                    continue;
                for (const QByteArray &field : line.split(' ')) {
                    const qsizetype eq = field.indexOf('=');
                    if (eq > 0)
                        m_values.insert(QString::fromUtf8(field.left(eq)), QString::fromUtf8(field.mid(eq + 1)));
                }
                return {};
            }
        }
        if (m_process->state() != QProcess::Running) {
            const QString why = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
            return fail(QStringLiteral("%1 exited before it was ready: %2").arg(script, why));
        }
    }
    const QString why = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
    stop();
    return fail(QStringLiteral("%1 not ready after %2 ms %3").arg(script).arg(timeoutMs).arg(why));
}

void ServiceProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM to the script, which stops its service by PID
        if (!m_process->waitForFinished(30000)) {
            signalService(SIGKILL);
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

bool ServiceProcess::signalService(int signal) const
{
    const qint64 pid = value(QStringLiteral("pid")).toLongLong();
    return pid > 0 && ::kill(pid_t(pid), signal) == 0;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot bind a free port on 127.0.0.1: %s", qPrintable(server.errorString()));
    return server.serverPort();
}

QString supportScript(const QString &name)
{
    return QStringLiteral(WP_TEST_SUPPORT_DIR "/") + name;
}

} // namespace wp::test
