#pragma once

#include <util/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>

namespace wp::server::db {

class DbConnection;

/// The schema's numbered migrations and the code that applies them.
///
/// Files: `server/db/migrations/NNNN_description.sql` (NNNN = version, a positive
/// integer, unique), compiled in as `:/wp/db/migrations/` resources. Never edit a
/// migration once released: add the next number.
///
/// Statement rule: a file holds one or more statements, each ending with ';' as
/// the last non-blank character of a line. Lines whose first non-blank characters
/// are `--` or `#` are comments and dropped. So a ';' inside a statement is fine
/// as long as it does not end a line (string literals, JSON), and a statement may
/// span lines. Each statement runs as a prepared statement (MariaDB prepares DDL).
///
/// DDL commits implicitly, so a migration that fails half-way stays half-applied
/// and is not recorded: write statements that can run again (CREATE TABLE IF NOT
/// EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS) so a fixed rerun
/// completes it. Instances of the previous version keep running while a newer one
/// migrates (DESIGN §2.3): migrations add, they do not remove what old code uses.
///
/// Thread affinity: value type; apply() blocks its thread (start-up, a worker
/// thread, or Database::runSync()).
class Migrations {
public:
    struct Migration {
        int version = 0;
        QString name; ///< file name, e.g. "0001_initial.sql"
        QByteArray sql;
    };

    /// The migrations compiled into the binary (:/wp/db/migrations).
    /// Returns: an error (kErrorMigration) for a badly named or duplicate file.
    [[nodiscard]] static Result<Migrations> embedded();
    /// The *.sql migrations of a directory (tests, tools).
    [[nodiscard]] static Result<Migrations> fromDirectory(const QString &path);
    /// Migrations given in code (tests). Returns: an error for a duplicate or
    /// non-positive version.
    [[nodiscard]] static Result<Migrations> fromList(QList<Migration> migrations);

    /// Splits a migration file into statements by the rule above.
    static QList<QByteArray> splitStatements(const QByteArray &sql);

    /// In ascending version order.
    const QList<Migration> &migrations() const { return m_migrations; }
    /// The highest version known to this build (0 when there are none).
    int latestVersion() const { return m_migrations.isEmpty() ? 0 : m_migrations.last().version; }

    /// Creates `schema_migrations(version, name, applied_at)` if missing, takes the
    /// named lock `wp_schema_migrations` (GET_LOCK, migrations only: waited for in
    /// 0.5 s steps so no single statement nears the read timeout, for at most
    /// @p lockTimeout), applies every migration whose version is not recorded, in
    /// order, recording each one, and releases the lock. Safe to run from several
    /// processes at once: each migration is applied exactly once. Versions found in
    /// the table but unknown here (a newer instance migrated first) are left alone.
    /// Returns: the versions applied now (empty when up to date), or the error of
    /// the failing statement (its migration is not recorded), kErrorMigration
    /// when the lock could not be taken in time.
    [[nodiscard]] Result<QList<int>> apply(DbConnection &conn,
                                           std::chrono::milliseconds lockTimeout = std::chrono::seconds(30)) const;

    /// embedded() then apply(): brings @p conn's schema up to this build's.
    /// Returns: the versions applied now, or the first error of either step.
    [[nodiscard]] static Result<QList<int>> applyEmbedded(DbConnection &conn);

    /// The versions recorded in schema_migrations (empty if the table is missing).
    [[nodiscard]] static Result<QList<int>> appliedVersions(DbConnection &conn);

private:
    QList<Migration> m_migrations;
};

} // namespace wp::server::db
