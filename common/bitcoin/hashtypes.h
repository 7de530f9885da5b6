#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

namespace wp::btc {

/// Display convention of a fixed-size hash.
enum class HashDisplay {
    Reversed, ///< shown byte-reversed, as Bitcoin Core's uint256::GetHex (txids, block hashes)
    Natural,  ///< shown in byte order (hash160, sha256 digests, sighashes)
};

/// A fixed-size hash as a strong type: `Tag` keeps a Txid from being passed
/// where a BlockHash is expected. The bytes are stored in internal (wire)
/// order; only fromHex()/toHex() apply the display convention.
/// The default value is all zeros (isNull()).
template <std::size_t N, typename Tag, HashDisplay Display>
class BasicHash {
public:
    static constexpr qsizetype kSize = qsizetype(N);

    BasicHash() = default;

    /// Parses the display hex (reversed byte order for HashDisplay::Reversed),
    /// either case. Returns: nullopt unless exactly 2*N hex digits.
    static std::optional<BasicHash> fromHex(QStringView hex)
    {
        if (hex.size() != 2 * kSize)
            return std::nullopt;
        BasicHash out;
        for (qsizetype i = 0; i < kSize; ++i) {
            const int hi = nibble(hex[2 * i].unicode());
            const int lo = nibble(hex[2 * i + 1].unicode());
            if (hi < 0 || lo < 0)
                return std::nullopt;
            const qsizetype at = Display == HashDisplay::Reversed ? kSize - 1 - i : i;
            out.m_bytes[std::size_t(at)] = std::uint8_t((hi << 4) | lo);
        }
        return out;
    }

    /// Takes N bytes in internal order. Returns: nullopt for any other size.
    static std::optional<BasicHash> fromBytes(QByteArrayView bytes)
    {
        if (bytes.size() != kSize)
            return std::nullopt;
        BasicHash out;
        std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char *>(out.m_bytes.data()));
        return out;
    }

    /// Lowercase hex in display order.
    QString toHex() const
    {
        static constexpr char kDigits[] = "0123456789abcdef";
        QString out(2 * kSize, Qt::Uninitialized);
        for (qsizetype i = 0; i < kSize; ++i) {
            const std::uint8_t b =
                m_bytes[std::size_t(Display == HashDisplay::Reversed ? kSize - 1 - i : i)];
            out[2 * i] = QLatin1Char(kDigits[b >> 4]);
            out[2 * i + 1] = QLatin1Char(kDigits[b & 15]);
        }
        return out;
    }

    /// The N bytes in internal (serialization) order.
    QByteArray bytes() const { return QByteArray(reinterpret_cast<const char *>(m_bytes.data()), kSize); }
    const std::array<std::uint8_t, N> &data() const { return m_bytes; }

    bool isNull() const
    {
        return std::all_of(m_bytes.begin(), m_bytes.end(), [](std::uint8_t b) { return b == 0; });
    }

    /// Orders by internal byte order (as Core's uint256 operator<). BIP69
    /// ordering uses display order instead: see bip69.h.
    friend auto operator<=>(const BasicHash &, const BasicHash &) = default;
    friend bool operator==(const BasicHash &, const BasicHash &) = default;

    friend std::size_t qHash(const BasicHash &h, std::size_t seed = 0) noexcept
    {
        return qHashBits(h.m_bytes.data(), N, seed);
    }

private:
    static int nibble(char16_t c)
    {
        if (c >= u'0' && c <= u'9')
            return c - u'0';
        if (c >= u'a' && c <= u'f')
            return c - u'a' + 10;
        if (c >= u'A' && c <= u'F')
            return c - u'A' + 10;
        return -1;
    }

    std::array<std::uint8_t, N> m_bytes{};
};

struct TxidTag;
struct WtxidTag;
struct BlockHashTag;
struct SighashTag;
struct Hash160Tag;
struct Sha256Tag;

/// Transaction id: double SHA-256 of the serialization without witness.
using Txid = BasicHash<32, TxidTag, HashDisplay::Reversed>;
/// Witness transaction id (BIP141): double SHA-256 of the full serialization.
using Wtxid = BasicHash<32, WtxidTag, HashDisplay::Reversed>;
using BlockHash = BasicHash<32, BlockHashTag, HashDisplay::Reversed>;
/// A signature hash: the 32-byte digest an ECDSA signature signs, shown in byte order.
using Sighash = BasicHash<32, SighashTag, HashDisplay::Natural>;
/// RIPEMD-160(SHA-256(x)): public key and script hashes (P2PKH, P2SH, P2WPKH).
using Hash160 = BasicHash<20, Hash160Tag, HashDisplay::Natural>;
/// A single SHA-256 digest (P2WSH witness script hash).
using Sha256Hash = BasicHash<32, Sha256Tag, HashDisplay::Natural>;

} // namespace wp::btc

template <std::size_t N, typename Tag, wp::btc::HashDisplay D>
struct std::hash<wp::btc::BasicHash<N, Tag, D>> {
    std::size_t operator()(const wp::btc::BasicHash<N, Tag, D> &h) const noexcept { return qHash(h); }
};
