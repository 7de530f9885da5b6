#include <bitcoin/script.h>

#include <util/hex.h>

namespace wp::btc {

namespace {

std::uint32_t readLe(const QByteArray &bytes, qsizetype pos, int n)
{
    std::uint32_t v = 0;
    for (int i = 0; i < n; ++i)
        v |= std::uint32_t(std::uint8_t(bytes[pos + i])) << (8 * i);
    return v;
}

} // namespace

std::optional<Script> Script::fromHex(QStringView hex)
{
    auto bytes = util::fromHex(hex);
    if (!bytes)
        return std::nullopt;
    return Script(std::move(*bytes));
}

QString Script::toHex() const
{
    return util::toHex(m_bytes);
}

Script &Script::appendOp(std::uint8_t opcode)
{
    m_bytes.append(char(opcode));
    return *this;
}

Script &Script::appendPush(QByteArrayView data)
{
    const qsizetype n = data.size();
    if (n < op::kPushData1) {
        m_bytes.append(char(n));
    } else if (n <= 0xff) {
        m_bytes.append(char(op::kPushData1));
        m_bytes.append(char(n));
    } else if (n <= 0xffff) {
        m_bytes.append(char(op::kPushData2));
        m_bytes.append(char(n & 0xff));
        m_bytes.append(char((n >> 8) & 0xff));
    } else {
        m_bytes.append(char(op::kPushData4));
        for (int i = 0; i < 4; ++i)
            m_bytes.append(char((quint64(n) >> (8 * i)) & 0xff));
    }
    m_bytes.append(data.data(), n);
    return *this;
}

Script Script::p2wpkh(const Hash160 &keyHash)
{
    Script s;
    s.appendOp(op::k0).appendPush(keyHash.bytes());
    return s;
}

Script Script::p2wsh(const Sha256Hash &scriptHash)
{
    Script s;
    s.appendOp(op::k0).appendPush(scriptHash.bytes());
    return s;
}

Script Script::p2pkh(const Hash160 &keyHash)
{
    Script s;
    s.appendOp(op::kDup).appendOp(op::kHash160).appendPush(keyHash.bytes());
    s.appendOp(op::kEqualVerify).appendOp(op::kCheckSig);
    return s;
}

Script Script::p2sh(const Hash160 &scriptHash)
{
    Script s;
    s.appendOp(op::kHash160).appendPush(scriptHash.bytes()).appendOp(op::kEqual);
    return s;
}

std::optional<Script> Script::fromWitnessProgram(int version, QByteArrayView program)
{
    if (version < 0 || version > 16 || program.size() < 2 || program.size() > 40)
        return std::nullopt;
    if (version == 0 && program.size() != 20 && program.size() != 32)
        return std::nullopt;
    Script s;
    s.appendOp(version == 0 ? op::k0 : std::uint8_t(op::k1 + version - 1)).appendPush(program);
    return s;
}

Script Script::opReturn(QByteArrayView data)
{
    Script s;
    s.appendOp(op::kReturn).appendPush(data);
    return s;
}

Script Script::scriptCodeP2wpkh(const Hash160 &keyHash)
{
    return p2pkh(keyHash);
}

std::optional<Hash160> Script::p2wpkhProgram() const
{
    if (m_bytes.size() != 22 || m_bytes[0] != char(op::k0) || m_bytes[1] != char(20))
        return std::nullopt;
    return Hash160::fromBytes(QByteArrayView(m_bytes).sliced(2));
}

std::optional<Sha256Hash> Script::p2wshProgram() const
{
    if (m_bytes.size() != 34 || m_bytes[0] != char(op::k0) || m_bytes[1] != char(32))
        return std::nullopt;
    return Sha256Hash::fromBytes(QByteArrayView(m_bytes).sliced(2));
}

std::optional<Hash160> Script::p2pkhHash() const
{
    if (m_bytes.size() != 25 || m_bytes[0] != char(op::kDup) || m_bytes[1] != char(op::kHash160)
        || m_bytes[2] != char(20) || m_bytes[23] != char(op::kEqualVerify) || m_bytes[24] != char(op::kCheckSig))
        return std::nullopt;
    return Hash160::fromBytes(QByteArrayView(m_bytes).sliced(3, 20));
}

std::optional<Hash160> Script::p2shHash() const
{
    if (m_bytes.size() != 23 || m_bytes[0] != char(op::kHash160) || m_bytes[1] != char(20)
        || m_bytes[22] != char(op::kEqual))
        return std::nullopt;
    return Hash160::fromBytes(QByteArrayView(m_bytes).sliced(2, 20));
}

std::optional<ScriptWitnessProgram> Script::witnessProgram() const
{
    const qsizetype n = m_bytes.size();
    if (n < 4 || n > 42)
        return std::nullopt;
    const std::uint8_t first = std::uint8_t(m_bytes[0]);
    if (first != op::k0 && (first < op::k1 || first > op::k16))
        return std::nullopt;
    if (qsizetype(std::uint8_t(m_bytes[1])) + 2 != n)
        return std::nullopt;
    ScriptWitnessProgram out;
    out.version = first == op::k0 ? 0 : first - op::k1 + 1;
    out.program = m_bytes.sliced(2);
    return out;
}

std::optional<QByteArray> Script::opReturnData() const
{
    if (!isOpReturn())
        return std::nullopt;
    if (m_bytes.size() == 1)
        return QByteArray();
    qsizetype pos = 1;
    ScriptOp element;
    if (!readOp(pos, element) || element.opcode > op::kPushData4 || pos != m_bytes.size())
        return std::nullopt;
    return element.data;
}

bool Script::readOp(qsizetype &pos, ScriptOp &element) const
{
    element = ScriptOp{};
    element.opcode = 0xff; // OP_INVALIDOPCODE until a whole element was read
    const qsizetype end = m_bytes.size();
    if (pos < 0 || pos >= end)
        return false;
    const std::uint8_t opcode = std::uint8_t(m_bytes[pos++]);
    if (opcode <= op::kPushData4) {
        qsizetype size = 0;
        if (opcode < op::kPushData1) {
            size = opcode;
        } else {
            const int width = opcode == op::kPushData1 ? 1 : opcode == op::kPushData2 ? 2 : 4;
            if (end - pos < width)
                return false;
            size = qsizetype(readLe(m_bytes, pos, width));
            pos += width;
        }
        if (end - pos < size)
            return false;
        element.data = m_bytes.sliced(pos, size);
        pos += size;
    }
    element.opcode = opcode;
    return true;
}

} // namespace wp::btc
