#pragma once

#include <QObject>
#include <QTimer>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::server {

/// The node's block height, refreshed every @p refreshMs (the classic coordinator
/// refreshed every 120 s; registrations compare the client's height with it).
///
/// Thread affinity: the event-loop thread.
class ChainTip : public QObject {
    Q_OBJECT
public:
    ChainTip(wp::net::NodeRpcClient &node, int refreshMs, QObject *parent = nullptr);

    /// Starts refreshing; the first answer arrives asynchronously.
    void start();
    /// The last height seen, or -1 before the first answer.
    int height() const { return m_height; }

Q_SIGNALS:
    void heightChanged(int height);

private:
    void refresh();

    wp::net::NodeRpcClient &m_node;
    QTimer m_timer;
    int m_height = -1;
};

} // namespace wp::server
