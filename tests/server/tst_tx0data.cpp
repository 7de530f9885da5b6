// Tx0 data (POST /rest/tx0) built by the coordinator, and Tx0s made from it by a client.
#include <mix/feeconfig.h>
#include <mix/poolconfig.h>
#include <mix/tx0datafactory.h>
#include <mix/tx0validator.h>

#include <bitcoin/address.h>
#include <bitcoin/base58.h>
#include <bitcoin/bip47.h>
#include <bitcoin/bip69.h>
#include <bitcoin/transaction.h>
#include <crypto/eckey.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/signedmessage.h>
#include <protocol/feeopreturn.h>
#include <protocol/feepayload.h>
#include <protocol/messages.h>
#include <protocol/z85.h>

#include <testdata.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>
#include <memory>

using namespace wp;
using namespace wp::server::mix;

namespace {

const QString kAllPaymentCode = QStringLiteral(
    "PM8TJXp19gCE6hQzqRi719FGJzF6AreRwvoQKLRnQ7dpgaakakFns22jHUqhtPQWmfevPQRCyfFbdDrKvrfw9oZv5PjaCerQMa3BKkPyUf9yN1CDR3w6");
constexpr qint64 kNowMs = 1'700'000'000'000;

FeeSettings baseSettings()
{
    FeeSettings s;
    s.network = btc::Network::Test;
    s.secretMnemonic = QStringLiteral("all all all all all all all all all all all all");
    s.secretPassphrase = QStringLiteral("whirlpool");
    s.feeXpub = QStringLiteral(
        "vpub5YS8pQgZKVbrSn9wtrmydDWmWMjHrxL2mBCZ81BDp7Z2QyCgTLZCrnBprufuoUJaQu1ZeiRvUkvdQTNqV6hS96WbbVZgweFxYR1RXYkBcKt");
    s.scodes = {
        ScodeConfig{QStringLiteral("FREE"), 1, 0, std::nullopt, QStringLiteral("free Tx0")},
        ScodeConfig{QStringLiteral("HALF"), 2, 50, std::nullopt, QStringLiteral("half fee")},
        ScodeConfig{QStringLiteral("THIRD"), 3, 33, kNowMs, QStringLiteral("a third")},
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

std::shared_ptr<const FeeConfig> testConfig()
{
    static const auto config = makeConfig(baseSettings());
    return config;
}

/// The test config plus a signing key.
std::shared_ptr<const FeeConfig> signingConfig()
{
    static const auto config = [] {
        FeeSettings s = baseSettings();
        s.signingKey = crypto::PrivKey::generate();
        return makeConfig(s);
    }();
    return config;
}

PoolConfig pool(const char *id, btc::Amount denomination, btc::Amount feeValue)
{
    PoolConfig p;
    p.poolId = QString::fromLatin1(id);
    p.denomination = denomination;
    p.feeValue = feeValue;
    p.minerFeeMin = 102;
    p.minerFeeCap = 8000;
    p.minerFeeMax = 10000;
    return p;
}

/// The classic production pools (protocol reference §9).
QList<PoolConfig> testPools()
{
    return {pool("0.5btc", 50'000'000, 1'750'000), pool("0.05btc", 5'000'000, 175'000), pool("0.01btc", 1'000'000, 50'000),
            pool("0.001btc", 100'000, 5'000)};
}

proto::Tx0DataRequest request(const QString &scode, const QString &partnerId = QString())
{
    proto::Tx0DataRequest r;
    r.scode = scode;
    r.partnerId = partnerId;
    return r;
}

/// Always picks @p index (modulo the bound).
Tx0DataFactory::Random fixedRandom(std::uint64_t index)
{
    return [index](std::uint64_t bound) { return index % bound; };
}

proto::FeePayloadV1 decodePayload(const proto::Tx0Data &data, int length = proto::kFeePayloadLengthV1)
{
    const std::optional<QByteArray> bytes = proto::decodeZ85(data.feePayload64);
    if (!bytes || bytes->size() != length)
        qFatal("feePayload64 is not a %d-byte Z85 payload", length);
    Result<proto::FeePayloadV1> payload = proto::FeePayloadV1::decode(*bytes, length);
    if (!payload)
        qFatal("feePayload64 does not decode");
    if (*bytes != payload->encode(length))
        qFatal("feePayload64 padding is not zero");
    return *payload;
}

btc::Script randomP2wpkh()
{
    return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(crypto::PrivKey::generate().pubKey().serialize(true))));
}

/// What a classic client does with a Tx0Data (protocol reference §7): premix outputs, the fee
/// (or the fee change back to itself), change, and the OP_RETURN V1 masked for feePaymentCode with
/// input #0 after BIP69 sorting.
btc::Transaction clientTx0(const proto::Tx0Data &data, const PoolConfig &p)
{
    btc::Transaction tx;
    tx.version = 1;
    for (int i = 0; i < 2; ++i) {
        btc::TxIn in;
        in.prevout = btc::OutPoint{*btc::Txid::fromBytes(crypto::randomBytes(32)), std::uint32_t(i)};
        in.witness = {QByteArray(71, '\x30'), crypto::PrivKey::generate().pubKey().serialize(true)};
        tx.inputs.append(in);
    }
    for (int i = 0; i < 2; ++i)
        tx.outputs.append(btc::TxOut{p.denomination + 300, randomP2wpkh()});
    if (data.feeValue > 0)
        tx.outputs.append(btc::TxOut{data.feeValue, *btc::addressToScript(data.feeAddress, btc::networkParams(btc::Network::Test))});
    else
        tx.outputs.append(btc::TxOut{data.feeChange, randomP2wpkh()});
    tx.outputs.append(btc::TxOut{777'777, randomP2wpkh()});
    btc::sortBip69(tx);
    const QByteArray payload = *proto::decodeZ85(data.feePayload64);
    const crypto::PubKey notification = *btc::PaymentCode::parse(data.feePaymentCode)->notificationPubKey();
    tx.outputs.append(btc::TxOut{0, btc::Script::opReturn(proto::computeFeeOpReturnV1(payload, notification,
                                                                                        tx.inputs.at(0).prevout.serialize()))});
    btc::sortBip69(tx);
    return tx;
}

} // namespace

class TestTx0Data : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void serializeOutput_data();
    void serializeOutput();
    void feeOutputSignatureVector_data();
    void feeOutputSignatureVector();
    void signingWallet_data();
    void signingWallet();

    void fullFee();
    void halfScode();
    void freeScodeDecoyChange();
    void decoyWithoutPaidScodes();
    void scodeResolution_data();
    void scodeResolution();
    void partners_data();
    void partners();
    void opReturnV0Payload();
    void feeIndexRange();
    void feeOutputSignature();
    void jsonRoundTrip();
    void clientTx0sValidate_data();
    void clientTx0sValidate();
};

void TestTx0Data::serializeOutput_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<QString>("address");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QString>("expectedHex");
    const QJsonArray vectors =
        test::loadJson(QStringLiteral("whirlpool_fee_output_signature.json"))[QStringLiteral("serializeOutput")].toArray();
    QVERIFY(!vectors.isEmpty());
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        QTest::newRow(qPrintable(o[QStringLiteral("id")].toString()))
            << o[QStringLiteral("network")].toString() << o[QStringLiteral("address")].toString()
            << qint64(o[QStringLiteral("value")].toInteger()) << o[QStringLiteral("expected_hex")].toString();
    }
}

