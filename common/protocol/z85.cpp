#include <protocol/z85.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace wp::proto {

namespace {

constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
constexpr int kBase = 85;
constexpr int kBytesPerGroup = 4;
constexpr int kCharsPerGroup = 5;
static_assert(sizeof(kAlphabet) == kBase + 1);

/// Character -> value (0..84), or -1 for characters outside the alphabet.
constexpr std::array<std::int8_t, 128> makeDecodeTable()
{
    std::array<std::int8_t, 128> table{};
    for (auto &v : table)
        v = -1;
    for (int i = 0; i < kBase; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}
constexpr auto kDecodeTable = makeDecodeTable();

} // namespace

QString encodeZ85(QByteArrayView bytes)
{
    const qsizetype size = bytes.size();
    QString out;
    out.reserve((size * kCharsPerGroup + kBytesPerGroup - 1) / kBytesPerGroup);
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    for (qsizetype pos = 0; pos < size; pos += kBytesPerGroup) {
        const qsizetype groupBytes = std::min<qsizetype>(kBytesPerGroup, size - pos);
        std::uint32_t value = 0;
        for (int i = 0; i < kBytesPerGroup; ++i)
            value = (value << 8) | (i < groupBytes ? data[pos + i] : 0u);
        std::array<char, kCharsPerGroup> chars{};
        for (int i = kCharsPerGroup - 1; i >= 0; --i) {
            chars[i] = kAlphabet[value % kBase];
            value /= kBase;
        }
        // A partial group of r bytes keeps its r + 1 most significant characters.
        const qsizetype keep = groupBytes + 1;
        for (qsizetype i = 0; i < keep; ++i)
            out.append(QLatin1Char(chars[i]));
    }
    return out;
}

std::optional<QByteArray> decodeZ85(QStringView text)
{
    const qsizetype size = text.size();
    if (size % kCharsPerGroup == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(size / kCharsPerGroup * kBytesPerGroup + std::max<qsizetype>(0, size % kCharsPerGroup - 1));
    for (qsizetype pos = 0; pos < size; pos += kCharsPerGroup) {
        const qsizetype groupChars = std::min<qsizetype>(kCharsPerGroup, size - pos);
        std::uint64_t value = 0;
        for (int i = 0; i < kCharsPerGroup; ++i) {
            int digit = kBase - 1; // padding of a partial group: '#'
            if (i < groupChars) {
                const char16_t c = text[pos + i].unicode();
                if (c >= kDecodeTable.size() || kDecodeTable[c] < 0)
                    return std::nullopt;
                digit = kDecodeTable[c];
            }
            value = value * kBase + std::uint64_t(digit);
        }
        if (value > 0xFFFFFFFFull)
            return std::nullopt;
        // A partial group of n characters carries n - 1 bytes.
        const qsizetype groupBytes = groupChars - 1;
        for (qsizetype i = 0; i < groupBytes; ++i)
            out.append(char((value >> (8 * (kBytesPerGroup - 1 - i))) & 0xFF));
    }
    return out;
}

} // namespace wp::proto
