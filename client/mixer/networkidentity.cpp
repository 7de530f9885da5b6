#include <mixer/networkidentity.h>

#include <crypto/random.h>

namespace wp::client {

QNetworkProxy NetworkIdentity::toQNetworkProxy() const
{
    if (!usesProxy())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    QNetworkProxy proxy(QNetworkProxy::Socks5Proxy, proxyHost, proxyPort, user, password);
    // Resolve names through the proxy: onion addresses only exist there, and a
    // local DNS lookup would leak the coordinator's name.
    proxy.setCapabilities(proxy.capabilities() | QNetworkProxy::HostNameLookupCapability);
    return proxy;
}

NetworkIdentity NetworkIdentity::isolated() const
{
    NetworkIdentity out;
    if (!usesProxy())
        return out;
    out.proxyHost = proxyHost;
    out.proxyPort = proxyPort;
    out.user = QString::fromLatin1(crypto::randomBytes(12).toHex());
    out.password = QString::fromLatin1(crypto::randomBytes(12).toHex());
    return out;
}

} // namespace wp::client
