#include <bitcoin/wif.h>

#include <bitcoin/base58.h>

namespace wp::btc {

Result<WifKey> decodeWif(QStringView text, const NetworkParams &params)
{
    const auto payload = decodeBase58Check(text, 64);
    if (!payload)
        return fail(QStringLiteral("not a base58check string"));
    const bool compressed = payload->size() == 34 && payload->back() == '\x01';
    if (payload->size() != 33 && !compressed)
        return fail(QStringLiteral("not a private key (wrong length)"));
    if (std::uint8_t(payload->front()) != params.wifVersion)
        return fail(QStringLiteral("not a private key of this network"));
    auto key = crypto::PrivKey::fromBytes(QByteArrayView(*payload).sliced(1, 32));
    if (!key)
        return fail(QStringLiteral("private key out of range"));
    return WifKey{std::move(*key), compressed};
}

QString encodeWif(const crypto::PrivKey &key, bool compressed, const NetworkParams &params)
{
    QByteArray payload;
    payload.append(char(params.wifVersion));
    payload.append(key.bytes().view());
    if (compressed)
        payload.append('\x01');
    const QString encoded = encodeBase58Check(payload);
    payload.fill('\0'); // the secret does not linger in freed memory
    return encoded;
}

} // namespace wp::btc
