#pragma once

#include <bitcoin/hashtypes.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>

namespace wp::btc {

/// Opcodes this library builds or recognizes (values from Bitcoin Core's script.h).
namespace op {
inline constexpr std::uint8_t k0 = 0x00;
inline constexpr std::uint8_t kPushData1 = 0x4c;
inline constexpr std::uint8_t kPushData2 = 0x4d;
inline constexpr std::uint8_t kPushData4 = 0x4e;
inline constexpr std::uint8_t k1 = 0x51;
inline constexpr std::uint8_t k16 = 0x60;
inline constexpr std::uint8_t kReturn = 0x6a;
inline constexpr std::uint8_t kDup = 0x76;
inline constexpr std::uint8_t kEqual = 0x87;
inline constexpr std::uint8_t kEqualVerify = 0x88;
inline constexpr std::uint8_t kHash160 = 0xa9;
inline constexpr std::uint8_t kCheckSig = 0xac;
inline constexpr std::uint8_t kCodeSeparator = 0xab;
} // namespace op

/// One decoded script element: an opcode and, for push opcodes, the pushed bytes.
struct ScriptOp {
    std::uint8_t opcode = 0;
    QByteArray data; ///< empty for non-push opcodes
};

/// A segwit output program (BIP141): version 0..16 and 2..40 bytes.
struct ScriptWitnessProgram {
    int version = 0;
    QByteArray program;
};

/// A bitcoin script as raw bytes (scriptPubKey, scriptSig, redeem/witness
/// script or BIP143 scriptCode). Any byte string is a Script; the
/// recognizers below return nullopt for scripts that are not of their form.
class Script {
public:
    Script() = default;
    explicit Script(QByteArray bytes) : m_bytes(std::move(bytes)) {}

    /// Returns: nullopt for invalid hex.
    static std::optional<Script> fromHex(QStringView hex);

    const QByteArray &bytes() const { return m_bytes; }
    qsizetype size() const { return m_bytes.size(); }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    QString toHex() const;

    // --- builders ---------------------------------------------------------

    /// OP_0 <20-byte key hash> (BIP141 P2WPKH).
    static Script p2wpkh(const Hash160 &keyHash);
    /// OP_0 <32-byte script hash> (BIP141 P2WSH).
    static Script p2wsh(const Sha256Hash &scriptHash);
    /// OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG.
    static Script p2pkh(const Hash160 &keyHash);
    /// OP_HASH160 <20> OP_EQUAL (BIP16).
    static Script p2sh(const Hash160 &scriptHash);
    /// OP_n <program>: any witness version 0..16 with a 2..40 byte program.
    /// Returns: nullopt if the version or program size is out of range
    /// (v0 also requires 20 or 32 bytes).
    static std::optional<Script> fromWitnessProgram(int version, QByteArrayView program);
    /// OP_RETURN followed by one minimal push of @p data (any size).
    static Script opReturn(QByteArrayView data);
    /// BIP143 scriptCode of a P2WPKH input: the P2PKH script of the key hash
    /// (the sighash serializes it with its length, 0x19 76a914{20}88ac).
    static Script scriptCodeP2wpkh(const Hash160 &keyHash);

    /// Appends the minimal push of @p data (direct push up to 75 bytes, then
    /// PUSHDATA1/2/4), as Core's CScript << std::vector does.
    Script &appendPush(QByteArrayView data);
    /// Appends one opcode byte.
    Script &appendOp(std::uint8_t opcode);

    // --- recognizers ------------------------------------------------------

    /// Returns: the key hash if this is exactly OP_0 <20 bytes>.
    std::optional<Hash160> p2wpkhProgram() const;
    bool isP2wpkh() const { return p2wpkhProgram().has_value(); }
    /// Returns: the script hash if this is exactly OP_0 <32 bytes>.
    std::optional<Sha256Hash> p2wshProgram() const;
    /// Returns: the key hash of a standard P2PKH script.
    std::optional<Hash160> p2pkhHash() const;
    /// Returns: the script hash of a P2SH script.
    std::optional<Hash160> p2shHash() const;
    /// Returns: version and program if this is a witness program by Core's
    /// IsWitnessProgram rule (4..42 bytes, OP_0/OP_1..OP_16, one direct push of 2..40 bytes).
    std::optional<ScriptWitnessProgram> witnessProgram() const;
    /// True if the script starts with OP_RETURN (provably unspendable).
    bool isOpReturn() const { return !m_bytes.isEmpty() && std::uint8_t(m_bytes[0]) == op::kReturn; }
    /// Returns: the pushed data of OP_RETURN followed by exactly one push
    /// (empty for a bare OP_RETURN); nullopt for anything else.
    std::optional<QByteArray> opReturnData() const;

    /// Reads the element at @p pos and advances it, with Bitcoin Core's
    /// GetScriptOp semantics: returns false at the end or on a truncated push,
    /// in which case @p pos has still moved past the bytes already consumed
    /// (the opcode and any length field). Safe on any bytes.
    bool readOp(qsizetype &pos, ScriptOp &op) const;

    friend bool operator==(const Script &, const Script &) = default;

private:
    QByteArray m_bytes;
};

} // namespace wp::btc
