#include <net/requesthead.h>

#include <QList>

namespace wp::server::net {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s)
        if (!isTokenChar(c))
            return false;
    return true;
}

/// True when the comma-separated list @p value holds @p token (case-insensitive).
bool listHas(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &item : value.toByteArray().split(','))
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QByteArray pathOf(QByteArrayView target)
{
    QByteArrayView t = target;
    if (!t.startsWith('/')) { // absolute-form: scheme://authority/path
        const qsizetype scheme = t.indexOf("://");
        if (scheme > 0) {
            t = t.sliced(scheme + 3);
            const qsizetype slash = t.indexOf('/');
            t = slash < 0 ? QByteArrayView("/") : t.sliced(slash);
        }
    }
    qsizetype end = t.size();
    for (char stop : {'?', '#'}) {
        const qsizetype i = t.indexOf(stop);
        if (i >= 0 && i < end)
            end = i;
    }
    return t.first(end).toByteArray();
}

bool parseRequestLine(QByteArrayView line, RequestHead &head)
{
    QList<QByteArrayView> parts;
    qsizetype pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && line[pos] == ' ')
            ++pos;
        const qsizetype start = pos;
        while (pos < line.size() && line[pos] != ' ')
            ++pos;
        if (pos > start)
            parts.append(line.sliced(start, pos - start));
    }
    if (parts.size() != 3 || !isToken(parts[0]))
        return false;
    if (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0")
        return false;
    for (char c : parts[1])
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return false;
    head.method = parts[0].toByteArray();
    head.path = pathOf(parts[1]);
    return true;
}

bool parseHeaderLine(QByteArrayView line, RequestHead &head, bool &sawTransferEncoding)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return false; // also rejects obsolete line folding (a line starting with a space)
    const QByteArrayView name = line.first(colon);
    const QByteArray value = line.sliced(colon + 1).toByteArray().trimmed();
    if (name.compare("Upgrade", Qt::CaseInsensitive) == 0) {
        head.webSocketUpgrade = head.webSocketUpgrade || listHas(value, "websocket");
    } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
        if (value.isEmpty() || value.size() > 15)
            return false;
        for (char c : value)
            if (c < '0' || c > '9')
                return false;
        const qint64 length = value.toLongLong();
        if (head.contentLength && *head.contentLength != length)
            return false;
        head.contentLength = length;
    } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
        sawTransferEncoding = true;
        head.chunked = head.chunked || listHas(value, "chunked");
    }
    return true;
}

} // namespace

PeekedHead parseRequestHead(QByteArrayView data, int maxBytes)
{
    PeekedHead result;
    qsizetype pos = 0;
    while (pos < data.size() && (data[pos] == '\r' || data[pos] == '\n'))
        ++pos;

    RequestHead head;
    bool sawRequestLine = false;
    bool sawTransferEncoding = false;
    for (;;) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0 || nl + 1 > maxBytes) {
            const bool full = nl >= 0 || data.size() >= maxBytes;
            result.status = full ? HeadStatus::TooLarge : HeadStatus::Incomplete;
            return result;
        }
        QByteArrayView line = data.sliced(pos, nl - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = nl + 1;
        if (line.isEmpty())
            break;
        const bool ok = sawRequestLine ? parseHeaderLine(line, head, sawTransferEncoding) : parseRequestLine(line, head);
        sawRequestLine = true;
        if (!ok) {
            result.status = HeadStatus::Malformed; // no need to wait for the rest
            return result;
        }
    }
    if (!sawRequestLine || (sawTransferEncoding && head.contentLength)) {
        result.status = HeadStatus::Malformed;
        return result;
    }
    head.size = int(pos);
    result.status = HeadStatus::Complete;
    result.head = std::move(head);
    return result;
}

} // namespace wp::server::net
