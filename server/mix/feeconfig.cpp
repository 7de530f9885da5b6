#include <mix/feeconfig.h>

#include <bitcoin/address.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/hashtypes.h>
#include <crypto/hash.h>
#include <util/assert.h>

#include <QMutexLocker>
#include <QSet>

#include <utility>

namespace wp::server::mix {

// ---- FeeAddressCache ---------------------------------------------------------

FeeAddressCache::FeeAddressCache(btc::Bip84Account account, int capacity)
    : m_account(std::move(account)), m_capacity(capacity)
{
    WP_ASSERT(capacity > 0);
}

Result<btc::Script> FeeAddressCache::script(qint32 index) const
{
    if (index < 0)
        return fail(QStringLiteral("invalid fee index %1").arg(index));
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_scripts.constFind(index);
        if (it != m_scripts.cend())
            return *it;
    }
    Result<crypto::PubKey> key = m_account.pubKey(btc::AddressChain::Receive, std::uint32_t(index));
    if (!key)
        return fail(QStringLiteral("fee address of index %1 cannot be derived: %2").arg(index).arg(key.error().message));
    const auto hash = btc::Hash160::fromBytes(crypto::hash160(key->serialize(true)));
    WP_ASSERT(hash.has_value());
    btc::Script script = btc::Script::p2wpkh(*hash);
    QMutexLocker lock(&m_mutex);
    if (m_scripts.size() >= m_capacity)
        m_scripts.clear();
    m_scripts.insert(index, script);
    return script;
}

int FeeAddressCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_scripts.size());
}

// ---- FeeConfig ---------------------------------------------------------------

namespace {

Result<void> checkScodes(const QList<ScodeConfig> &scodes)
{
    QSet<QString> names;
    QSet<qint16> payloads;
    for (const ScodeConfig &s : scodes) {
        const QString name = s.name.trimmed();
        if (name.isEmpty())
            return fail(QStringLiteral("scode: empty name"));
        if (name != s.name)
            return fail(QStringLiteral("scode %1: name has surrounding spaces").arg(name));
        const QString key = name.toUpper();
        if (names.contains(key))
            return fail(QStringLiteral("scode %1: duplicate name (names are case-insensitive)").arg(name));
        names.insert(key);
        if (s.payload == kScodePayloadNone)
            return fail(QStringLiteral("scode %1: payload 0 is reserved for \"no scode\"").arg(name));
        if (s.payload == kScodePayloadCascading)
            return fail(QStringLiteral("scode %1: payload %2 is reserved for cascading Tx0s").arg(name).arg(s.payload));
        if (payloads.contains(s.payload))
            return fail(QStringLiteral("scode %1: duplicate payload %2").arg(name).arg(s.payload));
        payloads.insert(s.payload);
        if (s.feeValuePercent < 0 || s.feeValuePercent > 100)
            return fail(QStringLiteral("scode %1: fee percent %2 is outside 0..100").arg(name).arg(s.feeValuePercent));
        if (s.expirationMs && *s.expirationMs < kMinScodeExpirationMs)
            return fail(QStringLiteral("scode %1: expiration %2 is not a milliseconds timestamp "
                                       "(give milliseconds since 1970-01-01 UTC, not seconds)")
                            .arg(name)
                            .arg(*s.expirationMs));
    }
    return {};
}

/// BIP39 seed -> BIP32 master key of a user-typed mnemonic. @p what names the setting in errors.
Result<btc::ExtendedPrivKey> masterFromMnemonic(QStringView mnemonic, QStringView passphrase, const QString &what)
{
    const QString normalized = btc::normalizeMnemonic(mnemonic);
    if (Result<void> valid = btc::validateMnemonic(normalized); !valid) {
        // the wordlist error quotes the word: keep secret material out of config errors
        const QString why = valid.error().code == int(btc::HdError::UnknownWord)
            ? QStringLiteral("a word is not in the BIP39 English wordlist")
            : valid.error().message;
        return fail(QStringLiteral("%1: invalid mnemonic: %2").arg(what, why));
    }
    Result<btc::ExtendedPrivKey> master = btc::ExtendedPrivKey::fromSeed(btc::mnemonicToSeed(normalized, passphrase).view());
    if (!master)
        return fail(QStringLiteral("%1: %2").arg(what, master.error().message));
    return master;
}

} // namespace

