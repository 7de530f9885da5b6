#pragma once

#include <QNetworkProxy>
#include <QString>

namespace wp::client {

/// How one network identity reaches the coordinator: directly, or through a
/// SOCKS5 proxy (normally Tor) with credentials that select the circuit.
/// Tor's default IsolateSOCKSAuth puts streams with different user/password
/// pairs on different circuits, so two identities that differ only in their
/// credentials still look like two unrelated clients to the coordinator.
/// Plain value type.
struct NetworkIdentity {
    QString proxyHost;   ///< empty: direct connection (no proxy at all, not the system proxy)
    quint16 proxyPort = 0;
    QString user;        ///< SOCKS5 user name (isolation credential)
    QString password;    ///< SOCKS5 password (isolation credential)

    /// True when a SOCKS5 proxy is configured (host and port set).
    bool usesProxy() const { return !proxyHost.isEmpty() && proxyPort != 0; }

    /// The QNetworkProxy for sockets of this identity: Socks5Proxy with the
    /// credentials, or QNetworkProxy::NoProxy (never the application/system default).
    QNetworkProxy toQNetworkProxy() const;

    /// The same proxy with fresh random credentials (a new Tor circuit).
    /// Without a proxy it returns a direct identity: on clearnet the only
    /// separation is a separate TCP connection, which the caller must ensure.
    NetworkIdentity isolated() const;

    friend bool operator==(const NetworkIdentity &, const NetworkIdentity &) = default;
};

} // namespace wp::client
