#include <protocol/stompframe.h>

#include <algorithm>
#include <array>

namespace wp::proto {

namespace {

constexpr std::array<const char *, 15> kCommands = {
    "CONNECT", "STOMP", "CONNECTED", "SEND", "SUBSCRIBE", "UNSUBSCRIBE", "ACK", "NACK",
    "BEGIN", "COMMIT", "ABORT", "DISCONNECT", "MESSAGE", "RECEIPT", "ERROR"};

bool isKnownCommand(QByteArrayView c)
{
    return std::any_of(kCommands.begin(), kCommands.end(), [&](const char *k) { return c == QByteArrayView(k); });
}

bool escapesHeaders(QByteArrayView command) { return command != "CONNECT" && command != "CONNECTED"; }

QByteArray escape(QByteArrayView v)
{
    QByteArray out;
    out.reserve(v.size());
    for (char c : v) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case ':': out += "\\c"; break;
        default: out += c;
        }
    }
    return out;
}

std::optional<QByteArray> unescape(QByteArrayView v)
{
    QByteArray out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v[i] != '\\') {
            out += v[i];
            continue;
        }
        if (++i == v.size())
            return std::nullopt;
        switch (v[i]) {
        case '\\': out += '\\'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 'c': out += ':'; break;
        default: return std::nullopt; // undefined escapes are fatal per the spec
        }
    }
    return out;
}

/// Reads one line ending in LF or CRLF at @p pos; advances @p pos past it.
std::optional<QByteArrayView> readLine(QByteArrayView data, qsizetype &pos)
{
    const qsizetype nl = data.indexOf('\n', pos);
    if (nl < 0)
        return std::nullopt;
    qsizetype end = nl;
    if (end > pos && data[end - 1] == '\r')
        --end;
    QByteArrayView line = data.sliced(pos, end - pos);
    pos = nl + 1;
    return line;
}

void skipEols(QByteArrayView data, qsizetype &pos)
{
    while (pos < data.size()) {
        if (data[pos] == '\n')
            ++pos;
        else if (data[pos] == '\r' && pos + 1 < data.size() && data[pos + 1] == '\n')
            pos += 2;
        else
            break;
    }
}

/// Parses one frame starting at @p pos (no leading EOLs); advances past its NUL.
Result<StompFrame> parseOne(QByteArrayView data, qsizetype &pos)
{
    const auto commandLine = readLine(data, pos);
    if (!commandLine)
        return fail(QStringLiteral("STOMP frame without a command line"));
    if (!isKnownCommand(*commandLine))
        return fail(QStringLiteral("unknown STOMP command"));
    StompFrame frame(commandLine->toByteArray());
    const bool escaped = escapesHeaders(*commandLine);

    int count = 0;
    bool sawLength = false;
    for (;;) {
        const auto line = readLine(data, pos);
        if (!line)
            return fail(QStringLiteral("truncated STOMP headers"));
        if (line->isEmpty())
            break;
        if (line->size() > StompFrame::kMaxHeaderLineLength)
            return fail(QStringLiteral("STOMP header line too long"));
        const qsizetype colon = line->indexOf(':');
        if (colon <= 0)
            return fail(QStringLiteral("malformed STOMP header line"));
        QByteArray name = line->first(colon).toByteArray();
        QByteArray value = line->sliced(colon + 1).toByteArray();
        if (escaped) {
            auto n = unescape(name);
            auto v = unescape(value);
            if (!n || !v)
                return fail(QStringLiteral("invalid escape in STOMP header"));
            name = std::move(*n);
            value = std::move(*v);
        }
        // The limit is on the frame's own headers: the content-length that serialize()
        // adds to a frame of kMaxHeaders headers and a body does not count.
        if (name == "content-length" && !sawLength)
            sawLength = true;
        else if (++count > StompFrame::kMaxHeaders)
            return fail(QStringLiteral("too many STOMP headers"));
        frame.addHeader(std::move(name), std::move(value));
    }

    const QByteArray lengthHeader = frame.header("content-length");
    if (!lengthHeader.isNull()) {
        bool ok = false;
        const qlonglong length = lengthHeader.toLongLong(&ok);
        if (!ok || length < 0 || length > data.size() - pos - 1)
            return fail(QStringLiteral("STOMP content-length does not match the body"));
        if (data[pos + qsizetype(length)] != '\0')
            return fail(QStringLiteral("STOMP body not terminated by NUL"));
        frame.setBody(data.sliced(pos, qsizetype(length)).toByteArray());
        pos += qsizetype(length) + 1;
    } else {
        const qsizetype nul = data.indexOf('\0', pos);
        if (nul < 0)
            return fail(QStringLiteral("STOMP frame not terminated by NUL"));
        frame.setBody(data.sliced(pos, nul - pos).toByteArray());
        pos = nul + 1;
    }
    return frame;
}

} // namespace

QByteArray StompFrame::header(QByteArrayView name) const
{
    for (const auto &h : m_headers)
        if (h.first == name)
            return h.second;
    return {};
}

bool StompFrame::hasHeader(QByteArrayView name) const { return !header(name).isNull(); }

void StompFrame::addHeader(QByteArray name, QByteArray value)
{
    if (value.isNull())
        value = QByteArray(""); // present but empty, not "absent"
    m_headers.append({std::move(name), std::move(value)});
}

QByteArray StompFrame::serialize() const
{
    const bool escaped = escapesHeaders(m_command);
    QByteArray out = m_command;
    out += '\n';
    for (const auto &[name, value] : m_headers) {
        if (name == "content-length")
            continue;
        out += escaped ? escape(name) : name;
        out += ':';
        out += escaped ? escape(value) : value;
        out += '\n';
    }
    if (!m_body.isEmpty()) {
        out += "content-length:";
        out += QByteArray::number(m_body.size());
        out += '\n';
    }
    out += '\n';
    out += m_body;
    out += '\0';
    return out;
}

Result<StompFrame> StompFrame::parse(QByteArrayView data)
{
    auto frames = parseAll(data);
    if (!frames)
        return frames.error();
    if (frames->size() != 1)
        return fail(frames->isEmpty() ? QStringLiteral("no STOMP frame") : QStringLiteral("more than one STOMP frame"));
    return frames->first();
}

Result<QList<StompFrame>> StompFrame::parseAll(QByteArrayView data)
{
    QList<StompFrame> frames;
    qsizetype pos = 0;
    skipEols(data, pos);
    while (pos < data.size()) {
        auto frame = parseOne(data, pos);
        if (!frame)
            return frame.error();
        frames.append(std::move(*frame));
        skipEols(data, pos);
    }
    return frames;
}

} // namespace wp::proto
