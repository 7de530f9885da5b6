#include <bitcoin/serialize.h>

#include <utility>

namespace wp::btc {

void ByteWriter::writeLe(std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        m_buffer.append(char((v >> (8 * i)) & 0xff));
}

int ByteWriter::compactSizeLength(std::uint64_t v)
{
    if (v < 0xfd)
        return 1;
    if (v <= 0xffff)
        return 3;
    if (v <= 0xffffffffu)
        return 5;
    return 9;
}

void ByteWriter::writeCompactSize(std::uint64_t v)
{
    if (v < 0xfd) {
        writeU8(std::uint8_t(v));
    } else if (v <= 0xffff) {
        writeU8(0xfd);
        writeLe(v, 2);
    } else if (v <= 0xffffffffu) {
        writeU8(0xfe);
        writeLe(v, 4);
    } else {
        writeU8(0xff);
        writeLe(v, 8);
    }
}

void ByteWriter::writeVarBytes(QByteArrayView bytes)
{
    writeCompactSize(std::uint64_t(bytes.size()));
    writeBytes(bytes);
}

void ByteReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message.isEmpty() ? QStringLiteral("decoding failed") : message;
}

bool ByteReader::require(qsizetype n, const char *what)
{
    if (!ok())
        return false;
    if (n < 0 || n > remaining()) {
        fail(QStringLiteral("unexpected end of data reading %1 at offset %2").arg(QLatin1String(what)).arg(m_pos));
        return false;
    }
    return true;
}

std::uint64_t ByteReader::readLe(int bytes)
{
    if (!require(bytes, "integer"))
        return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= std::uint64_t(std::uint8_t(m_data[m_pos + i])) << (8 * i);
    m_pos += bytes;
    return v;
}

std::uint8_t ByteReader::readU8() { return std::uint8_t(readLe(1)); }
std::uint16_t ByteReader::readU16() { return std::uint16_t(readLe(2)); }
std::uint32_t ByteReader::readU32() { return std::uint32_t(readLe(4)); }
std::uint64_t ByteReader::readU64() { return readLe(8); }

std::uint64_t ByteReader::readCompactSize(std::uint64_t max)
{
    const qsizetype start = m_pos;
    const std::uint8_t first = readU8();
    if (!ok())
        return 0;
    std::uint64_t v = first;
    std::uint64_t minimum = 0;
    if (first == 0xfd) {
        v = readU16();
        minimum = 0xfd;
    } else if (first == 0xfe) {
        v = readU32();
        minimum = 0x10000;
    } else if (first == 0xff) {
        v = readU64();
        minimum = 0x100000000ull;
    }
    if (!ok())
        return 0;
    if (v < minimum) {
        fail(QStringLiteral("non-canonical compact size at offset %1").arg(start));
        return 0;
    }
    if (v > max) {
        fail(QStringLiteral("compact size %1 too large at offset %2").arg(v).arg(start));
        return 0;
    }
    return v;
}

QByteArray ByteReader::readBytes(qsizetype n)
{
    if (!require(n, "bytes"))
        return {};
    QByteArray out = m_data.sliced(m_pos, n).toByteArray();
    m_pos += n;
    return out;
}

QByteArray ByteReader::readVarBytes(std::uint64_t maxLength)
{
    const std::uint64_t n = readCompactSize(maxLength);
    if (!ok())
        return {};
    if (n > std::uint64_t(remaining())) {
        fail(QStringLiteral("length %1 exceeds the remaining %2 bytes at offset %3").arg(n).arg(remaining()).arg(m_pos));
        return {};
    }
    return readBytes(qsizetype(n));
}

std::uint64_t ByteReader::readCount(qsizetype minElementSize)
{
    const std::uint64_t n = readCompactSize();
    if (!ok())
        return 0;
    if (minElementSize > 0 && n > std::uint64_t(remaining() / minElementSize)) {
        fail(QStringLiteral("count %1 cannot fit in the remaining %2 bytes at offset %3").arg(n).arg(remaining()).arg(m_pos));
        return 0;
    }
    return n;
}

} // namespace wp::btc
