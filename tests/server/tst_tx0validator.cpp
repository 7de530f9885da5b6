// The coordinator's Tx0 check: fee config, real classic Tx0s, and Tx0s built here.
#include <mix/feeconfig.h>
#include <mix/poolconfig.h>
#include <mix/tx0validator.h>

#include <bitcoin/address.h>
#include <bitcoin/bip69.h>
#include <bitcoin/bip84.h>
#include <bitcoin/transaction.h>
#include <crypto/eckey.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <protocol/feeopreturn.h>
#include <protocol/feepayload.h>
#include <protocol/messages.h>

#include <testdata.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <map>
#include <memory>

using namespace wp;
using namespace wp::server::mix;

namespace {

// The classic test coordinator's secret wallet and fee xpub (whirlpool_bip47_vectors.json,
// whirlpool_fee_xpub_vectors.json): its OP_RETURN V0 fixtures are masked for this account.
const QString kAllWords = QStringLiteral("all all all all all all all all all all all all");
const QString kAllPassphrase = QStringLiteral("whirlpool");
const QString kAllPaymentCode = QStringLiteral(
    "PM8TJXp19gCE6hQzqRi719FGJzF6AreRwvoQKLRnQ7dpgaakakFns22jHUqhtPQWmfevPQRCyfFbdDrKvrfw9oZv5PjaCerQMa3BKkPyUf9yN1CDR3w6");
const QString kFeeXpub = QStringLiteral(
    "vpub5YS8pQgZKVbrSn9wtrmydDWmWMjHrxL2mBCZ81BDp7Z2QyCgTLZCrnBprufuoUJaQu1ZeiRvUkvdQTNqV6hS96WbbVZgweFxYR1RXYkBcKt");

// The BIP84 test vector account of "abandon ... about" (bitcoin/bips bip-0084.mediawiki), mainnet.
const QString kBip84VectorZpub = QStringLiteral(
    "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs");

/// Another coordinator's fee xpub: the BIP84 vector account re-encoded as a testnet vpub.
QString otherFeeXpub()
{
    return btc::Bip84Account::fromAccountPubKey(kBip84VectorZpub, btc::Network::Main)
        ->accountPubKey()
        .serialize(btc::networkParams(btc::Network::Test).zpubVersion);
}

constexpr qint64 kNowMs = 1'700'000'000'000; // 2023-11-14
constexpr qint16 kScodeFree = 1;              // 0 %
constexpr qint16 kScodeHalf = 2;              // 50 %
constexpr qint16 kScodeExpiring = 3;          // 0 %, expires at kNowMs
constexpr qint16 kScodeThirdExpiring = 4;     // 33 %, expires at kNowMs

FeeSettings baseSettings()
{
    FeeSettings s;
    s.network = btc::Network::Test;
    s.secretMnemonic = kAllWords;
    s.secretPassphrase = kAllPassphrase;
    s.feeXpub = kFeeXpub;
    s.scodes = {
        ScodeConfig{QStringLiteral("FREE"), kScodeFree, 0, std::nullopt, QStringLiteral("free Tx0")},
        ScodeConfig{QStringLiteral("Half"), kScodeHalf, 50, std::nullopt, QStringLiteral("half fee")},
        ScodeConfig{QStringLiteral("EXPIRING"), kScodeExpiring, 0, kNowMs, QString()},
        ScodeConfig{QStringLiteral("THIRD"), kScodeThirdExpiring, 33, kNowMs, QString()},
    };
    return s;
}

std::shared_ptr<const FeeConfig> makeConfig(const FeeSettings &settings)
{
    Result<FeeConfig> config = FeeConfig::create(settings);
    if (!config)
        qFatal("FeeConfig::create failed: %s", qPrintable(config.error().message));
    return std::make_shared<const FeeConfig>(std::move(*config));
}

/// The test fee config, made once (BIP39 seed derivation is slow).
std::shared_ptr<const FeeConfig> testConfig()
{
    static const std::shared_ptr<const FeeConfig> config = makeConfig(baseSettings());
    return config;
}

/// The classic secret accounts by payment code, from whirlpool_bip47_vectors.json.
struct SecretAccount {
    QString words;
    QString passphrase;
};
const QHash<QString, SecretAccount> &secretAccounts()
{
    static const QHash<QString, SecretAccount> accounts = [] {
        QHash<QString, SecretAccount> map;
        const QJsonArray vectors = test::loadJson(QStringLiteral("whirlpool_bip47_vectors.json"))[QStringLiteral("vectors")].toArray();
        for (const QJsonValue &v : vectors) {
            const QJsonObject o = v.toObject();
            const QJsonObject wallet = o[QStringLiteral("wallet")].toObject();
            const QString pcode = o[QStringLiteral("expected_payment_code")].toString();
            if (pcode.isEmpty() || wallet[QStringLiteral("bip47_path")].toString() != QLatin1String("m/47'/1'/0'"))
                continue;
            map.insert(pcode, SecretAccount{wallet[QStringLiteral("words")].toString(),
                                            wallet[QStringLiteral("passphrase")].toString()});
        }
        return map;
    }();
    return accounts;
}

/// A fee config of the classic account owning @p paymentCode (cached per code).
std::shared_ptr<const FeeConfig> configForPaymentCode(const QString &paymentCode, const QString &feeXpub = kFeeXpub)
{
    static std::map<QString, std::shared_ptr<const FeeConfig>> cache;
    const QString key = paymentCode + QLatin1Char('|') + feeXpub;
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    const auto account = secretAccounts().constFind(paymentCode);
    if (account == secretAccounts().cend())
        qFatal("no secret account for payment code %s", qPrintable(paymentCode));
    FeeSettings s;
    s.network = btc::Network::Test;
    s.secretMnemonic = account->words;
    s.secretPassphrase = account->passphrase;
    s.feeXpub = feeXpub;
    auto config = makeConfig(s);
    if (config->feePaymentCode().pubKey() != btc::PaymentCode::parse(paymentCode)->pubKey())
        qFatal("secret account does not derive payment code %s", qPrintable(paymentCode));
    cache.emplace(key, config);
    return config;
}

PoolConfig testPool(btc::Amount feeValue = 50'000)
{
    PoolConfig p;
    p.poolId = QStringLiteral("0.01btc");
    p.denomination = 1'000'000;
    p.feeValue = feeValue;
    p.minerFeeMin = 102;
    p.minerFeeCap = 8000;
    p.minerFeeMax = 10000;
    return p;
}

btc::Script p2wpkhOf(const crypto::PubKey &key)
{
    return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(key.serialize(true))));
}

btc::Script randomP2wpkh() { return p2wpkhOf(crypto::PrivKey::generate().pubKey()); }

