#include <net/socketdrain.h>

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

#include <memory>

namespace wp::server::net {

namespace {
constexpr qint64 kMaxDrainBytes = 1 << 20;
}

void respondAndDrain(QTcpSocket *socket, const QByteArray &response, int drainMs)
{
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    auto drained = std::make_shared<qint64>(socket->readAll().size());
    QObject::connect(socket, &QIODevice::readyRead, socket, [socket, drained] {
        *drained += socket->readAll().size();
        if (*drained > kMaxDrainBytes)
            socket->abort();
    });
    const auto halfClose = [socket] {
        if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    QObject::connect(socket, &QIODevice::bytesWritten, socket, halfClose);
    socket->write(response);
    socket->flush();
    halfClose();
    QTimer::singleShot(drainMs, socket, [socket] { socket->abort(); });
}

} // namespace wp::server::net
