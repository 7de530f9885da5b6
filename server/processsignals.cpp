#include <processsignals.h>

#include <logging.h>

#include <net/processsetup.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace wp::server {

namespace {

int s_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const auto written = ::write(s_signalPipe[1], &byte, 1);
}

} // namespace

void configureProcess(const CoordinatorOptions &options)
{
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}W %{endif}%{if-critical}C %{endif}"
                                      "%{category}: %{message}"));
    if (!options.logRules.isEmpty())
        QLoggingCategory::setFilterRules(QString(options.logRules).replace(QLatin1Char(','), QLatin1Char('\n')));
    auto limit = net::raiseFileLimit();
    if (!limit)
        qCWarning(lcCoordinator).noquote() << "cannot raise the file descriptor limit:" << limit.error().message;
}

void stopOnTerminationSignals(QCoreApplication *app, std::function<void(std::function<void()> quit)> gracefulStop)
{
    if (::pipe2(s_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        qCWarning(lcCoordinator) << "cannot watch termination signals";
        return;
    }
    auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app,
                     [app, gracefulStop = std::move(gracefulStop), signals = 0]() mutable {
                         char byte = 0;
                         int received = 0;
                         while (::read(s_signalPipe[0], &byte, 1) > 0)
                             ++received;
                         if (received == 0)
                             return;
                         if (signals++ > 0 || received > 1) {
                             qCInfo(lcCoordinator) << "second termination signal: stopping now";
                             app->quit();
                             return;
                         }
                         qCInfo(lcCoordinator) << "termination signal: draining (send it again to stop at once)";
                         gracefulStop([app] { app->quit(); });
                     });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

} // namespace wp::server
