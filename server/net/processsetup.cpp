#include <net/processsetup.h>

#include <QCoreApplication>
#include <QString>

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace wp::server::net {

namespace {

constexpr rlim_t kUnlimitedCap = 1048576; // fs.nr_open's default

Error errnoError(const char *call)
{
    const int code = errno;
    return Error(code, QStringLiteral("%1: %2").arg(QLatin1String(call), QString::fromLocal8Bit(std::strerror(code))));
}

qint64 toInt(rlim_t v) { return v == RLIM_INFINITY ? -1 : qint64(v); }

} // namespace

Result<FileLimit> fileLimit()
{
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return errnoError("getrlimit");
    return FileLimit{toInt(rl.rlim_cur), toInt(rl.rlim_max)};
}

Result<FileLimit> raiseFileLimit()
{
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return errnoError("getrlimit");
    const rlim_t target = rl.rlim_max == RLIM_INFINITY ? kUnlimitedCap : rl.rlim_max;
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= target)
        return FileLimit{toInt(rl.rlim_cur), toInt(rl.rlim_max)};
    rl.rlim_cur = target;
    if (::setrlimit(RLIMIT_NOFILE, &rl) != 0)
        return errnoError("setrlimit");
    return fileLimit();
}

bool preferUnixEventDispatcher()
{
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    return QCoreApplication::instance() == nullptr;
}

} // namespace wp::server::net