void TestTx0Data::serializeOutput()
{
    QFETCH(QString, network);
    QFETCH(QString, address);
    QFETCH(qint64, value);
    QFETCH(QString, expectedHex);
    const btc::Script script = *btc::addressToScript(address, btc::networkParams(*btc::networkFromName(network)));
    QCOMPARE(Tx0DataFactory::serializeTxOut(btc::TxOut{value, script}), test::hex(expectedHex));
    // the same bytes as the output inside a serialized transaction
    btc::Transaction tx;
    tx.inputs.append(btc::TxIn{});
    tx.outputs.append(btc::TxOut{value, script});
    QVERIFY(tx.serialize().contains(test::hex(expectedHex)));
}

void TestTx0Data::feeOutputSignatureVector_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<QString>("wif");
    QTest::addColumn<QString>("signingAddress");
    QTest::addColumn<QString>("feeAddress");
    QTest::addColumn<qint64>("feeValue");
    QTest::addColumn<QString>("preHash");
    QTest::addColumn<QString>("signature");
    const QJsonArray vectors = test::loadJson(QStringLiteral("whirlpool_fee_output_signature.json"))[QStringLiteral(
                                                                                                      "signTransactionOutput")]
                                   .toArray();
    QVERIFY(!vectors.isEmpty());
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        QTest::newRow(qPrintable(o[QStringLiteral("id")].toString()))
            << o[QStringLiteral("network")].toString() << o[QStringLiteral("signing_key_wif")].toString()
            << o[QStringLiteral("signing_address")].toString() << o[QStringLiteral("fee_address")].toString()
            << qint64(o[QStringLiteral("fee_value")].toInteger()) << o[QStringLiteral("expected_prehash")].toString()
            << o[QStringLiteral("expected_signature")].toString();
    }
}

