#pragma once

#include <status/adminforms.h>

#include <util/result.h>

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace wp::server::db {
class Database;
class DbConnection;
}

namespace wp::server::status {

/// One active row of the shared `ban` table (expiration NULL = permanent, as MixStore reads it).
struct ActiveBan {
    QString identifier;              ///< "txid:index" or a txid (whole Tx0)
    std::optional<qint64> expiresAtUs; ///< UTC microseconds; nullopt: permanent
    QString response;
    QString notes;
    qint64 createdAtUs = 0;
};

/// One row of `tx0_whitelist`.
struct WhitelistedTx0 {
    QString txid;
    qint64 createdAtUs = 0;
};

/// What the admin page lists.
struct AdminData {
    QList<ActiveBan> bans;      ///< newest first, at most the limit asked for
    qint64 activeBanCount = 0;  ///< all of them
    QList<WhitelistedTx0> whitelist; ///< newest first
};

/// Admin users, bans and the Tx0 whitelist in the shared database (tables admin_user,
/// ban, tx0_whitelist of migration 0001). Bans and whitelist rows take effect on every
/// instance at once: input validation reads these tables per request.
///
/// The static functions are blocking (a Database worker job, the --add-admin command,
/// tests); the member functions run them as one Database job each and call @p done on
/// @p context's thread (not at all if @p context is gone). Errors: the MySQL errno and
/// message.
class AdminStore {
public:
    template <typename T>
    using Done = std::function<void(Result<T>)>;

    explicit AdminStore(db::Database &database) : m_db(database) {}

    /// A login is 1-100 characters of printable text without surrounding spaces.
    /// Returns: an empty string if acceptable, else the reason.
    static QString loginProblem(const QString &login);

    /// Creates admin @p login, or sets a new password if it exists.
    /// Returns: true if the user was created, false if its password was replaced.
    static Result<bool> upsertUser(db::DbConnection &conn, const QString &login, const QString &passwordHash);
    /// The stored password hash of @p login (logins compare case-insensitively), or nullopt.
    static Result<std::optional<QString>> passwordHashOf(db::DbConnection &conn, const QString &login);
    /// Active bans (at most @p maxBans) and the whole whitelist (at most @p maxWhitelist).
    static Result<AdminData> readAdminData(db::DbConnection &conn, int maxBans = 500, int maxWhitelist = 500);
    /// Inserts a ban (permanent when request.expiryMinutes is nullopt); notes name @p adminLogin.
    static Result<void> addBan(db::DbConnection &conn, const BanRequest &request, const QString &adminLogin);
    /// Ends every active ban of @p identifier now (rows are kept, expired, for the history).
    /// Returns: the number of bans lifted (0: it was not banned).
    static Result<int> liftBan(db::DbConnection &conn, const QString &identifier, const QString &adminLogin);
    /// Returns: false if @p txid was already whitelisted.
    static Result<bool> addWhitelist(db::DbConnection &conn, const QString &txid);
    /// Returns: false if @p txid was not whitelisted.
    static Result<bool> removeWhitelist(db::DbConnection &conn, const QString &txid);

    void passwordHashOf(const QString &login, QObject *context, Done<std::optional<QString>> done);
    void readAdminData(QObject *context, Done<AdminData> done);
    void addBan(const BanRequest &request, const QString &adminLogin, QObject *context, Done<void> done);
    void liftBan(const QString &identifier, const QString &adminLogin, QObject *context, Done<int> done);
    void addWhitelist(const QString &txid, QObject *context, Done<bool> done);
    void removeWhitelist(const QString &txid, QObject *context, Done<bool> done);

private:
    db::Database &m_db;
};

} // namespace wp::server::status
