#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <utility>

namespace wp::btc {

/// Largest compact size a reader accepts for lengths and counts (Core's MAX_SIZE).
inline constexpr std::uint64_t kMaxCompactSize = 0x02000000;

/// Appends bitcoin's little-endian wire encodings to a byte buffer.
/// Never fails.
class ByteWriter {
public:
    ByteWriter() = default;
    /// Pre-allocates @p capacity bytes.
    explicit ByteWriter(qsizetype capacity) { m_buffer.reserve(capacity); }

    /// Fixed-width little-endian integers (signed ones in two's complement).
    void writeU8(std::uint8_t v) { m_buffer.append(char(v)); }
    void writeU16(std::uint16_t v) { writeLe(v, 2); }
    void writeU32(std::uint32_t v) { writeLe(v, 4); }
    void writeU64(std::uint64_t v) { writeLe(v, 8); }
    void writeI32(std::int32_t v) { writeLe(std::uint32_t(v), 4); }
    void writeI64(std::int64_t v) { writeLe(std::uint64_t(v), 8); }
    /// Bitcoin's CompactSize: 1, 3, 5 or 9 bytes, always the shortest form.
    void writeCompactSize(std::uint64_t v);
    /// Raw bytes, no length prefix.
    void writeBytes(QByteArrayView bytes) { m_buffer.append(bytes.data(), bytes.size()); }
    /// CompactSize length followed by the bytes (scripts, witness items).
    void writeVarBytes(QByteArrayView bytes);

    /// The bytes written so far.
    const QByteArray &data() const { return m_buffer; }
    /// Moves the buffer out; the writer is empty afterwards.
    QByteArray take() { return std::exchange(m_buffer, QByteArray()); }

    /// Size in bytes of the CompactSize encoding of @p v.
    static int compactSizeLength(std::uint64_t v);

private:
    void writeLe(std::uint64_t v, int bytes);
    QByteArray m_buffer;
};

/// Reads bitcoin wire encodings from untrusted bytes.
///
/// Safe on any input: every read is bounds-checked and nothing is allocated
/// beyond what the input holds. The first failure is sticky: it records an
/// error message, later reads return zero/empty and do not advance, and ok()
/// stays false. Check ok() after a group of reads (and inside loops whose
/// length comes from the input) before trusting the values.
/// The reader only views @p data: the bytes must outlive it.
class ByteReader {
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) {}

    /// Fixed-width little-endian integers. Fail (returning 0) if too few bytes remain.
    std::uint8_t readU8();
    std::uint16_t readU16();
    std::uint32_t readU32();
    std::uint64_t readU64();
    std::int32_t readI32() { return std::int32_t(readU32()); }
    std::int64_t readI64() { return std::int64_t(readU64()); }

    /// Reads a CompactSize. Fails on a non-canonical encoding (a value that
    /// fits a shorter form) or a value above @p max (Core's ReadCompactSize).
    std::uint64_t readCompactSize(std::uint64_t max = kMaxCompactSize);

    /// Reads exactly @p n raw bytes. Fails if fewer remain.
    QByteArray readBytes(qsizetype n);

    /// Reads a CompactSize length then that many bytes. Fails if the length
    /// is above @p maxLength or beyond the remaining input.
    QByteArray readVarBytes(std::uint64_t maxLength = kMaxCompactSize);

    /// Reads a CompactSize element count and checks that the remaining input
    /// could hold that many elements of at least @p minElementSize bytes each,
    /// so callers never loop or reserve for absurd counts.
    std::uint64_t readCount(qsizetype minElementSize);

    /// Records a decoding failure found by the caller (keeps the first one).
    void fail(const QString &message);

    /// True until the first failure.
    bool ok() const { return m_error.isEmpty(); }
    /// The first failure's message, empty while ok().
    const QString &error() const { return m_error; }
    /// Offset of the next byte to read; remaining() bytes follow it.
    qsizetype position() const { return m_pos; }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    bool require(qsizetype n, const char *what);
    std::uint64_t readLe(int bytes);

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace wp::btc
