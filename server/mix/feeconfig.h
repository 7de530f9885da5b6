#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/bip47.h>
#include <bitcoin/bip84.h>
#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <crypto/eckey.h>
#include <util/result.h>

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

namespace wp::server::mix {

/// scodePayload of a Tx0 without SCODE.
inline constexpr qint16 kScodePayloadNone = 0;
/// scodePayload the classic coordinator reserved for "cascading" Tx0s (protocol reference
/// §4.3); never a configured SCODE. This coordinator treats it as an unknown SCODE (full fee).
inline constexpr qint16 kScodePayloadCascading = 22222;
/// partnerId of the only partner (feePartner payload 0), as the classic Tx0DataRequestV2 names it.
inline constexpr char kDefaultPartnerId[] = "SAMOURAI";
/// feePartner payload of kDefaultPartnerId.
inline constexpr qint16 kDefaultPartnerPayload = 0;
/// Smallest SCODE expiration accepted: 1e11 ms is 1973-03-03 in milliseconds but the year
/// 5138 in seconds, so anything below it is a seconds timestamp written by mistake (trap §13.9).
inline constexpr qint64 kMinScodeExpirationMs = 100'000'000'000;

/// One SCODE (discount code, protocol reference §5.3-§5.4). Plain value type.
struct ScodeConfig {
    QString name;                       ///< what users type; matched case-insensitively
    qint16 payload = 0;                 ///< carried in the fee payload; != 0, != 22222, unique
    int feeValuePercent = 100;          ///< share of the pool fee still due, 0..100 (0 = free Tx0)
    /// Milliseconds since the Unix epoch (UTC); the SCODE is valid while time <= expiration.
    /// Milliseconds, because the classic server compared it with tx0Time in ms (trap §13.9).
    std::optional<qint64> expirationMs;
    QString message;                    ///< shown by the clients (Tx0Data.message)

    /// Returns: true if the SCODE has no expiration or @p timeMs <= expirationMs.
    bool isValidAt(qint64 timeMs) const { return !expirationMs || timeMs <= *expirationMs; }
};

/// What the configuration file gives for fees. The secrets are only read by FeeConfig::create().
struct FeeSettings {
    btc::Network network = btc::Network::Main;
    /// BIP39 mnemonic and passphrase of the fee wallet: its BIP47 account 0 is the fee payment
    /// code whose notification key unmasks the Tx0 OP_RETURNs (the classic `secret-wallet`).
    QString secretMnemonic;
    QString secretPassphrase;
    /// BIP84 account public key (zpub/vpub, or xpub/tpub of depth 3) whose receive chain
    /// (chain 0) holds the fee addresses: the fee of a Tx0 goes to index feeIndice.
    QString feeXpub;
    QList<ScodeConfig> scodes;
    /// Key signing Tx0Data.feeOutputSignature; none = the field is left null.
    /// See deriveSigningKey() for the classic `signing-wallet` derivation.
    std::optional<crypto::PrivKey> signingKey;
};

/// Fee address scripts of a fee xpub's receive chain, derived on demand and cached
/// (validation runs at every registerInput).
///
/// Thread-safety: all methods may be called from any thread; a QMutex guards the cache
/// (derivation itself runs outside the lock). The cache holds at most `capacity` entries
/// and is emptied when full (fee indexes come from untrusted Tx0s, so it must be bounded).
class FeeAddressCache {
public:
    /// Default capacity (about 100 bytes an entry).
    static constexpr int kDefaultCapacity = 65536;

    explicit FeeAddressCache(btc::Bip84Account account, int capacity = kDefaultCapacity);

