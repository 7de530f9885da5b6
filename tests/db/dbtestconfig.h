#pragma once

#include <mariadbserver.h>

#include <db/dbconfig.h>

namespace wp::test {

/// The coordinator's database settings for a test MariaDB.
inline server::db::DbConfig dbConfigFor(const DbAddress &a)
{
    server::db::DbConfig c;
    c.host = a.host;
    c.port = a.port;
    c.user = a.user;
    c.password = a.password;
    c.database = a.database;
    return c;
}

} // namespace wp::test