btc::Transaction parseTx(const QString &hex)
{
    Result<btc::Transaction> tx = btc::Transaction::deserialize(test::hex(hex));
    if (!tx)
        qFatal("fixture does not parse: %s", qPrintable(tx.error().message));
    return *tx;
}

/// How the Tx0 builder spends its inputs.
enum class InputForm { Witness, ScriptSig, NoKey };

/// Everything a Tx0 built here is made of (what a client does, §7), with knobs to break it.
struct Tx0Spec {
    int nbPremix = 3;
    btc::Amount premixValue = 1'000'170;
    btc::Amount change = 1'234'567;
    std::optional<btc::TxOut> feeOutput;         ///< none: no fee output
    proto::FeePayloadV1 payload;
    proto::FeeOpReturnVersion version = proto::FeeOpReturnVersion::V1;
    std::optional<crypto::PubKey> maskFor;       ///< notification key; default: the test config's
    bool maskWithInput1 = false;                 ///< use the wrong outpoint (the 2nd input after BIP69)
    bool withOpReturn = true;
    InputForm inputForm = InputForm::Witness;
};

/// A BIP69-sorted Tx0 as the classic client builds it: the OP_RETURN is masked with the outpoint
/// of input #0 after sorting.
btc::Transaction buildTx0(const Tx0Spec &spec)
{
    btc::Transaction tx;
    tx.version = 1;
    QList<crypto::PrivKey> keyList;
    QHash<btc::OutPoint, int> keys;
    for (int i = 0; i < 2; ++i) {
        const crypto::PrivKey key = crypto::PrivKey::generate();
        btc::TxIn in;
        in.prevout = btc::OutPoint{*btc::Txid::fromBytes(crypto::randomBytes(32)), std::uint32_t(i)};
        const QByteArray fakeSignature = QByteArray(71, '\x30');
        const QByteArray pubKey = key.pubKey().serialize(true);
        if (spec.inputForm == InputForm::Witness)
            in.witness = {fakeSignature, pubKey};
        else if (spec.inputForm == InputForm::ScriptSig)
            in.scriptSig.appendPush(fakeSignature).appendPush(pubKey);
        keys.insert(in.prevout, int(keyList.size()));
        keyList.append(key);
        tx.inputs.append(in);
    }
    for (int i = 0; i < spec.nbPremix; ++i)
        tx.outputs.append(btc::TxOut{spec.premixValue, randomP2wpkh()});
    if (spec.feeOutput)
        tx.outputs.append(*spec.feeOutput);
    if (spec.change > 0)
        tx.outputs.append(btc::TxOut{spec.change, randomP2wpkh()});
    btc::sortBip69(tx);

    if (spec.withOpReturn) {
        const btc::TxIn &maskInput = tx.inputs.at(spec.maskWithInput1 ? 1 : 0);
        const QByteArray outpoint = maskInput.prevout.serialize();
        const crypto::PubKey notification =
            spec.maskFor ? *spec.maskFor : *testConfig()->feePaymentCode().notificationPubKey();
        const QByteArray push = spec.version == proto::FeeOpReturnVersion::V1
            ? proto::computeFeeOpReturnV1(spec.payload.encode(proto::kFeePayloadLengthV1), notification, outpoint)
            : proto::computeFeeOpReturnV0(spec.payload.encode(proto::kFeePayloadLengthV0), keyList.at(keys.value(maskInput.prevout)),
                                          notification, outpoint);
        tx.outputs.append(btc::TxOut{0, btc::Script::opReturn(push)});
        btc::sortBip69(tx);
    }
    return tx;
}

btc::TxOut feeOutput(qint32 index, btc::Amount value)
{
    return btc::TxOut{value, *testConfig()->feeScript(index)};
}

/// A valid full-fee V1 Tx0 paying @p fee to fee index @p index.
Tx0Spec paidSpec(qint32 index = 7, btc::Amount fee = 50'000)
{
    Tx0Spec spec;
    spec.payload.feeIndice = index;
    spec.feeOutput = feeOutput(index, fee);
    return spec;
}

int outputIndexOf(const btc::Transaction &tx, const btc::Script &script)
{
    for (int i = 0; i < tx.outputs.size(); ++i) {
        if (tx.outputs.at(i).scriptPubKey == script)
            return i;
    }
    return -1;
}

} // namespace

class TestTx0Validator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ---- FeeConfig -------------------------------------------------------------
    void feeConfigAccount();
    void feeConfigErrors_data();
    void feeConfigErrors();
    void scodeLookup();
    void computeFeeValue_data();
    void computeFeeValue();
    void feeXpubVectors_data();
    void feeXpubVectors();
    void feeAddressCache();

    // ---- real classic Tx0s -------------------------------------------------------
    void fixtureFeeData_data();
    void fixtureFeeData();
    void fixtureValidTx0_data();
    void fixtureValidTx0();
    void fixtureNotTx0_data();
    void fixtureNotTx0();

    // ---- Tx0s built here ---------------------------------------------------------
    void roundTrip_data();
    void roundTrip();
    void feeToWrongIndex();
    void feeToWrongAddress();
    void feeUnderpaid();
    void feeOverpaid();
    void missingOpReturn();
    void twoOpReturns();
    void opReturnShapes_data();
    void opReturnShapes();
    void maskedForAnotherCoordinator();
    void maskedWithWrongInput();
    void v0WithoutInputKey();
    void unknownPartner();
    void negativeFeeIndex();
    void freeScodeNeedsNoFeeOutput();
    void halfScode();
    void expiredScode();
    void unknownScodePaysFullFee();
    void zeroPoolFee();
    void premixCandidates();
    void garbageTransactions();
};

// ---- FeeConfig -------------------------------------------------------------------

void TestTx0Validator::feeConfigAccount()
{
    const auto config = testConfig();
    QCOMPARE(config->feePaymentCode().toString(), kAllPaymentCode);
    QCOMPARE(config->network(), btc::Network::Test);
    // notification key of the payment code (whirlpool_bip47_vectors.json 00-getNotificationAddress)
    QCOMPARE(config->notificationPrivKey().pubKey().serialize(true),
             test::hex(QStringLiteral("02a3b025ab9bc75c1e35c8d6ac8b7f79288a3bd41b752dac2d747c29e598c79a4d")));
    QCOMPARE(*config->feePaymentCode().notificationPubKey(), config->notificationPrivKey().pubKey());
    QCOMPARE(config->feeAccount().zpub(), kFeeXpub);
    QVERIFY(!config->signingKey());
}

