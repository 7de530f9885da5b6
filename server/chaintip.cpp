#include <chaintip.h>

#include <logging.h>

#include <net/noderpcclient.h>

namespace wp::server {

ChainTip::ChainTip(wp::net::NodeRpcClient &node, int refreshMs, QObject *parent) : QObject(parent), m_node(node)
{
    m_timer.setInterval(refreshMs);
    connect(&m_timer, &QTimer::timeout, this, &ChainTip::refresh);
}

void ChainTip::start()
{
    refresh();
    m_timer.start();
}

void ChainTip::refresh()
{
    m_node.getBlockCount(this, [this](Result<int> height) {
        if (!height) {
            qCWarning(lcCoordinator).noquote() << "cannot read the chain tip:" << height.error().message;
            return;
        }
        if (*height != m_height) {
            m_height = *height;
            Q_EMIT heightChanged(m_height);
        }
    });
}

} // namespace wp::server
