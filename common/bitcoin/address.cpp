#include <bitcoin/address.h>

#include <bitcoin/base58.h>
#include <bitcoin/bech32.h>

namespace wp::btc {

namespace {

constexpr qsizetype kBase58PayloadSize = 21; // version byte + hash160

Result<Address> fail(const QString &message)
{
    return wp::fail(message);
}

} // namespace

Result<Address> Address::fromString(QStringView text, const NetworkParams &params)
{
    const QString &hrp = params.bech32Hrp;
    const bool looksBech32 =
        text.size() > hrp.size() && text.first(hrp.size()).compare(hrp, Qt::CaseInsensitive) == 0;

    if (!looksBech32) {
        const auto payload = decodeBase58Check(text, kBase58PayloadSize);
        if (!payload) {
            if (decodeBase58(text, 100))
                return fail(QStringLiteral("Invalid checksum or length of Base58 address (P2PKH or P2SH)"));
            return fail(QStringLiteral("Invalid or unsupported Segwit (Bech32) or Base58 encoding"));
        }
        if (payload->size() != kBase58PayloadSize)
            return fail(QStringLiteral("Invalid length for Base58 address (P2PKH or P2SH)"));
        const auto hash = *Hash160::fromBytes(QByteArrayView(*payload).sliced(1));
        const std::uint8_t version = std::uint8_t(payload->at(0));
        if (version == params.p2pkhVersion)
            return Address(AddressType::P2pkh, params.network, Script::p2pkh(hash));
        if (version == params.p2shVersion)
            return Address(AddressType::P2sh, params.network, Script::p2sh(hash));
        return fail(QStringLiteral("Invalid or unsupported Base58-encoded address (wrong version byte for %1)")
                        .arg(params.name));
    }

    const auto decoded = decodeBech32(text);
    if (!decoded)
        return fail(QStringLiteral("Invalid Bech32 address: bad characters, case, length or checksum"));
    if (decoded->hrp != hrp)
        return fail(QStringLiteral("Invalid prefix for Segwit (Bech32) address (expected %1, got %2)")
                        .arg(hrp, decoded->hrp));
    if (decoded->data.isEmpty())
        return fail(QStringLiteral("Empty Bech32 data section"));
    const int version = std::uint8_t(decoded->data[0]);
    if (version > 16)
        return fail(QStringLiteral("Invalid Bech32 address witness version %1").arg(version));
    if (version == 0 && decoded->variant != Bech32Variant::Bech32)
        return fail(QStringLiteral("Version 0 witness address must use Bech32 checksum"));
    if (version != 0 && decoded->variant != Bech32Variant::Bech32m)
        return fail(QStringLiteral("Version 1+ witness address must use Bech32m checksum"));
    const auto program = convertBits(QByteArrayView(decoded->data).sliced(1), 5, 8, false);
    if (!program)
        return fail(QStringLiteral("Invalid padding in Bech32 data section"));
    if (version == 0 && program->size() != 20 && program->size() != 32)
        return fail(QStringLiteral("Invalid Bech32 v0 address program size (%1 bytes), per BIP141")
                        .arg(program->size()));
    if (program->size() < 2 || program->size() > 40)
        return fail(QStringLiteral("Invalid Bech32 address program size (%1 bytes)").arg(program->size()));

    AddressType type = AddressType::WitnessUnknown;
    if (version == 0)
        type = program->size() == 20 ? AddressType::P2wpkh : AddressType::P2wsh;
    else if (version == 1 && program->size() == 32)
        type = AddressType::P2tr;
    return Address(type, params.network, *Script::fromWitnessProgram(version, *program));
}

std::optional<Address> Address::fromScript(const Script &script, const NetworkParams &params)
{
    if (script.p2pkhHash())
        return Address(AddressType::P2pkh, params.network, script);
    if (script.p2shHash())
        return Address(AddressType::P2sh, params.network, script);
    const auto wp = script.witnessProgram();
    if (!wp)
        return std::nullopt;
    const qsizetype size = wp->program.size();
    if (wp->version == 0) {
        if (size == 20)
            return Address(AddressType::P2wpkh, params.network, script);
        if (size == 32)
            return Address(AddressType::P2wsh, params.network, script);
        return std::nullopt;
    }
    return Address(wp->version == 1 && size == 32 ? AddressType::P2tr : AddressType::WitnessUnknown,
                   params.network, script);
}

QString Address::toString() const
{
    const NetworkParams &params = networkParams(m_network);
    switch (m_type) {
    case AddressType::P2pkh:
        return encodeBase58Check(QByteArray(1, char(params.p2pkhVersion)) + m_script.p2pkhHash()->bytes());
    case AddressType::P2sh:
        return encodeBase58Check(QByteArray(1, char(params.p2shVersion)) + m_script.p2shHash()->bytes());
    case AddressType::P2wpkh:
    case AddressType::P2wsh:
    case AddressType::P2tr:
    case AddressType::WitnessUnknown: {
        const auto wp = *m_script.witnessProgram();
        return encodeSegwitAddress(params.bech32Hrp, WitnessProgram{wp.version, wp.program});
    }
    }
    return {};
}

Result<Script> addressToScript(QStringView address, const NetworkParams &params)
{
    auto parsed = Address::fromString(address, params);
    if (!parsed)
        return parsed.error();
    return parsed->scriptPubKey();
}

std::optional<QString> scriptToAddress(const Script &script, const NetworkParams &params)
{
    const auto address = Address::fromScript(script, params);
    if (!address)
        return std::nullopt;
    return address->toString();
}

} // namespace wp::btc