void TestTx0Data::feeOutputSignatureVector()
{
    QFETCH(QString, network);
    QFETCH(QString, wif);
    QFETCH(QString, signingAddress);
    QFETCH(QString, feeAddress);
    QFETCH(qint64, feeValue);
    QFETCH(QString, preHash);
    QFETCH(QString, signature);
    const btc::NetworkParams &params = btc::networkParams(*btc::networkFromName(network));
    const std::optional<QByteArray> wifPayload = btc::decodeBase58Check(wif);
    QVERIFY(wifPayload && wifPayload->size() == 34); // version, key, compressed flag
    QCOMPARE(std::uint8_t(wifPayload->at(0)), params.wifVersion);
    QCOMPARE(wifPayload->at(33), '\x01');
    const crypto::PrivKey key = *crypto::PrivKey::fromBytes(wifPayload->mid(1, 32));
    QCOMPARE(btc::p2pkhAddress(key.pubKey(), params.network), signingAddress);

    const QByteArray message =
        Tx0DataFactory::serializeTxOut(btc::TxOut{feeValue, *btc::addressToScript(feeAddress, params)});
    QCOMPARE(crypto::messageHash(message), test::hex(preHash));
    QCOMPARE(crypto::signMessage(key, message), signature);
}

void TestTx0Data::signingWallet_data()
{
    QTest::addColumn<QString>("mnemonic");
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<QString>("network");
    QTest::addColumn<QString>("address");
    const QJsonArray vectors =
        test::loadJson(QStringLiteral("whirlpool_fee_output_signature.json"))[QStringLiteral("signingWallet")].toArray();
    QVERIFY(!vectors.isEmpty());
    for (const QJsonValue &v : vectors) {
        const QJsonObject o = v.toObject();
        QTest::newRow(qPrintable(o[QStringLiteral("id")].toString()))
            << o[QStringLiteral("mnemonic")].toString() << o[QStringLiteral("passphrase")].toString()
            << o[QStringLiteral("network")].toString() << o[QStringLiteral("expected_address")].toString();
    }
}

void TestTx0Data::signingWallet()
{
    QFETCH(QString, mnemonic);
    QFETCH(QString, passphrase);
    QFETCH(QString, network);
    QFETCH(QString, address);
    const btc::Network net = *btc::networkFromName(network);
    Result<crypto::PrivKey> key = deriveSigningKey(mnemonic, passphrase, net);
    QVERIFY(key);
    QCOMPARE(btc::p2pkhAddress(key->pubKey(), net), address);
    QVERIFY(!deriveSigningKey(QStringLiteral("all all all"), passphrase, net));
}

