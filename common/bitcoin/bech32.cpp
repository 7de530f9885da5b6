#include <bitcoin/bech32.h>

#include <array>
#include <cstdint>

namespace wp::btc {

namespace {

constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr std::uint32_t kBech32Const = 1;
constexpr std::uint32_t kBech32mConst = 0x2bc830a3;
constexpr int kMaxLength = 90;

int charsetIndex(char16_t c)
{
    for (int i = 0; i < 32; ++i)
        if (kCharset[i] == c)
            return i;
    return -1;
}

std::uint32_t polymod(const QByteArray &values)
{
    static constexpr std::array<std::uint32_t, 5> kGen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    std::uint32_t chk = 1;
    for (char v : values) {
        const std::uint32_t top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ uchar(v);
        for (int i = 0; i < 5; ++i)
            if ((top >> i) & 1)
                chk ^= kGen[size_t(i)];
    }
    return chk;
}

QByteArray expandHrp(const QString &hrp)
{
    QByteArray out;
    out.reserve(hrp.size() * 2 + 1);
    for (QChar c : hrp)
        out.append(char(c.unicode() >> 5));
    out.append('\0');
    for (QChar c : hrp)
        out.append(char(c.unicode() & 31));
    return out;
}

std::uint32_t variantConst(Bech32Variant v) { return v == Bech32Variant::Bech32 ? kBech32Const : kBech32mConst; }

} // namespace

QString encodeBech32(Bech32Variant variant, const QString &hrp, QByteArrayView values5)
{
    QByteArray values = expandHrp(hrp) + values5.toByteArray() + QByteArray(6, '\0');
    const std::uint32_t mod = polymod(values) ^ variantConst(variant);
    QString out = hrp + QLatin1Char('1');
    for (char v : values5)
        out.append(QLatin1Char(kCharset[uchar(v) & 31]));
    for (int i = 0; i < 6; ++i)
        out.append(QLatin1Char(kCharset[(mod >> (5 * (5 - i))) & 31]));
    return out;
}

std::optional<Bech32Data> decodeBech32(QStringView text)
{
    if (text.size() > kMaxLength)
        return std::nullopt;
    bool lower = false;
    bool upper = false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 33 || u > 126)
            return std::nullopt;
        lower |= (u >= 'a' && u <= 'z');
        upper |= (u >= 'A' && u <= 'Z');
    }
    if (lower && upper)
        return std::nullopt;
    const QString s = text.toString().toLower();
    const qsizetype sep = s.lastIndexOf(QLatin1Char('1'));
    if (sep < 1 || sep + 7 > s.size())
        return std::nullopt;
    Bech32Data out;
    out.hrp = s.left(sep);
    QByteArray values;
    for (qsizetype i = sep + 1; i < s.size(); ++i) {
        const int v = charsetIndex(s[i].unicode());
        if (v < 0)
            return std::nullopt;
        values.append(char(v));
    }
    const std::uint32_t mod = polymod(expandHrp(out.hrp) + values);
    if (mod == kBech32Const)
        out.variant = Bech32Variant::Bech32;
    else if (mod == kBech32mConst)
        out.variant = Bech32Variant::Bech32m;
    else
        return std::nullopt;
    out.data = values.left(values.size() - 6);
    return out;
}

std::optional<QByteArray> convertBits(QByteArrayView in, int fromBits, int toBits, bool pad)
{
    std::uint32_t acc = 0;
    int bits = 0;
    const std::uint32_t maxv = (1u << toBits) - 1;
    QByteArray out;
    out.reserve(in.size() * fromBits / toBits + 1);
    for (char c : in) {
        const std::uint32_t value = uchar(c);
        if (value >> fromBits)
            return std::nullopt;
        acc = (acc << fromBits) | value;
        bits += fromBits;
        while (bits >= toBits) {
            bits -= toBits;
            out.append(char((acc >> bits) & maxv));
        }
    }
    if (pad) {
        if (bits)
            out.append(char((acc << (toBits - bits)) & maxv));
    } else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv)) {
        return std::nullopt;
    }
    return out;
}

QString encodeSegwitAddress(const QString &hrp, const WitnessProgram &program)
{
    const qsizetype len = program.program.size();
    if (program.version < 0 || program.version > 16 || len < 2 || len > 40)
        return {};
    if (program.version == 0 && len != 20 && len != 32)
        return {};
    QByteArray values(1, char(program.version));
    values += *convertBits(program.program, 8, 5, true);
    return encodeBech32(program.version == 0 ? Bech32Variant::Bech32 : Bech32Variant::Bech32m, hrp, values);
}

std::optional<WitnessProgram> decodeSegwitAddress(const QString &expectedHrp, QStringView address)
{
    const auto decoded = decodeBech32(address);
    if (!decoded || decoded->hrp != expectedHrp || decoded->data.isEmpty())
        return std::nullopt;
    WitnessProgram out;
    out.version = uchar(decoded->data[0]);
    if (out.version > 16)
        return std::nullopt;
    const auto expected = out.version == 0 ? Bech32Variant::Bech32 : Bech32Variant::Bech32m;
    if (decoded->variant != expected)
        return std::nullopt;
    auto program = convertBits(QByteArrayView(decoded->data).sliced(1), 5, 8, false);
    if (!program || program->size() < 2 || program->size() > 40)
        return std::nullopt;
    if (out.version == 0 && program->size() != 20 && program->size() != 32)
        return std::nullopt;
    out.program = *program;
    return out;
}

} // namespace wp::btc
