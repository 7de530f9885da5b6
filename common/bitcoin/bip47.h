#pragma once

#include <bitcoin/bip32.h>
#include <bitcoin/network.h>
#include <crypto/eckey.h>
#include <crypto/securebytes.h>
#include <util/result.h>

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace wp::btc {

/// BIP47 purpose (payment code accounts m/47'/coin'/account').
inline constexpr std::uint32_t kBip47Purpose = 47;
/// Base58check prefix byte of a serialized payment code ("PM8T...").
inline constexpr std::uint8_t kPaymentCodePrefix = 0x47;
/// Size of the binary payment code (version, features, sign, x, chain code, reserved).
inline constexpr int kPaymentCodePayloadSize = 80;
/// Samourai extension: byte 79 of the payload, bit 0 set = the owner accepts segwit payments.
inline constexpr int kSamouraiFeatureByte = 79;

/// A BIP47 version 1 reusable payment code: the public key and chain code of an
/// account m/47'/coin'/account', with payload bytes exactly as parsed (reserved bytes
/// are kept, so Samourai's feature byte round-trips). Payment codes do not depend on the
/// network; addresses derived from them do. Immutable value type.
class PaymentCode {
public:
    /// Parses "PM8T...": base58check, 81 bytes, prefix 0x47, payload version 1, sign byte
    /// 02/03 and an x coordinate on the curve.
    /// Returns: HdError::BadPaymentCode naming the first problem.
    static Result<PaymentCode> parse(QStringView text);

    /// Builds a payment code from its 80-byte binary payload (same checks as parse()).
    static Result<PaymentCode> fromPayload(QByteArrayView payload);

    /// The payment code of an account key m/47'/coin'/account'. @p samouraiSegwit sets
    /// bit 0 of payload byte 79, as Samourai wallets do to advertise segwit support.
    static PaymentCode fromAccountKey(const ExtendedPubKey &accountKey, bool samouraiSegwit = false);

    /// Unblinds a payment code received in a notification transaction's OP_RETURN:
    /// x ^= mask[0..32), chain code ^= mask[32..64), then fromPayload().
    /// Returns: HdError::BadPaymentCode if sizes are wrong or the result is not a valid code.
    static Result<PaymentCode> fromBlindedPayload(QByteArrayView blindedPayload, QByteArrayView mask64);

    /// "PM8T..." form.
    QString toString() const;
    /// The 80-byte payload.
    const QByteArray &payload() const { return m_payload; }
    /// This code's payload blinded with a 64-byte mask (see bip47BlindingMask()).
    /// A mask of another size is a programming error (WP_ASSERT).
    QByteArray blindedPayload(QByteArrayView mask64) const;

    std::uint8_t version() const { return std::uint8_t(m_payload[0]); }
    std::uint8_t features() const { return std::uint8_t(m_payload[1]); }
    bool samouraiSegwit() const { return (std::uint8_t(m_payload[kSamouraiFeatureByte]) & 1) != 0; }
    const crypto::PubKey &pubKey() const { return m_pubKey; }
    QByteArray chainCode() const { return m_payload.sliced(35, 32); }

    /// The code as an extended public key (depth 0: BIP47 carries no parent metadata).
    ExtendedPubKey extendedPubKey() const;

    /// Public key i of the code (non-hardened BIP32 child i): B_i in BIP47.
    /// Returns: HdError::InvalidChild for index >= 2^31 or the 2^-127 invalid child.
    Result<crypto::PubKey> derivePubKey(std::uint32_t index) const;
    /// The notification key B_0 (child 0).
    Result<crypto::PubKey> notificationPubKey() const { return derivePubKey(0); }
    /// P2PKH address of the notification key on @p network.
    Result<QString> notificationAddress(Network network) const;

    friend bool operator==(const PaymentCode &a, const PaymentCode &b) { return a.m_payload == b.m_payload; }

private:
    PaymentCode(QByteArray payload, crypto::PubKey pubKey) : m_payload(std::move(payload)), m_pubKey(std::move(pubKey)) {}
    QByteArray m_payload;
    crypto::PubKey m_pubKey;
};

/// P2PKH (base58check) address of @p key (compressed) on @p network.
QString p2pkhAddress(const crypto::PubKey &key, Network network);

/// BIP47 notification blinding mask: HMAC-SHA512(key = @p outpoint, data = @p sharedSecretX), where
/// the outpoint is the 36-byte serialized outpoint (txid little-endian, index LE32) of the
/// designated input and the secret is x(a·B) of that input's key and the recipient's notification key.
/// Returns: 64 bytes (secret: the caller wipes it).
QByteArray bip47BlindingMask(QByteArrayView sharedSecretX, QByteArrayView outpoint);

/// The private side of a payment code: account key m/47'/coin'/account' and the BIP47
/// shared-secret derivations. Keys live in wiped memory. Immutable; thread-safe for const use.
///
/// Terms (BIP47): the sender uses its notification key a = a_0 and the recipient's key B_i;
/// the recipient uses its key b_i and the sender's notification key A = A_0. Both compute the
/// same secret S = x(a·B_i) = x(b_i·A) and s = SHA256(S); the payment key is B_i + s·G
/// (private: b_i + s).
class Bip47Account {
public:
    /// Derives m/47'/coin'/@p account' (coin = the network's bip44CoinType) from a master key.
    /// Returns: HdError::BadPath for a non-master key or account >= 2^31; derivation errors.
    static Result<Bip47Account> fromMaster(const ExtendedPrivKey &master, Network network,
                                           std::uint32_t account = 0, bool samouraiSegwit = false);
    /// Wraps an already derived account key (depth 3, m/47'/coin'/account').
    /// Returns: HdError::BadStructure when the depth is not 3.
    static Result<Bip47Account> fromAccountKey(const ExtendedPrivKey &accountKey, bool samouraiSegwit = false);

    const PaymentCode &paymentCode() const { return m_paymentCode; }
    const ExtendedPrivKey &accountKey() const { return m_accountKey; }

    /// Private key a_i / b_i (non-hardened child @p index of the account key).
    /// Returns: HdError::InvalidChild for index >= 2^31 or the 2^-127 invalid child.
    Result<crypto::PrivKey> privKey(std::uint32_t index) const;
    /// The notification private key a_0 (also the key that signs a notification transaction's input
    /// in Samourai's scheme and the ECDH key of Whirlpool's fee payload masking).
    Result<crypto::PrivKey> notificationPrivKey() const { return privKey(0); }

    /// Sender side: S = x(a_0 · B_index) with B from @p recipient.
    Result<crypto::SecureBytes> sendSecret(const PaymentCode &recipient, std::uint32_t index) const;
    /// Sender side: the recipient's payment public key B_index + SHA256(S)·G.
    /// Returns: HdError::InvalidChild when BIP47 says to use the next index.
    Result<crypto::PubKey> sendPubKey(const PaymentCode &recipient, std::uint32_t index) const;

    /// Recipient side: S = x(b_index · A_0) with A_0 the notification key of @p sender.
    Result<crypto::SecureBytes> receiveSecret(const PaymentCode &sender, std::uint32_t index) const;
    /// Recipient side: the payment private key b_index + SHA256(S).
    /// Returns: HdError::InvalidChild when BIP47 says to use the next index.
    Result<crypto::PrivKey> receivePrivKey(const PaymentCode &sender, std::uint32_t index) const;
    /// Public key of receivePrivKey().
    Result<crypto::PubKey> receivePubKey(const PaymentCode &sender, std::uint32_t index) const;

private:
    Bip47Account(ExtendedPrivKey accountKey, PaymentCode paymentCode)
        : m_accountKey(std::move(accountKey)), m_paymentCode(std::move(paymentCode)) {}
    ExtendedPrivKey m_accountKey;
    PaymentCode m_paymentCode;
};

} // namespace wp::btc