void TestTx0Data::fullFee()
{
    const auto config = testConfig();
    const Tx0DataFactory factory(config);
    const QList<PoolConfig> pools = testPools();
    QCOMPARE(Tx0DataFactory::indexesNeeded(pools), 4);
    Result<proto::Tx0DataResponse> response = factory.build(request(QString()), pools, 100, kNowMs);
    QVERIFY(response);
    QCOMPARE(response->tx0Datas.size(), pools.size());
    for (int i = 0; i < pools.size(); ++i) {
        const proto::Tx0Data &d = response->tx0Datas.at(i);
        QCOMPARE(d.poolId, pools.at(i).poolId);
        QCOMPARE(d.feePaymentCode, kAllPaymentCode);
        QCOMPARE(d.feeValue, pools.at(i).feeValue);
        QCOMPARE(d.feeChange, qint64(0));
        QCOMPARE(d.feeDiscountPercent, 0);
        QVERIFY(d.message.isNull());
        QCOMPARE(d.feeAddress, *config->feeAddress(100 + i));
        QVERIFY(d.feeOutputSignature.isNull()); // no signing key configured
        const proto::FeePayloadV1 payload = decodePayload(d);
        QCOMPARE(payload.feeIndice, 100 + i);
        QCOMPARE(payload.scodePayload, kScodePayloadNone);
        QCOMPARE(payload.feePartner, kDefaultPartnerPayload);
    }
}

void TestTx0Data::halfScode()
{
    const Tx0DataFactory factory(testConfig());
    Result<proto::Tx0DataResponse> response = factory.build(request(QStringLiteral("half")), testPools(), 7, kNowMs);
    QVERIFY(response);
    const QList<btc::Amount> expected = {875'000, 87'500, 25'000, 2'500};
    for (int i = 0; i < expected.size(); ++i) {
        const proto::Tx0Data &d = response->tx0Datas.at(i);
        QCOMPARE(d.feeValue, expected.at(i));
        QCOMPARE(d.feeChange, qint64(0));
        QCOMPARE(d.feeDiscountPercent, 50);
        QCOMPARE(d.message, QStringLiteral("half fee"));
        QCOMPARE(d.feeAddress, *testConfig()->feeAddress(7 + i));
        QCOMPARE(decodePayload(d).scodePayload, qint16(2));
        QCOMPARE(decodePayload(d).feeIndice, 7 + i);
    }
}

void TestTx0Data::freeScodeDecoyChange()
{
    // the decoy is the pool fee discounted by a random paid scode: HALF (50 %) or THIRD (33 %)
    for (std::uint64_t pick : {0u, 1u}) {
        const Tx0DataFactory factory(testConfig(), fixedRandom(pick));
        Result<proto::Tx0DataResponse> response = factory.build(request(QStringLiteral("FREE")), testPools(), 7, kNowMs);
        QVERIFY(response);
        for (int i = 0; i < testPools().size(); ++i) {
            const proto::Tx0Data &d = response->tx0Datas.at(i);
            const btc::Amount poolFee = testPools().at(i).feeValue;
            QCOMPARE(d.feeValue, qint64(0));
            QCOMPARE(d.feeChange, FeeConfig::computeFeeValue(poolFee, pick == 0 ? 50 : 33));
            QCOMPARE(d.feeDiscountPercent, 100);
            QCOMPARE(d.message, QStringLiteral("free Tx0"));
            QVERIFY(d.feeAddress.isNull());
            QVERIFY(d.feeOutputSignature.isNull());
            const proto::FeePayloadV1 payload = decodePayload(d);
            QCOMPARE(payload.feeIndice, 0);
            QCOMPARE(payload.scodePayload, qint16(1));
        }
    }
    // the default Random is the CSPRNG: always one of the two
    const Tx0DataFactory factory(testConfig());
    for (int round = 0; round < 20; ++round) {
        const proto::Tx0Data d = factory.build(request(QStringLiteral("free")), testPools(), 0, kNowMs)->tx0Datas.at(2);
        QVERIFY(d.feeChange == 25'000 || d.feeChange == 16'500);
    }
}

