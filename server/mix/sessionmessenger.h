#pragma once

#include <QJsonObject>
#include <QString>

namespace wp::server::mix {

/// How the mixing engine talks to clients: a MESSAGE on the session's
/// `/private/reply` subscription with the classic `messageType` header. The
/// STOMP controller implements it; sending to a session that is gone is a no-op.
class SessionMessenger {
public:
    virtual ~SessionMessenger() = default;
    virtual void sendToSession(const QString &sessionId, const char *messageType, const QJsonObject &body) = 0;
};

} // namespace wp::server::mix
