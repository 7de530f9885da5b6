#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace wp::btc {

/// Checksum variants: BIP173 bech32 (witness v0) and BIP350 bech32m (v1+).
enum class Bech32Variant { Bech32, Bech32m };

struct Bech32Data {
    Bech32Variant variant;
    QString hrp;      ///< human-readable part, lowercase
    QByteArray data;  ///< 5-bit values, checksum removed
};

/// Encodes 5-bit values (each < 32) with a lowercase hrp.
QString encodeBech32(Bech32Variant variant, const QString &hrp, QByteArrayView values5);

/// Decodes any bech32/bech32m string (max 90 chars, no mixed case).
/// Returns: nullopt for bad characters, length, case mixing or checksum.
std::optional<Bech32Data> decodeBech32(QStringView text);

/// Regroups bits (8->5 with padding to encode, 5->8 without to decode).
/// Returns: nullopt if a value does not fit or the padding is not zero.
std::optional<QByteArray> convertBits(QByteArrayView in, int fromBits, int toBits, bool pad);

struct WitnessProgram {
    int version = 0;     ///< 0..16
    QByteArray program;  ///< 2..40 bytes (20 or 32 for v0)
};

/// Segwit address of a witness program (BIP173/BIP350).
/// Returns: empty string if the program violates the size rules.
QString encodeSegwitAddress(const QString &hrp, const WitnessProgram &program);

/// Decodes a segwit address whose hrp must equal @p expectedHrp.
/// Returns: nullopt for anything BIP173/BIP350 calls invalid.
std::optional<WitnessProgram> decodeSegwitAddress(const QString &expectedHrp, QStringView address);

} // namespace wp::btc
