#include <bitcoin/bip47.h>

#include <bitcoin/base58.h>
#include <crypto/hash.h>
#include <util/assert.h>

#include <array>

namespace wp::btc {

namespace {

constexpr int kXOffset = 3;
constexpr int kChainCodeOffset = 35;
constexpr std::uint8_t kSupportedVersion = 1;

void wipe(QByteArray &bytes)
{
    volatile char *p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

Error badCode(const QString &why) { return hdFail(HdError::BadPaymentCode, why); }

} // namespace

// ---------------------------------------------------------------------------------------------
// PaymentCode

Result<PaymentCode> PaymentCode::fromPayload(QByteArrayView payload)
{
    if (payload.size() != kPaymentCodePayloadSize)
        return badCode(QStringLiteral("payment code payload is %1 bytes, expected %2")
                           .arg(payload.size()).arg(kPaymentCodePayloadSize));
    const auto version = std::uint8_t(payload[0]);
    if (version != kSupportedVersion)
        return badCode(QStringLiteral("unsupported payment code version %1 (only version 1)").arg(version));
    const auto sign = std::uint8_t(payload[2]);
    if (sign != 0x02 && sign != 0x03)
        return badCode(QStringLiteral("payment code sign byte is not 02 or 03"));
    std::optional<crypto::PubKey> key = crypto::PubKey::fromBytes(payload.sliced(2, 33));
    if (!key)
        return badCode(QStringLiteral("payment code public key is not a point on secp256k1"));
    return PaymentCode(payload.toByteArray(), *key);
}

Result<PaymentCode> PaymentCode::parse(QStringView text)
{
    const std::optional<QByteArray> raw = decodeBase58Check(text, 128);
    if (!raw)
        return badCode(QStringLiteral("payment code is not valid base58check (bad character or checksum)"));
    if (raw->size() != kPaymentCodePayloadSize + 1)
        return badCode(QStringLiteral("payment code is %1 bytes, expected %2").arg(raw->size()).arg(kPaymentCodePayloadSize + 1));
    if (std::uint8_t(raw->at(0)) != kPaymentCodePrefix)
        return badCode(QStringLiteral("not a BIP47 v1 payment code (prefix 0x%1)")
                           .arg(std::uint8_t(raw->at(0)), 2, 16, QLatin1Char('0')));
    return fromPayload(QByteArrayView(*raw).sliced(1));
}

PaymentCode PaymentCode::fromAccountKey(const ExtendedPubKey &accountKey, bool samouraiSegwit)
{
    QByteArray payload(kPaymentCodePayloadSize, '\0');
    payload[0] = char(kSupportedVersion);
    payload.replace(2, 33, accountKey.pubKey().serialize(true));
    payload.replace(kChainCodeOffset, 32, accountKey.chainCode());
    if (samouraiSegwit)
        payload[kSamouraiFeatureByte] = char(0x01);
    WP_ASSERT(payload.size() == kPaymentCodePayloadSize);
    return PaymentCode(std::move(payload), accountKey.pubKey());
}

Result<PaymentCode> PaymentCode::fromBlindedPayload(QByteArrayView blindedPayload, QByteArrayView mask64)
{
    if (blindedPayload.size() != kPaymentCodePayloadSize || mask64.size() != 64)
        return badCode(QStringLiteral("blinded payment code must be %1 bytes with a 64-byte mask").arg(kPaymentCodePayloadSize));
    QByteArray payload = blindedPayload.toByteArray();
    for (int i = 0; i < 32; ++i) {
        payload[kXOffset + i] = char(payload[kXOffset + i] ^ mask64[i]);
        payload[kChainCodeOffset + i] = char(payload[kChainCodeOffset + i] ^ mask64[32 + i]);
    }
    return fromPayload(payload);
}

QByteArray PaymentCode::blindedPayload(QByteArrayView mask64) const
{
    WP_ASSERT(mask64.size() == 64);
    QByteArray out = m_payload;
    for (int i = 0; i < 32; ++i) {
        out[kXOffset + i] = char(out[kXOffset + i] ^ mask64[i]);
        out[kChainCodeOffset + i] = char(out[kChainCodeOffset + i] ^ mask64[32 + i]);
    }
    return out;
}

QString PaymentCode::toString() const
{
    QByteArray raw;
    raw.reserve(kPaymentCodePayloadSize + 1);
    raw.append(char(kPaymentCodePrefix));
    raw.append(m_payload);
    return encodeBase58Check(raw);
}

ExtendedPubKey PaymentCode::extendedPubKey() const
{
    std::optional<ExtendedPubKey> key = ExtendedPubKey::fromParts(0, 0, 0, chainCode(), m_pubKey);
    WP_ASSERT(key.has_value());
    return *key;
}

Result<crypto::PubKey> PaymentCode::derivePubKey(std::uint32_t index) const
{
    if (index >= kHardened)
        return hdFail(HdError::InvalidChild, QStringLiteral("payment code index %1 must be below 2^31").arg(index));
    Result<ExtendedPubKey> child = extendedPubKey().derive(index);
    if (!child)
        return child.error();
    return child->pubKey();
}

Result<QString> PaymentCode::notificationAddress(Network network) const
{
    Result<crypto::PubKey> key = notificationPubKey();
    if (!key)
        return key.error();
    return p2pkhAddress(*key, network);
}

QString p2pkhAddress(const crypto::PubKey &key, Network network)
{
    QByteArray raw;
    raw.append(char(networkParams(network).p2pkhVersion));
    raw.append(crypto::hash160(key.serialize(true)));
    return encodeBase58Check(raw);
}

QByteArray bip47BlindingMask(QByteArrayView sharedSecretX, QByteArrayView outpoint)
{
    return crypto::hmacSha512(outpoint, sharedSecretX);
}

// ---------------------------------------------------------------------------------------------
// Bip47Account

Result<Bip47Account> Bip47Account::fromMaster(const ExtendedPrivKey &master, Network network, std::uint32_t account,
                                              bool samouraiSegwit)
{
    if (master.depth() != 0)
        return hdFail(HdError::BadPath,
                      QStringLiteral("BIP47 accounts derive from the master key (depth 0), not depth %1").arg(master.depth()));
    if (account >= kHardened)
        return hdFail(HdError::BadPath, QStringLiteral("account number %1 must be below 2^31").arg(account));
    const std::array<std::uint32_t, 3> path{kBip47Purpose | kHardened,
                                            networkParams(network).bip44CoinType | kHardened, account | kHardened};
    Result<ExtendedPrivKey> accountKey = master.derivePath(std::span<const std::uint32_t>(path));
    if (!accountKey)
        return accountKey.error();
    return fromAccountKey(*accountKey, samouraiSegwit);
}

Result<Bip47Account> Bip47Account::fromAccountKey(const ExtendedPrivKey &accountKey, bool samouraiSegwit)
{
    if (accountKey.depth() != 3)
        return hdFail(HdError::BadStructure,
                      QStringLiteral("a BIP47 account key has depth 3, this one has depth %1").arg(accountKey.depth()));
    return Bip47Account(accountKey, PaymentCode::fromAccountKey(accountKey.neuter(), samouraiSegwit));
}

Result<crypto::PrivKey> Bip47Account::privKey(std::uint32_t index) const
{
    if (index >= kHardened)
        return hdFail(HdError::InvalidChild, QStringLiteral("payment code index %1 must be below 2^31").arg(index));
    Result<ExtendedPrivKey> child = m_accountKey.derive(index);
    if (!child)
        return child.error();
    return child->privKey();
}

Result<crypto::SecureBytes> Bip47Account::sendSecret(const PaymentCode &recipient, std::uint32_t index) const
{
    Result<crypto::PrivKey> a = notificationPrivKey();
    if (!a)
        return a.error();
    Result<crypto::PubKey> b = recipient.derivePubKey(index);
    if (!b)
        return b.error();
    return a->ecdhX(*b);
}

Result<crypto::PubKey> Bip47Account::sendPubKey(const PaymentCode &recipient, std::uint32_t index) const
{
    Result<crypto::SecureBytes> secret = sendSecret(recipient, index);
    if (!secret)
        return secret.error();
    Result<crypto::PubKey> b = recipient.derivePubKey(index);
    if (!b)
        return b.error();
    QByteArray s = crypto::sha256(secret->view());
    std::optional<crypto::PubKey> key = b->tweakAdd(s);
    wipe(s);
    if (!key)
        return hdFail(HdError::InvalidChild, QStringLiteral("BIP47 shared secret %1 is out of range, use the next index").arg(index));
    return *key;
}

Result<crypto::SecureBytes> Bip47Account::receiveSecret(const PaymentCode &sender, std::uint32_t index) const
{
    Result<crypto::PrivKey> b = privKey(index);
    if (!b)
        return b.error();
    Result<crypto::PubKey> a = sender.notificationPubKey();
    if (!a)
        return a.error();
    return b->ecdhX(*a);
}

Result<crypto::PrivKey> Bip47Account::receivePrivKey(const PaymentCode &sender, std::uint32_t index) const
{
    Result<crypto::SecureBytes> secret = receiveSecret(sender, index);
    if (!secret)
        return secret.error();
    Result<crypto::PrivKey> b = privKey(index);
    if (!b)
        return b.error();
    QByteArray s = crypto::sha256(secret->view());
    std::optional<crypto::PrivKey> key = b->tweakAdd(s);
    wipe(s);
    if (!key)
        return hdFail(HdError::InvalidChild, QStringLiteral("BIP47 shared secret %1 is out of range, use the next index").arg(index));
    return *key;
}

Result<crypto::PubKey> Bip47Account::receivePubKey(const PaymentCode &sender, std::uint32_t index) const
{
    Result<crypto::PrivKey> key = receivePrivKey(sender, index);
    if (!key)
        return key.error();
    return key->pubKey();
}

} // namespace wp::btc