void TestTx0Validator::feeConfigErrors_data()
{
    QTest::addColumn<int>("mutation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad-mnemonic") << 0 << QStringLiteral("fee secret wallet: invalid mnemonic");
    QTest::newRow("empty-mnemonic") << 1 << QStringLiteral("fee secret wallet: invalid mnemonic");
    QTest::newRow("mainnet-zpub-on-testnet") << 2 << QStringLiteral("fee xpub:");
    QTest::newRow("garbage-xpub") << 3 << QStringLiteral("fee xpub:");
    QTest::newRow("master-tpub-depth0") << 4 << QStringLiteral("depth");
    QTest::newRow("scode-empty-name") << 5 << QStringLiteral("scode: empty name");
    QTest::newRow("scode-payload-0") << 6 << QStringLiteral("payload 0 is reserved");
    QTest::newRow("scode-payload-22222") << 7 << QStringLiteral("reserved for cascading");
    QTest::newRow("scode-duplicate-payload") << 8 << QStringLiteral("duplicate payload");
    QTest::newRow("scode-duplicate-name-case") << 9 << QStringLiteral("duplicate name");
    QTest::newRow("scode-percent-101") << 10 << QStringLiteral("outside 0..100");
    QTest::newRow("scode-percent-negative") << 11 << QStringLiteral("outside 0..100");
    QTest::newRow("scode-expiration-seconds") << 12 << QStringLiteral("not a milliseconds timestamp");
    QTest::newRow("scode-name-spaces") << 13 << QStringLiteral("surrounding spaces");
    QTest::newRow("mnemonic-typo-not-echoed") << 14 << QStringLiteral("a word is not in the BIP39 English wordlist");
}

