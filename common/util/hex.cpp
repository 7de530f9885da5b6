#include <util/hex.h>

#include <util/assert.h>

#include <algorithm>

namespace wp::util {

namespace {

int nibble(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

template <typename CharAt>
std::optional<QByteArray> decode(qsizetype size, CharAt charAt)
{
    if (size % 2 != 0)
        return std::nullopt;
    QByteArray out(size / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; i += 2) {
        const int hi = nibble(charAt(i));
        const int lo = nibble(charAt(i + 1));
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out[i / 2] = char((hi << 4) | lo);
    }
    return out;
}

} // namespace

QString toHex(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex());
}

std::optional<QByteArray> fromHex(QStringView hex)
{
    return decode(hex.size(), [&](qsizetype i) { return int(hex[i].unicode()); });
}

std::optional<QByteArray> fromHex(QByteArrayView hex)
{
    return decode(hex.size(), [&](qsizetype i) { return int(uchar(hex[i])); });
}

QByteArray hexLiteral(const char *hex)
{
    auto bytes = fromHex(QByteArrayView(hex));
    WP_ASSERT(bytes.has_value());
    return *bytes;
}

QByteArray reversed(QByteArrayView bytes)
{
    QByteArray out = bytes.toByteArray();
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace wp::util
