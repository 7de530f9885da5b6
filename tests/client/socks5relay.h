#pragma once

// A minimal SOCKS5 relay (RFC 1928 CONNECT, RFC 1929 user/password) for the
// client tests: it records the credentials of every connection, so a test can
// check which network identity a connection used. Loopback only, no Q_OBJECT.

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>
#include <utility>

namespace wp::test {

class Socks5Relay {
public:
    Socks5Relay() { QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); }); }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    /// (user, password) of each connection that authenticated, in order.
    QList<QPair<QString, QString>> credentials;
    /// Target port of each CONNECT.
    QList<quint16> targets;
    /// (user, first line the client sent through the tunnel) of each relayed stream.
    QList<QPair<QString, QByteArray>> streams;
    /// Everything each relayed stream sent through the tunnel, in stream order.
    QList<QByteArray> sent;

private:
    struct Conn {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray buffer;
        QString user;
        bool recorded = false;
        qsizetype sentIndex = -1;
        int stage = 0; // 0 greeting, 1 auth, 2 request, 3 relaying
    };

    void accept()
    {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            // Shared by the lambdas of both sockets; freed with the last connection.
            auto c = std::make_shared<Conn>();
            c->client = s;
            QObject::connect(s, &QTcpSocket::readyRead, s, [this, c] { onClient(c); });
            QObject::connect(s, &QTcpSocket::disconnected, s, [c] {
                if (c->upstream)
                    c->upstream->disconnectFromHost();
                if (c->client)
                    c->client->deleteLater();
            });
        }
    }

    void onClient(const std::shared_ptr<Conn> &c)
    {
        c->buffer += c->client->readAll();
        QByteArray &b = c->buffer;
        if (c->stage == 0) {
            if (b.size() < 2 || b.size() < 2 + quint8(b[1]))
                return;
            const bool userPass = b.mid(2, quint8(b[1])).contains('\x02');
            b.remove(0, 2 + quint8(b[1]));
            c->client->write(QByteArray("\x05", 1) + (userPass ? QByteArray("\x02", 1) : QByteArray("\x00", 1)));
            c->stage = userPass ? 1 : 2;
            if (!userPass)
                credentials.append({QString(), QString()});
        }
        if (c->stage == 1) {
            if (b.size() < 2)
                return;
            const int ulen = quint8(b[1]);
            if (b.size() < 3 + ulen || b.size() < 3 + ulen + quint8(b[2 + ulen]))
                return;
            const int plen = quint8(b[2 + ulen]);
            credentials.append({QString::fromUtf8(b.mid(2, ulen)), QString::fromUtf8(b.mid(3 + ulen, plen))});
            c->user = credentials.last().first;
            b.remove(0, 3 + ulen + plen);
            c->client->write(QByteArray("\x01\x00", 2));
            c->stage = 2;
        }
        if (c->stage == 2) {
            if (b.size() < 5)
                return;
            QString host;
            int len = 0;
            if (b[3] == 1) {
                len = 4 + 4 + 2;
                if (b.size() < len)
                    return;
                host = QHostAddress(quint32(quint8(b[4])) << 24 | quint32(quint8(b[5])) << 16 |
                                    quint32(quint8(b[6])) << 8 | quint32(quint8(b[7])))
                           .toString();
            } else if (b[3] == 3) {
                len = 5 + quint8(b[4]) + 2;
                if (b.size() < len)
                    return;
                host = QString::fromLatin1(b.mid(5, quint8(b[4])));
            } else {
                c->client->abort();
                return;
            }
            const quint16 port = quint16(quint8(b[len - 2]) << 8 | quint8(b[len - 1]));
            b.remove(0, len);
            targets.append(port);
            c->stage = 3;
            c->upstream = new QTcpSocket(c->client);
            QTcpSocket *up = c->upstream;
            QObject::connect(up, &QTcpSocket::connected, c->client, [this, c] {
                if (!c->client)
                    return;
                c->client->write(QByteArray("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10));
                if (!c->buffer.isEmpty())
                    forward(c);
            });
            QObject::connect(up, &QTcpSocket::readyRead, c->client, [c] {
                if (c->client && c->upstream)
                    c->client->write(c->upstream->readAll());
            });
            QObject::connect(up, &QTcpSocket::disconnected, c->client, [c] {
                if (c->client)
                    c->client->disconnectFromHost();
            });
            up->connectToHost(host, port);
            return;
        }
        if (c->stage == 3 && c->upstream && c->upstream->state() == QAbstractSocket::ConnectedState)
            forward(c);
    }

    void forward(const std::shared_ptr<Conn> &c)
    {
        if (!c->recorded && c->buffer.contains('\n')) {
            c->recorded = true;
            streams.append({c->user, c->buffer.left(c->buffer.indexOf('\n')).trimmed()});
        }
        if (c->sentIndex < 0) {
            c->sentIndex = sent.size();
            sent.append(QByteArray());
        }
        sent[c->sentIndex] += c->buffer;
        c->upstream->write(std::exchange(c->buffer, {}));
    }

    QTcpServer m_server;
};

} // namespace wp::test