FeeConfig::FeeConfig(btc::Network network, btc::PaymentCode paymentCode, crypto::PrivKey notificationKey,
                     btc::Bip84Account feeAccount, QList<ScodeConfig> scodes,
                     std::optional<crypto::PrivKey> signingKey)
    : m_network(network), m_paymentCode(std::move(paymentCode)), m_notificationKey(std::move(notificationKey)),
      m_feeAccount(std::move(feeAccount)), m_scodes(std::move(scodes)), m_signingKey(std::move(signingKey)),
      m_feeAddresses(std::make_shared<FeeAddressCache>(m_feeAccount))
{
}

Result<FeeConfig> FeeConfig::create(const FeeSettings &settings)
{
    Result<btc::ExtendedPrivKey> master =
        masterFromMnemonic(settings.secretMnemonic, settings.secretPassphrase, QStringLiteral("fee secret wallet"));
    if (!master)
        return master.error();
    Result<btc::Bip47Account> bip47 = btc::Bip47Account::fromMaster(*master, settings.network, 0);
    if (!bip47)
        return fail(QStringLiteral("fee secret wallet: BIP47 account: %1").arg(bip47.error().message));
    Result<crypto::PrivKey> notificationKey = bip47->notificationPrivKey();
    if (!notificationKey)
        return fail(QStringLiteral("fee secret wallet: notification key: %1").arg(notificationKey.error().message));

    Result<btc::Bip84Account> feeAccount = btc::Bip84Account::fromAccountPubKey(settings.feeXpub.trimmed(), settings.network);
    if (!feeAccount)
        return fail(QStringLiteral("fee xpub: %1").arg(feeAccount.error().message));

    if (Result<void> scodes = checkScodes(settings.scodes); !scodes)
        return scodes.error();

    return FeeConfig(settings.network, bip47->paymentCode(), std::move(*notificationKey), std::move(*feeAccount),
                     settings.scodes, settings.signingKey);
}

const ScodeConfig *FeeConfig::scodeByName(QStringView name, qint64 timeMs) const
{
    if (name.isEmpty())
        return nullptr;
    for (const ScodeConfig &s : m_scodes) {
        if (s.name.compare(name, Qt::CaseInsensitive) == 0)
            return s.isValidAt(timeMs) ? &s : nullptr;
    }
    return nullptr;
}

const ScodeConfig *FeeConfig::scodeByPayload(qint16 payload, qint64 timeMs) const
{
    if (payload == kScodePayloadNone)
        return nullptr;
    for (const ScodeConfig &s : m_scodes) {
        if (s.payload == payload)
            return s.isValidAt(timeMs) ? &s : nullptr;
    }
    return nullptr;
}

int FeeConfig::feePercent(qint16 scodePayload, qint64 timeMs) const
{
    const ScodeConfig *scode = scodeByPayload(scodePayload, timeMs);
    return scode ? scode->feeValuePercent : 100;
}

Result<QString> FeeConfig::feeAddress(qint32 index) const
{
    Result<btc::Script> script = feeScript(index);
    if (!script)
        return script.error();
    std::optional<QString> address = btc::scriptToAddress(*script, btc::networkParams(m_network));
    WP_ASSERT(address.has_value()); // a P2WPKH script always has an address
    return *address;
}

btc::Amount FeeConfig::computeFeeValue(btc::Amount poolFee, int percent)
{
    WP_ASSERT(percent >= 0 && percent <= 100);
    WP_ASSERT(btc::moneyRange(poolFee));
    return poolFee * percent / 100;
}

Result<crypto::PrivKey> deriveSigningKey(QStringView mnemonic, QStringView passphrase, btc::Network network)
{
    Result<btc::ExtendedPrivKey> master = masterFromMnemonic(mnemonic, passphrase, QStringLiteral("signing wallet"));
    if (!master)
        return master.error();
    const std::uint32_t coin = btc::networkParams(network).bip44CoinType;
    const std::uint32_t path[] = {44 | btc::kHardened, coin | btc::kHardened, 0 | btc::kHardened, 0, 0};
    Result<btc::ExtendedPrivKey> key = master->derivePath(path);
    if (!key)
        return fail(QStringLiteral("signing wallet: %1").arg(key.error().message));
    return key->privKey();
}

} // namespace wp::server::mix
