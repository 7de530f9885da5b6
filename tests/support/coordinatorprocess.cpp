#include "coordinatorprocess.h"

#include "serviceprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

namespace wp::test {

namespace {

/// One GET with a short timeout; true on HTTP 200.
bool healthy(QNetworkAccessManager &network, const QString &url)
{
    QNetworkRequest request{QUrl(url + QStringLiteral("/rest/system/health"))};
    request.setTransferTimeout(1000);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

} // namespace

CoordinatorProcess::~CoordinatorProcess() { stop(); }

QString CoordinatorProcess::binaryPath() { return QStringLiteral(WP_COORDINATOR_BIN); }

Result<void> CoordinatorProcess::start(const Config &config, int timeoutMs)
{
    stop();
    m_port = config.port ? config.port : freePort();
    const QString ini = m_dir.filePath(QStringLiteral("%1.ini").arg(config.name));
    QFile file(ini);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1").arg(ini));
    QString text = QStringLiteral("[General]\nname = %1\nport = %2\n").arg(config.name).arg(m_port);
    text += QStringLiteral("[db]\nhost = %1\nport = %2\nuser = %3\npassword = %4\nname = %5\n")
                .arg(config.db.host)
                .arg(config.db.port)
                .arg(config.db.user, config.db.password, config.db.database);
    text += QStringLiteral("[node]\nurl = %1\nuser = x\npassword = %2\n").arg(config.nodeUrl, config.nodeApiKey);
    text += QStringLiteral("[fees]\nsecret-words = %1\nsecret-passphrase = %2\nfee-xpub = %3\n")
                .arg(config.feeWords, config.feePassphrase, config.feeXpub);
    text += config.extraIni;
    file.write(text.toUtf8());
    file.close();

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(binaryPath());
    m_process->setArguments({QStringLiteral("--config"), ini});
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("%1.log").arg(config.name)), QIODevice::Append);
    m_process->setStandardErrorFile(m_dir.filePath(QStringLiteral("%1.log").arg(config.name)), QIODevice::Append);
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start();
    if (!m_process->waitForStarted(10000))
        return fail(QStringLiteral("cannot run %1: %2").arg(binaryPath(), m_process->errorString()));

    QNetworkAccessManager network;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(0))
            return fail(QStringLiteral("whirlpool-coordinator exited: %1").arg(logText().trimmed().right(400)));
        if (healthy(network, url()))
            return {};
        QThread::msleep(50);
    }
    return fail(QStringLiteral("whirlpool-coordinator not healthy after %1 ms: %2").arg(timeoutMs).arg(logText().right(400)));
}

void CoordinatorProcess::stop(int graceMs)
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        signal(SIGCONT); // a stopped process cannot handle SIGTERM
        m_process->terminate();
        if (!m_process->waitForFinished(graceMs)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

bool CoordinatorProcess::signal(int sig) const
{
    const qint64 p = pid();
    return p > 0 && ::kill(pid_t(p), sig) == 0;
}

bool CoordinatorProcess::waitForExit(int timeoutMs)
{
    return !m_process || m_process->state() == QProcess::NotRunning || m_process->waitForFinished(timeoutMs);
}

int CoordinatorProcess::exitCode() const
{
    if (!m_process || m_process->state() != QProcess::NotRunning || m_process->exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process->exitCode();
}

bool CoordinatorProcess::isRunning() const { return m_process && m_process->state() == QProcess::Running; }

qint64 CoordinatorProcess::pid() const { return m_process ? m_process->processId() : 0; }

QString CoordinatorProcess::logText() const
{
    QString text;
    for (const QString &name : m_dir.isValid() ? QDir(m_dir.path()).entryList({QStringLiteral("*.log")}) : QStringList()) {
        QFile f(m_dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            text += QString::fromUtf8(f.readAll());
    }
    return text;
}

} // namespace wp::test
