#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>

namespace wp::server::net {

/// Limits of the one-port front door: accept, request head, WebSocket handshake,
/// connection caps. Every value is configurable; the defaults are production values.
struct FrontDoorConfig {
    int headTimeoutMs = 10000;      ///< the first request head must arrive within this (QHttpServer 6.4 has no timeout)
    int headMaxBytes = 8192;        ///< a longer head gets 431 and the connection is closed
    int handshakeTimeoutMs = 10000; ///< WebSocket handshake after the head was seen
    /// Open sockets (HTTP + WebSocket + heads in flight). 0 = the fd limit minus 256
    /// (kept for the database, the node and files). Over the cap: 503.
    int maxConnections = 0;
    /// Open sockets per peer (IPv4 address, IPv6 /64). 0 = unlimited. Over the cap: 503.
    int maxConnectionsPerIp = 64;
    /// Peers without a per-IP cap. Loopback by default: a Tor onion service delivers every
    /// client from 127.0.0.1, so a per-IP cap there would cap all Tor users together.
    QList<QHostAddress> perIpExempt{QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    /// 0 = the soft RLIMIT_NOFILE. An accepted fd >= fdLimit - fdReserve is answered 503 and
    /// closed at once: Qt 6.4's QTcpServer spins at 100 % CPU when accept() hits EMFILE.
    int fdLimit = 0;
    int fdReserve = 64;
    int listenBacklog = 1024; ///< the kernel caps it at net.core.somaxconn
    int lingerMs = 5000;      ///< a closing socket that cannot flush (peer not reading) is aborted after this
    int drainMs = 2000;       ///< after an error answer (400, 413, 503, ...) input is read and dropped this long
};

/// Limits of HTTP connections handed to QHttpServer.
struct HttpConfig {
    qint64 maxBodyBytes = 64 * 1024; ///< a larger request body gets 413
    int requestTimeoutMs = 10000;    ///< from a request's first byte to its last (slow-loris guard)
    int idleTimeoutMs = 20000;       ///< a keep-alive connection without a request is closed after this
};

/// STOMP 1.2 session settings (classic Whirlpool: heart-beats 20000,20000).
struct StompConfig {
    int heartBeatSendMs = 20000;   ///< the interval we offer to send heart-beats at (CONNECTED "sx")
    int heartBeatExpectMs = 20000; ///< the interval we want heart-beats at (CONNECTED "sy"); silence for 2x closes
    int connectTimeoutMs = 10000;  ///< CONNECT must arrive within this after the upgrade
    int sweepIntervalMs = 1000;    ///< period of the heart-beat/timeout sweep over all sessions
    qint64 maxMessageBytes = 64 * 1024; ///< larger WebSocket messages or frames close with 1009
    double rateLimitPerSecond = 50; ///< incoming frames (heart-beats included); <= 0 = unlimited
    int rateLimitBurst = 100;
    int maxSubscriptions = 16;      ///< per session
    QByteArray serverName = "whirlpool-coordinator"; ///< CONNECTED "server" header
};

/// Everything the network layer needs, grouped by component.
struct NetConfig {
    FrontDoorConfig door;
    HttpConfig http;
    StompConfig stomp;
};

} // namespace wp::server::net
