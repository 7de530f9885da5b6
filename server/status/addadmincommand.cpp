#include <status/addadmincommand.h>

#include <status/adminstore.h>
#include <status/passwordhash.h>

#include <coordinatoroptions.h>
#include <db/database.h>
#include <db/migrations.h>

#include <QByteArray>
#include <QLoggingCategory>

#include <termios.h>
#include <unistd.h>

namespace wp::server::status {

std::optional<QString> readAdminPassword(std::FILE *in, std::FILE *prompt)
{
    if (qEnvironmentVariableIsSet("WP_ADMIN_PASSWORD"))
        return qEnvironmentVariable("WP_ADMIN_PASSWORD");
    const int fd = ::fileno(in);
    termios saved{};
    const bool terminal = ::isatty(fd) && ::tcgetattr(fd, &saved) == 0;
    if (terminal) {
        std::fputs("Password: ", prompt);
        std::fflush(prompt);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        (void)::tcsetattr(fd, TCSAFLUSH, &silent);
    }
    QByteArray line;
    bool any = false;
    for (int c = std::fgetc(in); c != EOF && c != '\n'; c = std::fgetc(in)) {
        any = true;
        line.append(char(c));
    }
    const bool ended = std::feof(in) && !any;
    if (terminal) {
        (void)::tcsetattr(fd, TCSAFLUSH, &saved);
        std::fputs("\n", prompt);
    }
    if (ended)
        return std::nullopt;
    if (line.endsWith('\r'))
        line.chop(1);
    QString password = QString::fromUtf8(line);
    line.fill('\0');
    return password;
}

int runAddAdminCommand(const CoordinatorOptions &options, std::FILE *out, std::FILE *err)
{
    // One line of output: the database layer's own warnings and migration notes stay quiet.
    QLoggingCategory::setFilterRules(QStringLiteral("wp.*=false"));
    auto failWith = [err](const QString &reason) {
        std::fprintf(err, "whirlpool-coordinator: --add-admin: %s\n", qPrintable(reason));
        return 1;
    };
    const QString login = options.addAdminLogin;
    if (const QString problem = AdminStore::loginProblem(login); !problem.isEmpty())
        return failWith(problem);
    const auto password = readAdminPassword(stdin, err);
    if (!password)
        return failWith(QStringLiteral("no password: set WP_ADMIN_PASSWORD or write it on standard input"));
    if (const QString problem = passwordProblem(*password); !problem.isEmpty())
        return failWith(problem);
    const QString hash = hashPassword(*password);

    db::DbConfig config;
    config.host = options.db.host;
    config.port = options.db.port;
    config.user = options.db.user;
    config.password = options.db.password;
    config.database = options.db.database;
    config.unixSocket = options.db.socket;
    config.poolSize = 1;
    db::Database database(config);
    auto created = database.runSync<bool>([&](db::DbConnection &c) -> Result<bool> {
        if (auto applied = db::Migrations::applyEmbedded(c); !applied)
            return applied.error();
        return AdminStore::upsertUser(c, login, hash);
    });
    if (!created)
        return failWith(QStringLiteral("database: %1").arg(created.error().message));
    std::fprintf(out, "%s\n",
                 qPrintable(*created ? QStringLiteral("admin user '%1' created").arg(login)
                                     : QStringLiteral("password of admin user '%1' replaced").arg(login)));
    return 0;
}

} // namespace wp::server::status