void TestTx0Validator::feeConfigErrors()
{
    QFETCH(int, mutation);
    QFETCH(QString, expected);
    FeeSettings s = baseSettings();
    switch (mutation) {
    case 0: s.secretMnemonic = QStringLiteral("all all all all all all all all all all all able"); break;
    case 1: s.secretMnemonic.clear(); break;
    case 2: s.feeXpub = kBip84VectorZpub; break; // a mainnet zpub on testnet
    case 3: s.feeXpub = QStringLiteral("vpub-not-a-key"); break;
    case 4: // BIP32 test vector 1 master key, re-encoded as tpub: depth 0
        s.feeXpub = QStringLiteral("tpubD6NzVbkrYhZ4XgiXtGrdW5XDAPFCL9h7we1vwNCpn8tGbBcgfVYjXyhWo4E1xkh56hjod1RhGjxbaTLV3X4FyWuejifB9jusQ46QzG87VKp");
        break;
    case 5: s.scodes.append(ScodeConfig{QString(), 9, 10, std::nullopt, QString()}); break;
    case 6: s.scodes.append(ScodeConfig{QStringLiteral("ZERO"), 0, 10, std::nullopt, QString()}); break;
    case 7: s.scodes.append(ScodeConfig{QStringLiteral("CASCADE"), kScodePayloadCascading, 0, std::nullopt, QString()}); break;
    case 8: s.scodes.append(ScodeConfig{QStringLiteral("OTHER"), kScodeHalf, 10, std::nullopt, QString()}); break;
    case 9: s.scodes.append(ScodeConfig{QStringLiteral("free"), 99, 10, std::nullopt, QString()}); break;
    case 10: s.scodes.append(ScodeConfig{QStringLiteral("MORE"), 99, 101, std::nullopt, QString()}); break;
    case 11: s.scodes.append(ScodeConfig{QStringLiteral("LESS"), 99, -1, std::nullopt, QString()}); break;
    case 12: s.scodes.append(ScodeConfig{QStringLiteral("SECONDS"), 99, 10, qint64(1'700'000'000), QString()}); break;
    case 13: s.scodes.append(ScodeConfig{QStringLiteral(" PAD"), 99, 10, std::nullopt, QString()}); break;
    case 14: s.secretMnemonic = QStringLiteral("all all all all all all all all all all all secretword"); break;
    default: QFAIL("unknown mutation");
    }
    Result<FeeConfig> config = FeeConfig::create(s);
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(expected), qPrintable(config.error().message));
    QVERIFY(!config.error().message.contains(QLatin1Char('\n')));
    QVERIFY(!config.error().message.contains(kAllWords)); // never echo the secret
    QVERIFY(!config.error().message.contains(QLatin1String("secretword")));
    QVERIFY(!config.error().message.contains(kAllPassphrase));
}

void TestTx0Validator::scodeLookup()
{
    const auto config = testConfig();
    QVERIFY(config->scodeByName(QStringLiteral("half"), kNowMs));
    QCOMPARE(config->scodeByName(QStringLiteral("hALF"), kNowMs)->payload, kScodeHalf);
    QVERIFY(!config->scodeByName(QStringLiteral("HALF2"), kNowMs));
    QVERIFY(!config->scodeByName(QString(), kNowMs));
    // expiration is inclusive, in ms
    QVERIFY(config->scodeByName(QStringLiteral("expiring"), kNowMs));
    QVERIFY(!config->scodeByName(QStringLiteral("expiring"), kNowMs + 1));
    QVERIFY(config->scodeByPayload(kScodeExpiring, kNowMs));
    QVERIFY(!config->scodeByPayload(kScodeExpiring, kNowMs + 1));
    QVERIFY(!config->scodeByPayload(kScodePayloadNone, kNowMs));
    QVERIFY(!config->scodeByPayload(777, kNowMs));
    QCOMPARE(config->feePercent(kScodeFree, kNowMs), 0);
    QCOMPARE(config->feePercent(kScodeHalf, kNowMs), 50);
    QCOMPARE(config->feePercent(kScodeThirdExpiring, kNowMs), 33);
    QCOMPARE(config->feePercent(kScodeThirdExpiring, kNowMs + 1), 100);
    QCOMPARE(config->feePercent(kScodePayloadNone, kNowMs), 100);
    QCOMPARE(config->feePercent(777, kNowMs), 100);
    QCOMPARE(config->feePercent(kScodePayloadCascading, kNowMs), 100);
}

void TestTx0Validator::computeFeeValue_data()
{
    QTest::addColumn<qint64>("poolFee");
    QTest::addColumn<int>("percent");
    QTest::addColumn<qint64>("expected");
    // whirlpool-client AbstractTest#mockTx0Datas_SCODE_50PERCENT: 1487500 -> 743750, 42500 -> 21250, 5000 -> 2500
    QTest::newRow("mock-0.5btc-50") << qint64(1'487'500) << 50 << qint64(743'750);
    QTest::newRow("mock-0.01btc-50") << qint64(42'500) << 50 << qint64(21'250);
    QTest::newRow("mock-0.001btc-50") << qint64(5'000) << 50 << qint64(2'500);
    QTest::newRow("floor") << qint64(50'001) << 33 << qint64(16'500);
    QTest::newRow("floor-to-zero") << qint64(99) << 1 << qint64(0);
    QTest::newRow("zero-percent") << qint64(50'000) << 0 << qint64(0);
    QTest::newRow("full") << qint64(50'000) << 100 << qint64(50'000);
    QTest::newRow("max-money") << qint64(btc::kMaxMoney) << 99 << qint64(btc::kMaxMoney / 100 * 99);
}

void TestTx0Validator::computeFeeValue()
{
    QFETCH(qint64, poolFee);
    QFETCH(int, percent);
    QFETCH(qint64, expected);
    QCOMPARE(FeeConfig::computeFeeValue(poolFee, percent), expected);
}

void TestTx0Validator::feeXpubVectors_data()
{
    QTest::addColumn<QString>("xpub");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("address");
    const QJsonObject file = test::loadJson(QStringLiteral("whirlpool_fee_xpub_vectors.json")).object();
    QCOMPARE(file[QStringLiteral("network")].toString(), QStringLiteral("test"));
    const QJsonArray vectors = file[QStringLiteral("vectors")].toArray();
    QVERIFY(vectors.size() >= 4);
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        QCOMPARE(o[QStringLiteral("chain")].toInt(), 0);
        QTest::newRow(qPrintable(o[QStringLiteral("id")].toString()))
            << o[QStringLiteral("fee_xpub")].toString() << o[QStringLiteral("index")].toInt()
            << o[QStringLiteral("address")].toString();
    }
}

void TestTx0Validator::feeXpubVectors()
{
    QFETCH(QString, xpub);
    QFETCH(int, index);
    QFETCH(QString, address);
    const auto config = configForPaymentCode(kAllPaymentCode, xpub);
    QCOMPARE(*config->feeAddress(index), address);
    QCOMPARE(*config->feeAddress(index), address); // from the cache
    QCOMPARE(*config->feeScript(index), *btc::addressToScript(address, btc::networkParams(btc::Network::Test)));
}

void TestTx0Validator::feeAddressCache()
{
    const auto config = testConfig();
    FeeAddressCache cache(config->feeAccount(), 3);
    QCOMPARE(cache.size(), 0);
    QVERIFY(!cache.script(-1));
    QCOMPARE(cache.size(), 0);
    const btc::Script s5 = *cache.script(5);
    QCOMPARE(cache.size(), 1);
    QCOMPARE(*cache.script(5), s5);
    QCOMPARE(cache.size(), 1);
    QVERIFY(cache.script(6));
    QVERIFY(cache.script(7));
    QCOMPARE(cache.size(), 3);
    QVERIFY(cache.script(8)); // full: emptied, then 8 is cached
    QCOMPARE(cache.size(), 1);
    QCOMPARE(*cache.script(5), s5); // derived again, same result
    QCOMPARE(*config->feeScript(5), s5);
    QVERIFY(*cache.script(6) != s5);
    // the largest index a fee payload can carry
    QVERIFY(cache.script(std::numeric_limits<qint32>::max()));
}

// ---- real classic Tx0s -------------------------------------------------------------

void TestTx0Validator::fixtureFeeData_data()
{
    QTest::addColumn<QString>("rawHex");
    QTest::addColumn<QString>("paymentCode");
    QTest::addColumn<int>("vout");
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("feeIndice");
    QTest::addColumn<int>("scodePayload");
    QTest::addColumn<int>("feePartner");
    const QJsonArray fixtures = test::loadJson(QStringLiteral("whirlpool-fixtures.json"))[QStringLiteral("fixtures")].toArray();
    int rows = 0;
    for (int i = 0; i < fixtures.size(); ++i) {
        const QJsonObject f = fixtures.at(i).toObject();
        const QJsonArray opReturns = f[QStringLiteral("op_return")].toArray();
        if (f[QStringLiteral("type")].toString() != QLatin1String("raw_tx") || opReturns.isEmpty())
            continue;
        const QJsonObject op = opReturns.at(0).toObject();
        const int length = op[QStringLiteral("op_return_len")].toInt();
        const QJsonObject payload = op[QStringLiteral("decoded_fee_payload")].toObject();
        if ((length != 64 && length != 80) || payload.isEmpty())
            continue;
        QTest::newRow(qPrintable(QStringLiteral("fixture%1-%2").arg(i).arg(f[QStringLiteral("txid")].toString().left(8))))
            << f[QStringLiteral("raw_hex")].toString() << payload[QStringLiteral("secret_pcode")].toString()
            << op[QStringLiteral("vout")].toInt() << (length == 64 ? 0 : 1) << payload[QStringLiteral("feeIndice")].toInt()
            << payload[QStringLiteral("scodePayload")].toInt() << payload[QStringLiteral("feePartner")].toInt();
        ++rows;
    }
    QVERIFY(rows >= 90); // 73 Tx0s + 25 two-party Tx0s carry a decoded payload
}

void TestTx0Validator::fixtureFeeData()
{
    QFETCH(QString, rawHex);
    QFETCH(QString, paymentCode);
    QFETCH(int, vout);
    QFETCH(int, version);
    QFETCH(int, feeIndice);
    QFETCH(int, scodePayload);
    QFETCH(int, feePartner);
    const auto config = configForPaymentCode(paymentCode);
    QCOMPARE(config->feePaymentCode().toString(), paymentCode);
    const btc::Transaction tx = parseTx(rawHex);
    QVERIFY(Tx0Validator::hasFeeOpReturn(tx));

    const Tx0Validator validator(config);
    Result<Tx0FeeData> feeData = validator.decodeFeeData(tx);
    QVERIFY2(feeData, qPrintable(feeData ? QString() : feeData.error().message));
    QCOMPARE(feeData->opReturnIndex, vout);
    QCOMPARE(int(feeData->opReturnVersion), version);
    QCOMPARE(feeData->payload.feeIndice, feeIndice);
    QCOMPARE(int(feeData->payload.scodePayload), scodePayload);
    QCOMPARE(int(feeData->payload.feePartner), feePartner);

    // another coordinator (another secret account) cannot read it
    QString otherCode; // a code of another wallet (not the same one with Samourai's segwit bit)
    const SecretAccount mine = secretAccounts().value(paymentCode);
    for (auto it = secretAccounts().cbegin(); it != secretAccounts().cend(); ++it) {
        if (it->words != mine.words || it->passphrase != mine.passphrase)
            otherCode = it.key();
    }
    QVERIFY(!otherCode.isEmpty());
    Result<Tx0FeeData> foreign = Tx0Validator(configForPaymentCode(otherCode)).decodeFeeData(tx);
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().code, proto::error::kInputRejected);
}

void TestTx0Validator::fixtureValidTx0_data()
{
    QTest::addColumn<QString>("rawHex");
    QTest::addColumn<QString>("paymentCode");
    QTest::addColumn<QString>("feeXpub");
    QTest::addColumn<int>("feeIndex");
    QTest::addColumn<int>("feeVout");
    QTest::addColumn<qint64>("feeValue");
    const QJsonArray fixtures = test::loadJson(QStringLiteral("whirlpool-fixtures.json"))[QStringLiteral("fixtures")].toArray();
    int rows = 0;
    for (int i = 0; i < fixtures.size(); ++i) {
        const QJsonObject f = fixtures.at(i).toObject();
        const QJsonArray opReturns = f[QStringLiteral("op_return")].toArray();
        if (opReturns.isEmpty())
            continue;
        const QJsonObject op = opReturns.at(0).toObject();
        const QJsonObject check = op[QStringLiteral("fee_output_check")].toObject();
        const QJsonObject payload = op[QStringLiteral("decoded_fee_payload")].toObject();
        if (check.isEmpty() || payload.isEmpty())
            continue;
        QCOMPARE(check[QStringLiteral("derivation")].toString(),
                 QStringLiteral("xpub/0/%1 (P2WPKH)").arg(payload[QStringLiteral("feeIndice")].toInt()));
        QTest::newRow(qPrintable(QStringLiteral("fixture%1-%2").arg(i).arg(f[QStringLiteral("txid")].toString().left(8))))
            << f[QStringLiteral("raw_hex")].toString() << payload[QStringLiteral("secret_pcode")].toString()
            << check[QStringLiteral("fee_xpub")].toString() << payload[QStringLiteral("feeIndice")].toInt()
            << check[QStringLiteral("vout")].toInt() << qint64(check[QStringLiteral("value")].toInteger());
        ++rows;
    }
    QCOMPARE(rows, 3);
}

void TestTx0Validator::fixtureValidTx0()
{
    QFETCH(QString, rawHex);
    QFETCH(QString, paymentCode);
    QFETCH(QString, feeXpub);
    QFETCH(int, feeIndex);
    QFETCH(int, feeVout);
    QFETCH(qint64, feeValue);
    const btc::Transaction tx = parseTx(rawHex);
    const Tx0Validator validator(configForPaymentCode(paymentCode, feeXpub));
    const PoolConfig pool = testPool(feeValue);

    Result<Tx0Info> info = validator.validate(tx, kNowMs, pool);
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
    QCOMPARE(info->feeIndice(), feeIndex);
    QCOMPARE(info->scodePayload(), kScodePayloadNone);
    QCOMPARE(info->feePercent, 100);
    QCOMPARE(info->feeValue, feeValue);
    QCOMPARE(info->feeOutputIndex, feeVout);
    QVERIFY(!info->premixOutputs.isEmpty());
    for (int i = 0; i < tx.outputs.size(); ++i) {
        const btc::Amount v = tx.outputs.at(i).value;
        const bool premix = i != feeVout && v >= pool.mustMixBalanceMin() && v <= pool.mustMixBalanceMax();
        QCOMPARE(info->isPremixOutput(i), premix);
    }

    // a pool asking one sat more: the fee output underpays
    Result<Tx0Info> underpaid = validator.validate(tx, kNowMs, testPool(feeValue + 1));
    QVERIFY(!underpaid);
    QCOMPARE(underpaid.error().code, proto::error::kInputRejected);
    QVERIFY2(underpaid.error().message.startsWith(QLatin1String("Not a valid tx0: fee output pays")),
             qPrintable(underpaid.error().message));

    // another fee xpub: the output does not pay our fee address (fail-closed)
    FeeSettings other = baseSettings();
    other.secretMnemonic = secretAccounts().value(paymentCode).words;
    other.secretPassphrase = secretAccounts().value(paymentCode).passphrase;
    other.feeXpub = otherFeeXpub();
    Result<Tx0Info> wrongXpub = Tx0Validator(makeConfig(other)).validate(tx, kNowMs, pool);
    QVERIFY(!wrongXpub);
    QCOMPARE(wrongXpub.error().message,
             QStringLiteral("Not a valid tx0: no output pays the fee address of index %1").arg(feeIndex));
}

void TestTx0Validator::fixtureNotTx0_data()
{
    QTest::addColumn<QString>("rawHex");
    const QJsonArray fixtures = test::loadJson(QStringLiteral("whirlpool-fixtures.json"))[QStringLiteral("fixtures")].toArray();
    int rows = 0;
    for (int i = 0; i < fixtures.size(); ++i) {
        const QJsonObject f = fixtures.at(i).toObject();
        const QString kind = f[QStringLiteral("kind_guess")].toString();
        if (f[QStringLiteral("type")].toString() != QLatin1String("raw_tx")
            || !(kind.startsWith(QLatin1String("whirlpool mix")) || kind.startsWith(QLatin1String("early tx0"))))
            continue;
        QTest::newRow(qPrintable(QStringLiteral("fixture%1-%2").arg(i).arg(f[QStringLiteral("txid")].toString().left(8))))
            << f[QStringLiteral("raw_hex")].toString();
        ++rows;
    }
    QCOMPARE(rows, 9); // 8 mixes + the legacy unmasked 4-byte OP_RETURN Tx0
}

void TestTx0Validator::fixtureNotTx0()
{
    QFETCH(QString, rawHex);
    const btc::Transaction tx = parseTx(rawHex);
    QVERIFY(!Tx0Validator::hasFeeOpReturn(tx));
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(tx, kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().code, proto::error::kInputRejected);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no fee OP_RETURN output"));
}

// ---- Tx0s built here -------------------------------------------------------------

void TestTx0Validator::roundTrip_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("inputForm");
    QTest::addColumn<int>("feeIndex");
    QTest::newRow("v1-witness") << 1 << int(InputForm::Witness) << 7;
    QTest::newRow("v1-no-input-key") << 1 << int(InputForm::NoKey) << 0;
    QTest::newRow("v1-large-index") << 1 << int(InputForm::Witness) << 2'000'000'000;
    QTest::newRow("v0-witness") << 0 << int(InputForm::Witness) << 12;
    QTest::newRow("v0-scriptsig") << 0 << int(InputForm::ScriptSig) << 643;
}

void TestTx0Validator::roundTrip()
{
    QFETCH(int, version);
    QFETCH(int, inputForm);
    QFETCH(int, feeIndex);
    Tx0Spec spec = paidSpec(feeIndex);
    spec.version = proto::FeeOpReturnVersion(version);
    spec.inputForm = InputForm(inputForm);
    const btc::Transaction tx = buildTx0(spec);
    QVERIFY(btc::isBip69Sorted(tx));
    QVERIFY(Tx0Validator::hasFeeOpReturn(tx));

    // through the wire form too
    const btc::Transaction parsed = *btc::Transaction::deserialize(tx.serialize());
    const Tx0Validator validator(testConfig());
    Result<Tx0Info> info = validator.validate(parsed, kNowMs, testPool());
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
    QCOMPARE(int(info->feeData.opReturnVersion), version);
    QCOMPARE(info->feeData.opReturnIndex, 0); // value 0 sorts first
    QCOMPARE(info->feeIndice(), feeIndex);
    QCOMPARE(info->scodePayload(), kScodePayloadNone);
    QCOMPARE(info->feeData.payload.feePartner, kDefaultPartnerPayload);
    QCOMPARE(info->feePercent, 100);
    QCOMPARE(info->feeValue, btc::Amount(50'000));
    QCOMPARE(info->feeOutputIndex, outputIndexOf(tx, spec.feeOutput->scriptPubKey));
    QCOMPARE(info->premixOutputs.size(), spec.nbPremix);
    for (int i : info->premixOutputs)
        QCOMPARE(tx.outputs.at(i).value, spec.premixValue);
}

void TestTx0Validator::feeToWrongIndex()
{
    Tx0Spec spec = paidSpec(7);
    spec.feeOutput = feeOutput(8, 50'000); // paid to the next index
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().code, proto::error::kInputRejected);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no output pays the fee address of index 7"));
}

void TestTx0Validator::feeToWrongAddress()
{
    Tx0Spec spec = paidSpec(7);
    spec.feeOutput = btc::TxOut{50'000, randomP2wpkh()};
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no output pays the fee address of index 7"));

    // the fee address's key, but as another output type (P2PKH): not the fee address
    const crypto::PubKey feeKey = *testConfig()->feeAccount().pubKey(btc::AddressChain::Receive, 7);
    spec.feeOutput = btc::TxOut{50'000, btc::Script::p2pkh(*btc::Hash160::fromBytes(crypto::hash160(feeKey.serialize(true))))};
    info = Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no output pays the fee address of index 7"));

    // the fee address of another coordinator's xpub at the same index
    FeeSettings other = baseSettings();
    other.feeXpub = otherFeeXpub();
    const auto otherConfig = makeConfig(other);
    spec.feeOutput = btc::TxOut{50'000, *otherConfig->feeScript(7)};
    const btc::Transaction tx = buildTx0(spec);
    QVERIFY(!Tx0Validator(testConfig()).validate(tx, kNowMs, testPool()));
    QVERIFY(Tx0Validator(otherConfig).validate(tx, kNowMs, testPool())); // same secret, its own xpub
}

void TestTx0Validator::feeUnderpaid()
{
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(buildTx0(paidSpec(7, 49'999)), kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().code, proto::error::kInputRejected);
    QCOMPARE(info.error().message,
             QStringLiteral("Not a valid tx0: fee output pays 49999 sats, expected 50000 (fee index 7, 100 %)"));

    // a zero-value output to the fee address does not count either
    info = Tx0Validator(testConfig()).validate(buildTx0(paidSpec(7, 0)), kNowMs, testPool());
    QVERIFY(!info);
}

void TestTx0Validator::feeOverpaid()
{
    // paying more than due is a paid Tx0 (classic PoolFee#checkTx0FeePaid: amount >= fee)
    const btc::Transaction tx = buildTx0(paidSpec(7, 50'001));
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(tx, kNowMs, testPool());
    QVERIFY(info);
    QCOMPARE(tx.outputs.at(info->feeOutputIndex).value, btc::Amount(50'001));
    QCOMPARE(info->feeValue, btc::Amount(50'000));
}

void TestTx0Validator::missingOpReturn()
{
    Tx0Spec spec = paidSpec();
    spec.withOpReturn = false;
    const btc::Transaction tx = buildTx0(spec);
    QVERIFY(!Tx0Validator::hasFeeOpReturn(tx));
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(tx, kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no fee OP_RETURN output"));
}

void TestTx0Validator::twoOpReturns()
{
    const Tx0Validator validator(testConfig());
    btc::Transaction tx = buildTx0(paidSpec());
    QVERIFY(validator.validate(tx, kNowMs, testPool()));

    btc::Transaction twice = tx;
    twice.outputs.append(tx.outputs.at(0)); // the same fee OP_RETURN twice
    QVERIFY(Tx0Validator::hasFeeOpReturn(twice));
    Result<Tx0Info> info = validator.validate(twice, kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: more than one OP_RETURN output"));

    btc::Transaction extra = tx; // another, non-fee OP_RETURN
    extra.outputs.append(btc::TxOut{0, btc::Script::opReturn(QByteArray("hello"))});
    info = validator.validate(extra, kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: more than one OP_RETURN output"));
}

void TestTx0Validator::opReturnShapes_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<qint64>("value");
    const QByteArray v1 = QByteArray(79, '\x11') + '\x01';
    QTest::newRow("push-63") << btc::Script::opReturn(QByteArray(63, '\x11')).bytes() << qint64(0);
    QTest::newRow("push-65") << btc::Script::opReturn(QByteArray(65, '\x11')).bytes() << qint64(0);
    QTest::newRow("push-79") << btc::Script::opReturn(QByteArray(79, '\x11')).bytes() << qint64(0);
    QTest::newRow("push-80-not-ending-01") << btc::Script::opReturn(QByteArray(80, '\x11')).bytes() << qint64(0);
    QTest::newRow("push-81") << btc::Script::opReturn(QByteArray(80, '\x11') + '\x01').bytes() << qint64(0);
    QTest::newRow("push-4-legacy") << btc::Script::opReturn(QByteArray::fromHex("00000001")).bytes() << qint64(0);
    QTest::newRow("bare-op-return") << QByteArray(1, '\x6a') << qint64(0);
    QTest::newRow("two-pushes") << (btc::Script::opReturn(QByteArray(32, '\x11')).appendPush(QByteArray(32, '\x11'))).bytes()
                                << qint64(0);
    QTest::newRow("v1-trailing-opcode") << btc::Script::opReturn(v1).appendOp(btc::op::k1).bytes() << qint64(0);
    QTest::newRow("v1-with-value") << btc::Script::opReturn(v1).bytes() << qint64(1);
    QTest::newRow("v1-without-op-return") << btc::Script().appendPush(v1).bytes() << qint64(0);
    QTest::newRow("truncated-push") << QByteArray::fromHex("6a4c50") + QByteArray(79, '\x11') << qint64(0);
}

void TestTx0Validator::opReturnShapes()
{
    QFETCH(QByteArray, script);
    QFETCH(qint64, value);
    Tx0Spec spec = paidSpec();
    spec.withOpReturn = false;
    btc::Transaction tx = buildTx0(spec);
    tx.outputs.append(btc::TxOut{value, btc::Script(script)});
    btc::sortBip69(tx);
    QVERIFY(!Tx0Validator::hasFeeOpReturn(tx));
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(tx, kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no fee OP_RETURN output"));
}

void TestTx0Validator::maskedForAnotherCoordinator()
{
    for (auto version : {proto::FeeOpReturnVersion::V1, proto::FeeOpReturnVersion::V0}) {
        Tx0Spec spec = paidSpec();
        spec.version = version;
        spec.maskFor = crypto::PrivKey::generate().pubKey();
        const btc::Transaction tx = buildTx0(spec);
        QVERIFY(Tx0Validator::hasFeeOpReturn(tx)); // it looks like a Tx0 ...
        Result<Tx0Info> info = Tx0Validator(testConfig()).validate(tx, kNowMs, testPool());
        QVERIFY(!info); // ... but its payload is garbage for us
        QCOMPARE(info.error().code, proto::error::kInputRejected);
        QCOMPARE(info.error().message,
                 QStringLiteral("Not a valid tx0: fee payload not decodable (not masked for this coordinator)"));
    }
}

void TestTx0Validator::maskedWithWrongInput()
{
    // the client masked with the outpoint of what is not input #0 of the transaction as sent
    Tx0Spec spec = paidSpec();
    spec.maskWithInput1 = true;
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message,
             QStringLiteral("Not a valid tx0: fee payload not decodable (not masked for this coordinator)"));
}

void TestTx0Validator::v0WithoutInputKey()
{
    Tx0Spec spec = paidSpec();
    spec.version = proto::FeeOpReturnVersion::V0;
    btc::Transaction tx = buildTx0(spec);
    QVERIFY(Tx0Validator(testConfig()).validate(tx, kNowMs, testPool()));

    btc::Transaction noWitness = tx; // unsigned: no witness, no scriptSig
    noWitness.inputs[0].witness.clear();
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(noWitness, kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: V0 fee OP_RETURN but input #0 shows no public key"));

    btc::Transaction taproot = tx; // key-path spend: one 64-byte signature
    taproot.inputs[0].witness = {QByteArray(64, '\x01')};
    QVERIFY(!Tx0Validator(testConfig()).validate(taproot, kNowMs, testPool()));

    btc::Transaction badKey = tx; // 2-item witness whose second item is no key
    badKey.inputs[0].witness[1] = QByteArray(33, '\x05');
    QVERIFY(!Tx0Validator(testConfig()).validate(badKey, kNowMs, testPool()));

    btc::Transaction otherKey = tx; // a valid key, but not the one that masked
    otherKey.inputs[0].witness[1] = crypto::PrivKey::generate().pubKey().serialize(true);
    info = Tx0Validator(testConfig()).validate(otherKey, kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message,
             QStringLiteral("Not a valid tx0: fee payload not decodable (not masked for this coordinator)"));
}

void TestTx0Validator::unknownPartner()
{
    Tx0Spec spec = paidSpec();
    spec.payload.feePartner = 1;
    const Tx0Validator validator(testConfig());
    const btc::Transaction tx = buildTx0(spec);
    QVERIFY(validator.decodeFeeData(tx)); // decodes fine ...
    Result<Tx0Info> info = validator.validate(tx, kNowMs, testPool());
    QVERIFY(!info); // ... but nobody knows partner 1
    QCOMPARE(info.error().code, proto::error::kInvalidArgument);
    QCOMPARE(info.error().message, QStringLiteral("Partner not found: partnerPayload=1"));

    spec.payload.scodePayload = kScodeFree; // even a free Tx0
    spec.feeOutput.reset();
    QCOMPARE(validator.validate(buildTx0(spec), kNowMs, testPool()).error().code, proto::error::kInvalidArgument);
}

void TestTx0Validator::negativeFeeIndex()
{
    Tx0Spec spec = paidSpec(7);
    spec.payload.feeIndice = -1;
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: invalid fee index -1"));
}

void TestTx0Validator::freeScodeNeedsNoFeeOutput()
{
    Tx0Spec spec;
    spec.payload.scodePayload = kScodeFree;
    spec.change = 50'000; // the decoy "fee change" back to the wallet
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
    QCOMPARE(info->feePercent, 0);
    QCOMPARE(info->feeValue, btc::Amount(0));
    QCOMPARE(info->feeOutputIndex, -1);
    QCOMPARE(info->premixOutputs.size(), spec.nbPremix);
}

void TestTx0Validator::halfScode()
{
    const Tx0Validator validator(testConfig());
    Tx0Spec spec = paidSpec(9, 25'000);
    spec.payload.scodePayload = kScodeHalf;
    Result<Tx0Info> info = validator.validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY(info);
    QCOMPARE(info->feePercent, 50);
    QCOMPARE(info->feeValue, btc::Amount(25'000));

    spec.feeOutput = feeOutput(9, 24'999);
    info = validator.validate(buildTx0(spec), kNowMs, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message,
             QStringLiteral("Not a valid tx0: fee output pays 24999 sats, expected 25000 (fee index 9, 50 %)"));

    spec.feeOutput.reset(); // a discount is not a free Tx0
    QVERIFY(!validator.validate(buildTx0(spec), kNowMs, testPool()));
}

void TestTx0Validator::expiredScode()
{
    const Tx0Validator validator(testConfig());

    // free until kNowMs (inclusive), then the full fee is due
    Tx0Spec free;
    free.payload.scodePayload = kScodeExpiring;
    const btc::Transaction freeTx = buildTx0(free);
    QVERIFY(validator.validate(freeTx, kNowMs, testPool()));
    Result<Tx0Info> info = validator.validate(freeTx, kNowMs + 1, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no output pays the fee address of index 0"));

    // 33 % until kNowMs, then 100 %
    Tx0Spec third = paidSpec(11, 16'500);
    third.payload.scodePayload = kScodeThirdExpiring;
    const btc::Transaction thirdTx = buildTx0(third);
    QVERIFY(validator.validate(thirdTx, kNowMs, testPool()));
    info = validator.validate(thirdTx, kNowMs + 1, testPool());
    QVERIFY(!info);
    QCOMPARE(info.error().message,
             QStringLiteral("Not a valid tx0: fee output pays 16500 sats, expected 50000 (fee index 11, 100 %)"));

    // a Tx0 that paid the full fee is valid whatever its scode
    third.feeOutput = feeOutput(11, 50'000);
    QVERIFY(validator.validate(buildTx0(third), kNowMs + 1, testPool()));
}

void TestTx0Validator::unknownScodePaysFullFee()
{
    const Tx0Validator validator(testConfig());
    for (qint16 scode : {qint16(777), kScodePayloadCascading, qint16(-1)}) {
        Tx0Spec spec;
        spec.payload.scodePayload = scode;
        Result<Tx0Info> info = validator.validate(buildTx0(spec), kNowMs, testPool());
        QVERIFY(!info);
        QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no output pays the fee address of index 0"));

        spec = paidSpec(3);
        spec.payload.scodePayload = scode;
        info = validator.validate(buildTx0(spec), kNowMs, testPool());
        QVERIFY(info);
        QCOMPARE(info->feePercent, 100);
        QCOMPARE(info->scodePayload(), scode);
    }
}

void TestTx0Validator::zeroPoolFee()
{
    // nothing due (a free pool, or a discount rounding to 0 sats): no fee output required
    Tx0Spec spec;
    spec.payload.feeIndice = 4;
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool(0));
    QVERIFY(info);
    QCOMPARE(info->feeOutputIndex, -1);
    spec.payload.scodePayload = kScodeHalf;
    QVERIFY(Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool(1)));
    QVERIFY(!Tx0Validator(testConfig()).validate(buildTx0(spec), kNowMs, testPool(2)));
}

void TestTx0Validator::premixCandidates()
{
    const PoolConfig pool = testPool();
    Tx0Spec spec = paidSpec();
    spec.nbPremix = 0;
    spec.change = pool.mustMixBalanceMax() + 1; // just above the range: not a premix
    btc::Transaction tx = buildTx0(spec);
    const QList<btc::Amount> values = {pool.mustMixBalanceMin() - 1, pool.mustMixBalanceMin(), pool.mustMixBalanceCap(),
                                       pool.mustMixBalanceMax(), pool.denomination};
    for (btc::Amount v : values)
        tx.outputs.append(btc::TxOut{v, randomP2wpkh()});
    Result<Tx0Info> info = Tx0Validator(testConfig()).validate(tx, kNowMs, pool);
    QVERIFY(info);
    QCOMPARE(info->premixOutputs.size(), 3);
    for (int i : info->premixOutputs) {
        QVERIFY(tx.outputs.at(i).value >= pool.mustMixBalanceMin());
        QVERIFY(tx.outputs.at(i).value <= pool.mustMixBalanceMax());
    }
    QVERIFY(!info->isPremixOutput(info->feeOutputIndex));
    QVERIFY(!info->isPremixOutput(info->feeData.opReturnIndex));

    // a fee in the premix range is still the fee output, not a premix
    PoolConfig bigFee = pool;
    bigFee.feeValue = pool.mustMixBalanceMin();
    btc::Transaction feeInRange = buildTx0(paidSpec(5, pool.mustMixBalanceMin()));
    info = Tx0Validator(testConfig()).validate(feeInRange, kNowMs, bigFee);
    QVERIFY(info);
    QVERIFY(!info->isPremixOutput(info->feeOutputIndex));
    QCOMPARE(info->premixOutputs.size(), 3);
}

void TestTx0Validator::garbageTransactions()
{
    const Tx0Validator validator(testConfig());
    const PoolConfig pool = testPool();

    // hand-made shapes
    btc::Transaction empty;
    QVERIFY(!validator.validate(empty, kNowMs, pool));
    btc::Transaction noInput = buildTx0(paidSpec());
    noInput.inputs.clear();
    Result<Tx0Info> info = validator.validate(noInput, kNowMs, pool);
    QVERIFY(!info);
    QCOMPARE(info.error().message, QStringLiteral("Not a valid tx0: no input"));
    btc::Transaction embeddedKey = buildTx0(paidSpec()); // V1 whose embedded key is not a point
    QByteArray push = *embeddedKey.outputs.at(0).scriptPubKey.opReturnData();
    push.replace(46, 33, QByteArray(33, '\x07'));
    embeddedKey.outputs[0].scriptPubKey = btc::Script::opReturn(push);
    info = validator.validate(embeddedKey, kNowMs, pool);
    QVERIFY(!info);
    QVERIFY2(info.error().message.startsWith(QLatin1String("Not a valid tx0: fee OP_RETURN cannot be unmasked")),
             qPrintable(info.error().message));

    // random mutations of valid V0 and V1 Tx0s: whatever parses must be judged without crashing,
    // and a valid verdict must still point at a real fee output (or come from a free scode)
    int parsed = 0;
    for (auto version : {proto::FeeOpReturnVersion::V0, proto::FeeOpReturnVersion::V1}) {
        Tx0Spec spec = paidSpec(21);
        spec.version = version;
        const QByteArray wire = buildTx0(spec).serialize();
        for (int round = 0; round < 1500; ++round) {
            QByteArray mutated = wire;
            const int flips = 1 + int(crypto::randomBelow(4));
            for (int f = 0; f < flips; ++f) {
                const auto pos = qsizetype(crypto::randomBelow(std::uint64_t(mutated.size())));
                mutated[pos] = char(std::uint8_t(mutated[pos]) ^ std::uint8_t(1 + crypto::randomBelow(255)));
            }
            if (round % 7 == 0)
                mutated.truncate(qsizetype(crypto::randomBelow(std::uint64_t(mutated.size()))));
            Result<btc::Transaction> tx = btc::Transaction::deserialize(mutated);
            if (!tx)
                continue;
            ++parsed;
            Result<Tx0Info> verdict = validator.validate(*tx, kNowMs, pool);
            if (verdict && verdict->feeValue == 0) {
                // the mask is a XOR stream: a flipped payload bit flips the plain scode, and a
                // client may pick any scode anyway; a free verdict needs a configured 0 % scode
                QCOMPARE(verdict->feePercent, 0);
                QVERIFY(verdict->scodePayload() == kScodeFree || verdict->scodePayload() == kScodeExpiring);
            } else if (verdict) {
                QVERIFY(verdict->feeOutputIndex >= 0 && verdict->feeOutputIndex < tx->outputs.size());
                QCOMPARE(tx->outputs.at(verdict->feeOutputIndex).scriptPubKey, *testConfig()->feeScript(verdict->feeIndice()));
                QCOMPARE(verdict->feeValue, FeeConfig::computeFeeValue(pool.feeValue, verdict->feePercent));
                QVERIFY(tx->outputs.at(verdict->feeOutputIndex).value >= verdict->feeValue);
            } else {
                QVERIFY(verdict.error().code == proto::error::kInputRejected
                        || verdict.error().code == proto::error::kInvalidArgument);
                QVERIFY(!verdict.error().message.isEmpty());
            }
        }
    }
    QVERIFY(parsed > 100);

    // random byte strings
    for (int round = 0; round < 500; ++round) {
        const QByteArray bytes = crypto::randomBytes(int(crypto::randomBelow(400)) + 1);
        if (Result<btc::Transaction> tx = btc::Transaction::deserialize(bytes))
            (void)validator.validate(*tx, kNowMs, pool); // any verdict, no crash
    }
}

QTEST_GUILESS_MAIN(TestTx0Validator)
#include "tst_tx0validator.moc"
