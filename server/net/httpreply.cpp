#include <net/httpreply.h>

#include <net/httpconnection.h>
#include <net/logging.h>
#include <protocol/messages.h>

#include <QPointer>

namespace wp::server::net {

struct HttpReply::State {
    QPointer<HttpConnection> connection;
    quint64 connectionId = 0;
    quint64 ticket = 0;
    bool rest = false;
    bool headRequest = false;
    bool closeAfter = false;
    bool answered = false;

    void send(HttpResponse response)
    {
        if (answered)
            return;
        answered = true;
        if (!connection)
            return; // the client has gone; the socket (and its HttpConnection) is deleted
        if (rest)
            response.headers.append(qMakePair(QByteArray(proto::header::kProtocolVersion), QByteArray(proto::kProtocolVersion)));
        connection->respond(ticket, response.serialize(headRequest, closeAfter), closeAfter);
    }

    ~State()
    {
        if (answered)
            return;
        qCWarning(lcHttp) << "connection" << connectionId << "request dropped without an answer: 500";
        send(rest ? HttpResponse::restError(QStringLiteral("no response"))
                  : HttpResponse::error(500, QStringLiteral("no response")));
    }
};

HttpReply::HttpReply(HttpConnection *connection, quint64 ticket, bool rest, bool headRequest, bool closeAfter)
    : m_state(std::make_shared<State>())
{
    m_state->connection = connection;
    m_state->connectionId = connection ? connection->connectionId() : 0;
    m_state->ticket = ticket;
    m_state->rest = rest;
    m_state->headRequest = headRequest;
    m_state->closeAfter = closeAfter;
}

void HttpReply::send(HttpResponse response) const { m_state->send(std::move(response)); }

bool HttpReply::isAnswered() const { return m_state->answered; }

bool HttpReply::isConnected() const { return m_state->connection && m_state->connection->isOpen(); }

quint64 HttpReply::connectionId() const { return m_state->connectionId; }

} // namespace wp::server::net
