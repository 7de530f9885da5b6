#include "migrations.h"

#include "dbconnection.h"
#include "dberror.h"
#include "dblogging.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>

#include <algorithm>

namespace wp::server::db {

namespace {

constexpr auto kLockName = "wp_schema_migrations";
constexpr double kLockWaitStepSeconds = 0.5;

Result<Migrations::Migration> readMigration(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)_[A-Za-z0-9_\\-]+\\.sql$"));
    const auto match = pattern.match(name);
    bool ok = false;
    const int version = match.hasMatch() ? match.captured(1).toInt(&ok) : 0;
    if (!ok || version <= 0)
        return fail(kErrorMigration, QStringLiteral("migration %1: name must be NNNN_description.sql").arg(name));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(kErrorMigration, QStringLiteral("migration %1: %2").arg(path, file.errorString()));
    return Migrations::Migration{version, name, file.readAll()};
}

Result<Migrations> fromFiles(const QString &dirPath)
{
    const QDir dir(dirPath);
    if (!dir.exists())
        return fail(kErrorMigration, QStringLiteral("migration directory %1 not found").arg(dirPath));
    QList<Migrations::Migration> list;
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        auto m = readMigration(dir.filePath(file));
        if (!m)
            return m.error();
        list.append(std::move(*m));
    }
    return Migrations::fromList(std::move(list));
}

bool isCommentLine(QByteArrayView trimmed)
{
    return trimmed.startsWith("--") || trimmed.startsWith("#");
}

} // namespace

Result<QList<int>> Migrations::applyEmbedded(DbConnection &conn)
{
    auto migrations = embedded();
    if (!migrations)
        return migrations.error();
    return migrations->apply(conn);
}

Result<Migrations> Migrations::embedded()
{
    return fromFiles(QStringLiteral(":/wp/db/migrations"));
}

Result<Migrations> Migrations::fromDirectory(const QString &path)
{
    return fromFiles(path);
}

Result<Migrations> Migrations::fromList(QList<Migration> migrations)
{
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version <= 0)
            return fail(kErrorMigration, QStringLiteral("migration %1: version must be positive").arg(migrations[i].name));
        if (i > 0 && migrations[i].version == migrations[i - 1].version)
            return fail(kErrorMigration, QStringLiteral("migrations %1 and %2 have the same version")
                                             .arg(migrations[i - 1].name, migrations[i].name));
    }
    Migrations result;
    result.m_migrations = std::move(migrations);
    return result;
}

QList<QByteArray> Migrations::splitStatements(const QByteArray &sql)
{
    QList<QByteArray> statements;
    QByteArray current;
    const auto flush = [&] {
        const QByteArray statement = current.trimmed();
        if (!statement.isEmpty())
            statements.append(statement);
        current.clear();
    };
    for (const QByteArray &line : sql.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty() || isCommentLine(trimmed))
            continue;
        if (trimmed.endsWith(';')) {
            current += trimmed.chopped(1);
            flush();
        } else {
            current += trimmed;
            current += '\n';
        }
    }
    flush();
    return statements;
}

Result<QList<int>> Migrations::appliedVersions(DbConnection &conn)
{
    auto exists = conn.queryOne("SELECT COUNT(*) FROM information_schema.TABLES "
                                "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'schema_migrations'");
    if (!exists)
        return exists.error();
    if (!*exists || (*exists)->toInt64(0).value_or(0) == 0)
        return QList<int>();
    auto rows = conn.query("SELECT version FROM schema_migrations ORDER BY version");
    if (!rows)
        return rows.error();
    QList<int> versions;
    for (const DbRow &row : *rows)
        versions.append(int(row.toInt64(0).value_or(0)));
    return versions;
}

Result<QList<int>> Migrations::apply(DbConnection &conn, std::chrono::milliseconds lockTimeout) const
{
    if (auto created = conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 " version INT NOT NULL PRIMARY KEY,"
                                 " name VARCHAR(200) NOT NULL,"
                                 " applied_at DATETIME(6) NOT NULL"
                                 ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
        !created)
        return created.error();

    // The named lock serialises migrating processes. GET_LOCK is fine here (and only
    // here): if our session dies, the lock goes with it and so does our migration.
    QDeadlineTimer deadline(lockTimeout);
    for (;;) {
        auto got = conn.queryOne("SELECT GET_LOCK(?, ?)", {QString::fromLatin1(kLockName), kLockWaitStepSeconds});
        if (!got)
            return got.error();
        if (*got && (*got)->toInt64(0) == 1)
            break;
        if (deadline.hasExpired())
            return fail(kErrorMigration, QStringLiteral("could not take the migration lock '%1' within %2 ms")
                                             .arg(QLatin1String(kLockName))
                                             .arg(lockTimeout.count()));
    }
    auto release = qScopeGuard([&conn] {
        if (!conn.isConnected())
            return; // the lock died with the session
        auto released = conn.queryOne("SELECT RELEASE_LOCK(?)", {QString::fromLatin1(kLockName)});
        if (!released)
            qCWarning(lcDb) << "RELEASE_LOCK failed:" << released.error().message;
    });

    auto applied = appliedVersions(conn);
    if (!applied)
        return applied.error();
    QList<int> done;
    for (const Migration &m : m_migrations) {
        if (applied->contains(m.version))
            continue;
        qCInfo(lcDb) << "applying migration" << m.name;
        const QList<QByteArray> statements = splitStatements(m.sql);
        for (qsizetype i = 0; i < statements.size(); ++i) {
            auto r = conn.exec(QUtf8StringView(statements[i]));
            if (!r)
                return Error(r.error().code, QStringLiteral("migration %1, statement %2: %3")
                                                 .arg(m.name)
                                                 .arg(i + 1)
                                                 .arg(r.error().message));
        }
        auto recorded = conn.exec("INSERT INTO schema_migrations (version, name, applied_at) "
                                  "VALUES (?, ?, UTC_TIMESTAMP(6))",
                                  {m.version, m.name});
        if (!recorded)
            return recorded.error();
        done.append(m.version);
    }
    const int newest = applied->isEmpty() ? 0 : *std::max_element(applied->cbegin(), applied->cend());
    if (newest > latestVersion())
        qCInfo(lcDb) << "database schema is at version" << newest << ", newer than this build's" << latestVersion();
    return done;
}

} // namespace wp::server::db
