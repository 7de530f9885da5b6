#pragma once

#include <QByteArray>

class QTcpSocket;

namespace wp::server::net {

/// Answers and closes a connection without losing the answer: writes @p response (which
/// should carry "Connection: close"), half-closes the socket once it is flushed (the peer
/// reads the answer, then end-of-stream), and reads and discards whatever the peer still
/// sends until it closes, @p drainMs pass or 1 MiB arrived; then aborts. Closing at once
/// with unread input would make the kernel answer with a RST, which can destroy the answer
/// before the peer reads it, e.g. for a client still uploading a body we refuse.
/// The caller must have removed its own readyRead handlers; whoever deletes the socket on
/// disconnected() still does so.
void respondAndDrain(QTcpSocket *socket, const QByteArray &response, int drainMs);

} // namespace wp::server::net
