#pragma once

#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace wp::proto {

/// One STOMP 1.2 frame (https://stomp.github.io/stomp-specification-1.2.html):
/// command, ordered headers (the first occurrence of a name wins, as the spec
/// says), and a body. Values are stored unescaped.
class StompFrame {
public:
    StompFrame() = default;
    explicit StompFrame(QByteArray command) : m_command(std::move(command)) {}

    const QByteArray &command() const { return m_command; }
    const QByteArray &body() const { return m_body; }
    void setBody(QByteArray body) { m_body = std::move(body); }

    /// Value of the first header named @p name, or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    /// Appends a header (callers add each name once).
    void addHeader(QByteArray name, QByteArray value);
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }

    /// Wire form: headers escaped (except in CONNECT/CONNECTED, per the spec),
    /// a content-length header when the body is not empty, and the NUL terminator.
    QByteArray serialize() const;

    /// Parses exactly one frame (optionally preceded by heart-beat EOLs and
    /// followed by EOLs). Returns: an error for an unknown command, a header line
    /// without ':', a bad escape, a wrong content-length, a missing NUL, too many
    /// or too long headers, or trailing data.
    static Result<StompFrame> parse(QByteArrayView data);

    /// Parses a WebSocket message that may hold zero frames (a heart-beat "\n"),
    /// one frame, or several frames back to back.
    static Result<QList<StompFrame>> parseAll(QByteArrayView data);

    static constexpr int kMaxHeaders = 64;
    static constexpr int kMaxHeaderLineLength = 8192;

private:
    QByteArray m_command;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
};

/// STOMP frame commands (client and server).
namespace stomp {
inline constexpr char kConnect[] = "CONNECT";
inline constexpr char kStomp[] = "STOMP";
inline constexpr char kConnected[] = "CONNECTED";
inline constexpr char kSend[] = "SEND";
inline constexpr char kSubscribe[] = "SUBSCRIBE";
inline constexpr char kUnsubscribe[] = "UNSUBSCRIBE";
inline constexpr char kDisconnect[] = "DISCONNECT";
inline constexpr char kMessage[] = "MESSAGE";
inline constexpr char kReceipt[] = "RECEIPT";
inline constexpr char kError[] = "ERROR";
} // namespace stomp

} // namespace wp::proto