void TestTx0Data::decoyWithoutPaidScodes()
{
    FeeSettings s = baseSettings();
    s.scodes = {ScodeConfig{QStringLiteral("FREE"), 1, 0, std::nullopt, QString()}};
    const Tx0DataFactory factory(makeConfig(s), fixedRandom(0));
    Result<proto::Tx0DataResponse> response = factory.build(request(QStringLiteral("FREE")), testPools(), 0, kNowMs);
    QVERIFY(response);
    for (int i = 0; i < testPools().size(); ++i)
        QCOMPARE(response->tx0Datas.at(i).feeChange, testPools().at(i).feeValue);
}

void TestTx0Data::scodeResolution_data()
{
    QTest::addColumn<QString>("scode");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<int>("expectedPayload");
    QTest::addColumn<int>("expectedDiscount");
    QTest::newRow("none") << QString() << kNowMs << 0 << 0;
    QTest::newRow("null-string") << QStringLiteral("null") << kNowMs << 0 << 0;
    QTest::newRow("unknown") << QStringLiteral("NOPE") << kNowMs << 0 << 0;
    QTest::newRow("case-insensitive") << QStringLiteral("Half") << kNowMs << 2 << 50;
    QTest::newRow("spaces") << QStringLiteral(" HALF ") << kNowMs << 2 << 50;
    QTest::newRow("expiring-at-expiration") << QStringLiteral("third") << kNowMs << 3 << 67;
    QTest::newRow("expired") << QStringLiteral("third") << kNowMs + 1 << 0 << 0;
}

