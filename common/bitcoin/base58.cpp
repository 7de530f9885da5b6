#include <bitcoin/base58.h>

#include <crypto/hash.h>

#include <array>
#include <vector>

namespace wp::btc {

namespace {

constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int digitValue(char16_t c)
{
    static const auto table = [] {
        std::array<signed char, 128> t{};
        t.fill(-1);
        for (int i = 0; i < 58; ++i)
            t[size_t(kAlphabet[i])] = static_cast<signed char>(i);
        return t;
    }();
    return c < 128 ? table[c] : -1;
}

} // namespace

QString encodeBase58(QByteArrayView bytes)
{
    qsizetype zeros = 0;
    while (zeros < bytes.size() && bytes[zeros] == 0)
        ++zeros;
    // Big-endian base-58 digits, computed by repeated multiply-add (log(256)/log(58) ~ 1.38).
    std::vector<unsigned char> digits(size_t((bytes.size() - zeros) * 138 / 100 + 1), 0);
    size_t length = 0;
    for (qsizetype i = zeros; i < bytes.size(); ++i) {
        int carry = uchar(bytes[i]);
        size_t j = 0;
        for (auto it = digits.rbegin(); (carry != 0 || j < length) && it != digits.rend(); ++it, ++j) {
            carry += 256 * (*it);
            *it = static_cast<unsigned char>(carry % 58);
            carry /= 58;
        }
        length = j;
    }
    auto it = digits.begin() + std::ptrdiff_t(digits.size() - length);
    while (it != digits.end() && *it == 0)
        ++it;
    QString out(zeros, QLatin1Char('1'));
    out.reserve(zeros + (digits.end() - it));
    for (; it != digits.end(); ++it)
        out.append(QLatin1Char(kAlphabet[*it]));
    return out;
}

std::optional<QByteArray> decodeBase58(QStringView text, int maxDecodedSize)
{
    qsizetype zeros = 0;
    while (zeros < text.size() && text[zeros] == u'1') {
        if (++zeros > maxDecodedSize)
            return std::nullopt;
    }
    const qsizetype rest = text.size() - zeros;
    // log(58)/log(256) ~ 0.733: an upper bound on the decoded size.
    const qsizetype maxBytes = rest * 733 / 1000 + 1;
    if (rest > 0 && maxBytes - 1 > maxDecodedSize + 1)
        return std::nullopt;
    std::vector<unsigned char> b256(size_t(maxBytes), 0);
    size_t length = 0;
    for (qsizetype i = zeros; i < text.size(); ++i) {
        int carry = digitValue(text[i].unicode());
        if (carry < 0)
            return std::nullopt;
        size_t j = 0;
        for (auto it = b256.rbegin(); (carry != 0 || j < length) && it != b256.rend(); ++it, ++j) {
            carry += 58 * (*it);
            *it = static_cast<unsigned char>(carry % 256);
            carry /= 256;
        }
        if (carry != 0)
            return std::nullopt;
        length = j;
    }
    if (zeros + qsizetype(length) > maxDecodedSize)
        return std::nullopt;
    QByteArray out(zeros, '\0');
    out.append(reinterpret_cast<const char *>(b256.data()) + (b256.size() - length), qsizetype(length));
    return out;
}

QString encodeBase58Check(QByteArrayView payload)
{
    QByteArray data = payload.toByteArray();
    data.append(crypto::sha256d(payload).left(4));
    return encodeBase58(data);
}

std::optional<QByteArray> decodeBase58Check(QStringView text, int maxPayloadSize)
{
    auto data = decodeBase58(text, maxPayloadSize + 4);
    if (!data || data->size() < 4)
        return std::nullopt;
    const QByteArray payload = data->left(data->size() - 4);
    if (crypto::sha256d(payload).left(4) != data->right(4))
        return std::nullopt;
    return payload;
}

} // namespace wp::btc