    /// scriptPubKey (P2WPKH) of the receive address at @p index.
    /// Returns: an error for a negative index or the (2^-127) underivable child.
    Result<btc::Script> script(qint32 index) const;
    /// Number of cached scripts.
    int size() const;

private:
    const btc::Bip84Account m_account;
    const int m_capacity;
    mutable QMutex m_mutex;
    mutable QHash<qint32, btc::Script> m_scripts;
};

/// The coordinator's fee secrets and rules (protocol reference §5): the BIP47 fee account
/// (payment code + notification key), the fee xpub, the SCODEs and the optional signing key.
///
/// Immutable value type once created (copies share one FeeAddressCache); thread-safe for
/// concurrent const use. Holds secrets: never log it.
class FeeConfig {
public:
    /// Builds and checks the configuration: mnemonic (BIP39 English, checksum), fee xpub
    /// (BIP84 account key of @p settings.network), SCODEs (non-empty unique names, payload
    /// != 0 and != 22222 and unique, percent 0..100, expiration >= kMinScodeExpirationMs).
    /// Returns: an Error whose message is one line naming the offending setting (never
    /// containing a secret), for the config loader.
    static Result<FeeConfig> create(const FeeSettings &settings);

    btc::Network network() const { return m_network; }
    /// The fee payment code (Tx0Data.feePaymentCode).
    const btc::PaymentCode &feePaymentCode() const { return m_paymentCode; }
    /// Private key of the fee payment code's notification address (unmasks OP_RETURNs).
    const crypto::PrivKey &notificationPrivKey() const { return m_notificationKey; }
    /// The fee xpub as an account.
    const btc::Bip84Account &feeAccount() const { return m_feeAccount; }
    const QList<ScodeConfig> &scodes() const { return m_scodes; }
    const std::optional<crypto::PrivKey> &signingKey() const { return m_signingKey; }

    /// The SCODE named @p name (case-insensitive) if it is valid at @p timeMs.
    /// Returns: a pointer into this config, or nullptr for an empty, unknown or expired name.
    const ScodeConfig *scodeByName(QStringView name, qint64 timeMs) const;
    /// The SCODE of @p payload if it is valid at @p timeMs.
    /// Returns: a pointer into this config, or nullptr for 0, unknown or expired payloads.
    const ScodeConfig *scodeByPayload(qint16 payload, qint64 timeMs) const;
    /// Share of the pool fee a Tx0 with @p scodePayload must pay at @p timeMs:
    /// the SCODE's percent, or 100 when there is no valid SCODE.
    int feePercent(qint16 scodePayload, qint64 timeMs) const;

    /// scriptPubKey of the fee address at @p index (receive chain), cached.
    /// Returns: an error for a negative index or the (2^-127) underivable child.
    Result<btc::Script> feeScript(qint32 index) const { return m_feeAddresses->script(index); }
    /// The fee address at @p index as text. Errors as feeScript().
    Result<QString> feeAddress(qint32 index) const;

    /// floor(@p poolFee * @p percent / 100), the fee a Tx0 owes (trap §13.9).
    /// @p percent must be in 0..100 and @p poolFee in [0, kMaxMoney] (else WP_ASSERT).
    static btc::Amount computeFeeValue(btc::Amount poolFee, int percent);

private:
    FeeConfig(btc::Network network, btc::PaymentCode paymentCode, crypto::PrivKey notificationKey,
              btc::Bip84Account feeAccount, QList<ScodeConfig> scodes, std::optional<crypto::PrivKey> signingKey);

    btc::Network m_network;
    btc::PaymentCode m_paymentCode;
    crypto::PrivKey m_notificationKey;
    btc::Bip84Account m_feeAccount;
    QList<ScodeConfig> m_scodes;
    std::optional<crypto::PrivKey> m_signingKey;
    std::shared_ptr<FeeAddressCache> m_feeAddresses;
};

/// The classic coordinator's `signing-wallet` key: BIP44 m/44'/coin'/0'/0/0 of a BIP39
/// mnemonic + passphrase (its P2PKH address is the "signing address").
/// Returns: the mnemonic's validation error, or a derivation error.
Result<crypto::PrivKey> deriveSigningKey(QStringView mnemonic, QStringView passphrase, btc::Network network);

} // namespace wp::server::mix