void TestTx0Data::scodeResolution()
{
    QFETCH(QString, scode);
    QFETCH(qint64, nowMs);
    QFETCH(int, expectedPayload);
    QFETCH(int, expectedDiscount);
    const Tx0DataFactory factory(testConfig());
    Result<Tx0Terms> terms = factory.resolve(request(scode), nowMs);
    QVERIFY(terms); // an unknown or expired scode is not an error: the full fee applies
    QCOMPARE(terms->scode.has_value(), expectedPayload != 0);
    Result<proto::Tx0DataResponse> response = factory.build(request(scode), testPools(), 0, nowMs);
    QVERIFY(response);
    const proto::Tx0Data &d = response->tx0Datas.at(2);
    QCOMPARE(int(decodePayload(d).scodePayload), expectedPayload);
    QCOMPARE(d.feeDiscountPercent, expectedDiscount);
    QCOMPARE(d.feeValue, FeeConfig::computeFeeValue(50'000, 100 - expectedDiscount));
}

void TestTx0Data::partners_data()
{
    QTest::addColumn<QString>("partnerId");
    QTest::addColumn<bool>("ok");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("null-string") << QStringLiteral("null") << true;
    QTest::newRow("samourai") << QStringLiteral("SAMOURAI") << true;
    QTest::newRow("lowercase") << QStringLiteral("samourai") << false;
    QTest::newRow("other") << QStringLiteral("OTHER") << false;
}

void TestTx0Data::partners()
{
    QFETCH(QString, partnerId);
    QFETCH(bool, ok);
    const Tx0DataFactory factory(testConfig());
    Result<proto::Tx0DataResponse> response = factory.build(request(QString(), partnerId), testPools(), 0, kNowMs);
    QCOMPARE(response.has_value(), ok);
    if (ok) {
        QCOMPARE(decodePayload(response->tx0Datas.at(0)).feePartner, kDefaultPartnerPayload);
    } else {
        QCOMPARE(response.error().code, proto::error::kInvalidArgument);
        QCOMPARE(response.error().message, QStringLiteral("Partner not found: partnerId=") + partnerId);
    }
}

void TestTx0Data::opReturnV0Payload()
{
    const Tx0DataFactory factory(testConfig());
    Result<proto::Tx0DataResponse> response =
        factory.build(request(QStringLiteral("HALF")), testPools(), 5, kNowMs, proto::FeeOpReturnVersion::V0);
    QVERIFY(response);
    const proto::FeePayloadV1 payload = decodePayload(response->tx0Datas.at(1), proto::kFeePayloadLengthV0);
    QCOMPARE(payload.feeIndice, 6);
    QCOMPARE(payload.scodePayload, qint16(2));
    // the classic FeePayloadV1 vector (feeIndice 123456, scode 257, partner 0, 64 bytes)
    proto::Tx0Data d = *factory.build(testPools().at(0), Tx0Terms{ScodeConfig{QStringLiteral("X"), 257, 50, {}, {}}, 0},
                                      123456, proto::FeeOpReturnVersion::V0);
    QCOMPARE(*proto::decodeZ85(d.feePayload64),
             test::hex(QStringLiteral("00010001e24001010000000000000000000000000000000000000000000000000000000000000000000000"
                                      "000000000000000000000000000000000000000000")));
    d = *factory.build(testPools().at(0), Tx0Terms{ScodeConfig{QStringLiteral("X"), 257, 50, {}, {}}, 0}, 123456);
    QCOMPARE(*proto::decodeZ85(d.feePayload64),
             test::hex(QStringLiteral("00010001e24001010000000000000000000000000000000000000000000000000000000000000000000000000000")));
}

void TestTx0Data::feeIndexRange()
{
    const Tx0DataFactory factory(testConfig());
    const QList<PoolConfig> pools = testPools();
    constexpr qint32 kMax = std::numeric_limits<qint32>::max();
    Result<proto::Tx0DataResponse> response = factory.build(request(QString()), pools, -1, kNowMs);
    QVERIFY(!response);
    QCOMPARE(response.error().code, proto::error::kServerError);
    response = factory.build(request(QString()), pools, kMax - 2, kNowMs); // needs kMax + 1
    QVERIFY(!response);
    QCOMPARE(response.error().code, proto::error::kServerError);
    response = factory.build(request(QString()), pools, kMax - 3, kNowMs);
    QVERIFY(response);
    QCOMPARE(decodePayload(response->tx0Datas.at(3)).feeIndice, kMax);
    QVERIFY(!factory.build(pools.at(0), Tx0Terms{}, -5));
    // a free Tx0 does not use its index
    QVERIFY(factory.build(pools.at(0), Tx0Terms{ScodeConfig{QStringLiteral("X"), 9, 0, {}, {}}, 0}, -5));
    QVERIFY(factory.build(request(QString()), {}, 0, kNowMs)->tx0Datas.isEmpty());
}

void TestTx0Data::feeOutputSignature()
{
    const auto config = signingConfig();
    const Tx0DataFactory factory(config, fixedRandom(0));
    Result<proto::Tx0DataResponse> response = factory.build(request(QStringLiteral("half")), testPools(), 40, kNowMs);
    QVERIFY(response);
    for (const proto::Tx0Data &d : response->tx0Datas) {
        const btc::Script script = *btc::addressToScript(d.feeAddress, btc::networkParams(btc::Network::Test));
        const QByteArray message = Tx0DataFactory::serializeTxOut(btc::TxOut{d.feeValue, script});
        QCOMPARE(d.feeOutputSignature, crypto::signMessage(*config->signingKey(), message));
        Result<crypto::RecoveredSigner> signer = crypto::recoverMessageSigner(message, d.feeOutputSignature);
        QVERIFY(signer);
        QVERIFY(signer->compressed);
        QCOMPARE(signer->pubKey, config->signingKey()->pubKey());
    }
    // no fee address, no signature
    response = factory.build(request(QStringLiteral("free")), testPools(), 40, kNowMs);
    QVERIFY(response);
    for (const proto::Tx0Data &d : response->tx0Datas)
        QVERIFY(d.feeOutputSignature.isNull());
}

void TestTx0Data::jsonRoundTrip()
{
    const Tx0DataFactory factory(signingConfig(), fixedRandom(1));
    for (const QString &scode : {QString(), QStringLiteral("HALF"), QStringLiteral("FREE")}) {
        const proto::Tx0DataResponse response = *factory.build(request(scode), testPools(), 3, kNowMs);
        const QByteArray json = proto::toJsonBytes(response.toJson());
        Result<proto::Tx0DataResponse> parsed = proto::Tx0DataResponse::fromJson(json);
        QVERIFY(parsed);
        QCOMPARE(parsed->tx0Datas.size(), response.tx0Datas.size());
        for (int i = 0; i < response.tx0Datas.size(); ++i) {
            const proto::Tx0Data &a = response.tx0Datas.at(i);
            const proto::Tx0Data &b = parsed->tx0Datas.at(i);
            QCOMPARE(b.poolId, a.poolId);
            QCOMPARE(b.feePaymentCode, a.feePaymentCode);
            QCOMPARE(b.feeValue, a.feeValue);
            QCOMPARE(b.feeChange, a.feeChange);
            QCOMPARE(b.feeDiscountPercent, a.feeDiscountPercent);
            QCOMPARE(b.message, a.message);
            QCOMPARE(b.feePayload64, a.feePayload64);
            QCOMPARE(b.feeAddress, a.feeAddress);
            QCOMPARE(b.feeOutputSignature, a.feeOutputSignature);
        }
        // null fields stay JSON null, as the Java clients expect
        const QJsonObject first =
            QJsonDocument::fromJson(json).object()[QStringLiteral("tx0Datas")].toArray().at(0).toObject();
        QCOMPARE(first[QStringLiteral("message")].isNull(), scode.isEmpty());
        QCOMPARE(first[QStringLiteral("feeAddress")].isNull(), scode == QLatin1String("FREE"));
    }
}

void TestTx0Data::clientTx0sValidate_data()
{
    QTest::addColumn<QString>("scode");
    QTest::addColumn<int>("expectedPercent");
    QTest::newRow("full-fee") << QString() << 100;
    QTest::newRow("half") << QStringLiteral("HALF") << 50;
    QTest::newRow("third") << QStringLiteral("THIRD") << 33;
    QTest::newRow("free") << QStringLiteral("FREE") << 0;
}

void TestTx0Data::clientTx0sValidate()
{
    QFETCH(QString, scode);
    QFETCH(int, expectedPercent);
    // the whole loop: coordinator's Tx0 data -> client's Tx0 -> coordinator's validation
    const Tx0DataFactory factory(testConfig());
    const Tx0Validator validator(testConfig());
    const QList<PoolConfig> pools = testPools();
    Result<proto::Tx0DataResponse> response = factory.build(request(scode), pools, 1000, kNowMs);
    QVERIFY(response);
    for (int i = 0; i < pools.size(); ++i) {
        const proto::Tx0Data &data = response->tx0Datas.at(i);
        const btc::Transaction tx0 = clientTx0(data, pools.at(i));
        Result<Tx0Info> info = validator.validate(tx0, kNowMs, pools.at(i));
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->feePercent, expectedPercent);
        QCOMPARE(info->feeValue, data.feeValue);
        QCOMPARE(info->feeIndice(), expectedPercent > 0 ? 1000 + i : 0);
        QCOMPARE(info->premixOutputs.size(), 2);
        if (expectedPercent > 0)
            QCOMPARE(tx0.outputs.at(info->feeOutputIndex).value, data.feeValue);
        else
            QCOMPARE(info->feeOutputIndex, -1);
        // the same Tx0 in another pool (another fee) is not valid there, unless it is free
        const PoolConfig &other = pools.at((i + 1) % pools.size());
        QCOMPARE(validator.validate(tx0, kNowMs, other).has_value(),
                 expectedPercent == 0 || FeeConfig::computeFeeValue(other.feeValue, expectedPercent) <= data.feeValue);
    }
    if (expectedPercent == 33) { // THIRD expired by the time the Tx0 confirmed: the full fee was due
        const proto::Tx0Data &data = response->tx0Datas.at(2);
        Result<Tx0Info> late = validator.validate(clientTx0(data, pools.at(2)), kNowMs + 1, pools.at(2));
        QVERIFY(!late);
        QCOMPARE(late.error().code, proto::error::kInputRejected);
    }
}

QTEST_GUILESS_MAIN(TestTx0Data)
#include "tst_tx0data.moc"
