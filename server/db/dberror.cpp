#include "dberror.h"

namespace wp::server::db {

bool isConnectionError(int code)
{
    switch (code) {
    case 1040: // ER_CON_COUNT_ERROR: too many connections (at connect)
    case 1053: // ER_SERVER_SHUTDOWN
    case 1152: // ER_ABORTING_CONNECTION
    case 1184: // ER_NEW_ABORTING_CONNECTION
    case 1927: // ER_CONNECTION_KILLED
    case 2001: // CR_SOCKET_CREATE_ERROR
    case 2002: // CR_CONNECTION_ERROR
    case 2003: // CR_CONN_HOST_ERROR
    case 2004: // CR_IPSOCK_ERROR
    case 2005: // CR_UNKNOWN_HOST
    case 2006: // CR_SERVER_GONE_ERROR
    case 2011: // CR_TCP_CONNECTION
    case 2012: // CR_SERVER_HANDSHAKE_ERR
    case 2013: // CR_SERVER_LOST (read/write timeouts too)
    case 2014: // CR_COMMANDS_OUT_OF_SYNC: the session state is unknown
    case 2026: // CR_SSL_CONNECTION_ERROR
    case 2048: // CR_INVALID_CONN_HANDLE
    case 2055: // CR_SERVER_LOST_EXTENDED
    case 2056: // CR_STMT_CLOSED (its connection was closed)
    case 4031: // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
    case 5013: // CR_ERR_NET_READ
    case 5014: // CR_ERR_NET_WRITE
    case 5015: // CR_ERR_NET_UNCOMPRESS
        return true;
    default:
        return false;
    }
}

} // namespace wp::server::db
