#include <status/adminstore.h>

#include <db/database.h>
#include <db/dbconnection.h>

#include <algorithm>

namespace wp::server::status {

using db::DbConnection;

QString AdminStore::loginProblem(const QString &login)
{
    if (login.isEmpty() || login.size() > 100)
        return QStringLiteral("a login has 1 to 100 characters");
    if (login.trimmed() != login)
        return QStringLiteral("a login has no leading or trailing spaces");
    if (std::any_of(login.begin(), login.end(), [](QChar c) { return !c.isPrint(); }))
        return QStringLiteral("a login is printable text");
    return {};
}

Result<bool> AdminStore::upsertUser(DbConnection &conn, const QString &login, const QString &passwordHash)
{
    auto r = conn.exec("INSERT INTO admin_user (login, password_hash, created) VALUES (?, ?, UTC_TIMESTAMP(6))"
                       " ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash)",
                       {login, passwordHash});
    if (!r)
        return r.error();
    return r->affectedRows == 1;
}

Result<std::optional<QString>> AdminStore::passwordHashOf(DbConnection &conn, const QString &login)
{
    auto row = conn.queryOne("SELECT password_hash FROM admin_user WHERE login = ?", {login});
    if (!row)
        return row.error();
    if (!row->has_value())
        return std::optional<QString>();
    return std::optional<QString>((*row)->toString(0).value_or(QString()));
}

Result<AdminData> AdminStore::readAdminData(DbConnection &conn, int maxBans, int maxWhitelist)
{
    AdminData data;
    auto bans = conn.query("SELECT identifier, expiration, response, notes, created FROM ban"
                           " WHERE expiration IS NULL OR expiration > UTC_TIMESTAMP(6)"
                           " ORDER BY created DESC, id DESC LIMIT ?",
                           {maxBans});
    if (!bans)
        return bans.error();
    for (const db::DbRow &row : *bans) {
        ActiveBan b;
        b.identifier = row.toString(0).value_or(QString());
        b.expiresAtUs = row.toEpochMicros(1);
        b.response = row.toString(2).value_or(QString());
        b.notes = row.toString(3).value_or(QString());
        b.createdAtUs = row.toEpochMicros(4).value_or(0);
        data.bans.append(b);
    }
    auto count = conn.queryOne("SELECT COUNT(*) FROM ban WHERE expiration IS NULL OR expiration > UTC_TIMESTAMP(6)");
    if (!count)
        return count.error();
    data.activeBanCount = count->has_value() ? (*count)->toInt64(0).value_or(0) : 0;
    auto whitelist = conn.query("SELECT txid, created FROM tx0_whitelist ORDER BY created DESC, id DESC LIMIT ?",
                                {maxWhitelist});
    if (!whitelist)
        return whitelist.error();
    for (const db::DbRow &row : *whitelist)
        data.whitelist.append(WhitelistedTx0{row.toString(0).value_or(QString()), row.toEpochMicros(1).value_or(0)});
    return data;
}

Result<void> AdminStore::addBan(DbConnection &conn, const BanRequest &request, const QString &adminLogin)
{
    const QString notes = QStringLiteral("manual ban by admin %1").arg(adminLogin).left(1000);
    auto r = request.expiryMinutes
                 ? conn.exec("INSERT INTO ban (identifier, expiration, response, notes, created)"
                             " VALUES (?, UTC_TIMESTAMP(6) + INTERVAL ? MINUTE, ?, ?, UTC_TIMESTAMP(6))",
                             {request.identifier, *request.expiryMinutes, request.response, notes})
                 : conn.exec("INSERT INTO ban (identifier, expiration, response, notes, created)"
                             " VALUES (?, NULL, ?, ?, UTC_TIMESTAMP(6))",
                             {request.identifier, request.response, notes});
    if (!r)
        return r.error();
    return {};
}

Result<int> AdminStore::liftBan(DbConnection &conn, const QString &identifier, const QString &adminLogin)
{
    auto r = conn.exec("UPDATE ban SET expiration = UTC_TIMESTAMP(6), notes = LEFT(CONCAT_WS(' / ', notes, ?), 1000)"
                       " WHERE identifier = ? AND (expiration IS NULL OR expiration > UTC_TIMESTAMP(6))",
                       {QStringLiteral("lifted by admin %1").arg(adminLogin), identifier});
    if (!r)
        return r.error();
    return int(r->affectedRows);
}

Result<bool> AdminStore::addWhitelist(DbConnection &conn, const QString &txid)
{
    auto r = conn.exec("INSERT IGNORE INTO tx0_whitelist (txid, created) VALUES (?, UTC_TIMESTAMP(6))", {txid});
    if (!r)
        return r.error();
    return r->affectedRows == 1;
}

Result<bool> AdminStore::removeWhitelist(DbConnection &conn, const QString &txid)
{
    auto r = conn.exec("DELETE FROM tx0_whitelist WHERE txid = ?", {txid});
    if (!r)
        return r.error();
    return r->affectedRows > 0;
}

void AdminStore::passwordHashOf(const QString &login, QObject *context, Done<std::optional<QString>> done)
{
    m_db.run<std::optional<QString>>(
        context, [login](DbConnection &c) { return passwordHashOf(c, login); }, std::move(done));
}

void AdminStore::readAdminData(QObject *context, Done<AdminData> done)
{
    m_db.run<AdminData>(context, [](DbConnection &c) { return readAdminData(c); }, std::move(done));
}

void AdminStore::addBan(const BanRequest &request, const QString &adminLogin, QObject *context, Done<void> done)
{
    m_db.run<void>(
        context, [request, adminLogin](DbConnection &c) { return addBan(c, request, adminLogin); }, std::move(done));
}

void AdminStore::liftBan(const QString &identifier, const QString &adminLogin, QObject *context, Done<int> done)
{
    m_db.run<int>(
        context, [identifier, adminLogin](DbConnection &c) { return liftBan(c, identifier, adminLogin); },
        std::move(done));
}

void AdminStore::addWhitelist(const QString &txid, QObject *context, Done<bool> done)
{
    m_db.run<bool>(context, [txid](DbConnection &c) { return addWhitelist(c, txid); }, std::move(done));
}

void AdminStore::removeWhitelist(const QString &txid, QObject *context, Done<bool> done)
{
    m_db.run<bool>(context, [txid](DbConnection &c) { return removeWhitelist(c, txid); }, std::move(done));
}

} // namespace wp::server::status
