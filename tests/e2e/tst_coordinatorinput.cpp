// Bad input against a real whirlpool-coordinator process (real MariaDB, real
// bcoin): every malformed or dishonest request gets a clear error for that one
// request, and the coordinator keeps serving other clients throughout.
#include "e2ehelpers.h"

#include <db/dbconnection.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QWebSocket>

using namespace wp;

namespace {

constexpr char kMnemonic[] = "legal winner thank year wave sausage worth useful legal winner thank yellow";

} // namespace

class TestCoordinatorInput : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    test::CoordinatorProcess m_coordinator;
    std::optional<btc::Bip84Account> m_account;
    QString m_minerAddress;
    std::unique_ptr<test::ProbeClient> m_control; ///< a well-behaved client that must keep working

    crypto::PrivKey key(std::uint32_t i) const { return *m_account->privKey(btc::AddressChain::Receive, i); }
    btc::Script script(std::uint32_t i) const { return test::p2wpkhOf(key(i).pubKey()); }

    test::TestCoin m_mustMixLike;   ///< 1 000 300 sats to key 1, not from a Tx0
    test::TestCoin m_big;           ///< 5 BTC to key 2 (whitelisted tx: only the value check fails)
    test::TestCoin m_spent;         ///< 1 000 300 sats to key 3, spent and mined

    QJsonObject registerInput(const test::TestCoin &coin, const crypto::PrivKey &signer, bool liquidity,
                              const QString &poolId = QStringLiteral("0.01btc"))
    {
        proto::RegisterInputRequest r;
        r.poolId = poolId;
        r.utxoHash = coin.outpoint.txid.toHex();
        r.utxoIndex = coin.outpoint.index;
        r.signature = crypto::signMessage(signer, poolId.toUtf8());
        r.liquidity = liquidity;
        r.blockHeight = 0;
        return r.toJson();
    }

    /// Sends @p body to /ws/registerInput on a fresh session and returns the ErrorResponse.
    std::optional<QJsonObject> errorFor(const QJsonObject &body, const char *destination = proto::endpoint::kWsRegisterInput,
                                        const QByteArray &version = proto::kProtocolVersion)
    {
        test::ProbeClient probe(m_coordinator.url());
        if (!probe.waitConnected())
            return std::nullopt;
        probe.subscribe(QStringLiteral("0.01btc"));
        if (!probe.next(QStringLiteral("SubscribePoolResponse")))
            return std::nullopt;
        probe.send(destination, body, version);
        return probe.next(QStringLiteral("ErrorResponse"));
    }

    void verifyStillServing()
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(m_coordinator.url() + QStringLiteral("/rest/pools"))));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete reply;
        QCOMPARE(m_control->stomp().state(), client::StompClient::State::Connected);
        QVERIFY(m_coordinator.isRunning());
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        const auto master = btc::ExtendedPrivKey::fromSeed(btc::mnemonicToSeed(QString::fromLatin1(kMnemonic)).view());
        m_account.emplace(*btc::Bip84Account::fromMaster(*master, btc::Network::Regtest, 0));
        m_minerAddress = test::bcoinAddress(script(0));
        QVERIFY(m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, m_minerAddress));

        // Coins of known provenance.
        const test::TestCoin cb1 = test::coinbaseCoin(m_node, 1, script(0));
        btc::Transaction a;
        a.inputs.append(btc::TxIn{cb1.outpoint, {}, btc::kSequenceFinal, {}});
        a.outputs = {btc::TxOut{1'000'300, script(1)}, btc::TxOut{5 * btc::kCoin, script(2)},
                     btc::TxOut{cb1.output.value - 1'000'300 - 5 * btc::kCoin - 1000, script(0)}};
        QVERIFY(btc::signP2wpkhInput(a, 0, cb1.output.value, key(0)));
        QVERIFY(test::sendAndMine(m_node, a, m_minerAddress));
        m_mustMixLike = {btc::OutPoint{a.txid(), 0}, a.outputs[0]};
        m_big = {btc::OutPoint{a.txid(), 1}, a.outputs[1]};

        const test::TestCoin cb2 = test::coinbaseCoin(m_node, 2, script(0));
        btc::Transaction b;
        b.inputs.append(btc::TxIn{cb2.outpoint, {}, btc::kSequenceFinal, {}});
        b.outputs = {btc::TxOut{1'000'300, script(3)}, btc::TxOut{cb2.output.value - 1'000'300 - 1000, script(0)}};
        QVERIFY(btc::signP2wpkhInput(b, 0, cb2.output.value, key(0)));
        QVERIFY(test::sendAndMine(m_node, b, m_minerAddress));
        btc::Transaction spend;
        spend.inputs.append(btc::TxIn{btc::OutPoint{b.txid(), 0}, {}, btc::kSequenceFinal, {}});
        spend.outputs = {btc::TxOut{1'000'300 - 1000, script(4)}};
        QVERIFY(btc::signP2wpkhInput(spend, 0, 1'000'300, key(3)));
        QVERIFY(test::sendAndMine(m_node, spend, m_minerAddress));
        m_spent = {btc::OutPoint{b.txid(), 0}, b.outputs[0]};

        test::CoordinatorProcess::Config config = test::coordinatorConfig(QStringLiteral("test"), m_db, m_node);
        config.extraIni = QStringLiteral("[General]\npools = 0.01btc\nlimits.frames-per-second = 1000\n");
        auto started = m_coordinator.start(config);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));

        m_control = std::make_unique<test::ProbeClient>(m_coordinator.url());
        QVERIFY(m_control->waitConnected());
        m_control->subscribe(QStringLiteral("0.01btc"));
        const auto subscribed = m_control->next(QStringLiteral("SubscribePoolResponse"));
        QVERIFY(subscribed);
        QCOMPARE(subscribed->value(QStringLiteral("networkId")).toString(), QStringLiteral("regtest"));
        QCOMPARE(subscribed->value(QStringLiteral("denomination")).toInteger(), 1000000);
    }

    void cleanup() { verifyStillServing(); }

    void wrongProtocolVersion()
    {
        const auto e = errorFor(registerInput(m_mustMixLike, key(1), false), proto::endpoint::kWsRegisterInput, "0.22");
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 600);
    }

    void badJson()
    {
        test::ProbeClient probe(m_coordinator.url());
        QVERIFY(probe.waitConnected());
        probe.subscribe(QStringLiteral("0.01btc")); // replies go to the session's /private/reply
        QVERIFY(probe.next(QStringLiteral("SubscribePoolResponse")));
        probe.stomp().send(proto::endpoint::kWsRegisterInput, "{not json", {{proto::header::kProtocolVersion, proto::kProtocolVersion}});
        const auto e = probe.next(QStringLiteral("ErrorResponse"));
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 601);
        QVERIFY(e->value(QStringLiteral("message")).toString().contains(QStringLiteral("malformed JSON")));
        // Well-formed JSON of the wrong shape.
        probe.send(proto::endpoint::kWsRegisterInput, {{QStringLiteral("poolId"), 5}});
        const auto e2 = probe.next(QStringLiteral("ErrorResponse"));
        QVERIFY(e2);
        QCOMPARE(e2->value(QStringLiteral("errorCode")).toInt(), 601);
    }

    void wrongPool()
    {
        test::ProbeClient probe(m_coordinator.url());
        QVERIFY(probe.waitConnected());
        probe.subscribe(QStringLiteral("0.7btc"));
        const auto e = probe.next(QStringLiteral("ErrorResponse"));
        QVERIFY(e);
        QVERIFY(e->value(QStringLiteral("message")).toString().contains(QStringLiteral("Pool not found")));
        const auto e2 = errorFor(registerInput(m_mustMixLike, key(1), false, QStringLiteral("0.7btc")));
        QVERIFY(e2);
        QVERIFY(e2->value(QStringLiteral("message")).toString().contains(QStringLiteral("Pool not found")));
    }

    void healthCheckProbe()
    {
        QJsonObject body = registerInput(m_mustMixLike, key(1), false);
        body[QStringLiteral("utxoHash")] = QStringLiteral("HEALTH_CHECK");
        const auto e = errorFor(body);
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("message")).toString(), QStringLiteral("HEALTH_CHECK_SUCCESS"));
    }

    void unknownUtxo()
    {
        test::TestCoin ghost{btc::OutPoint{*btc::Txid::fromBytes(crypto::sha256("ghost")), 0}, {}};
        const auto e = errorFor(registerInput(ghost, key(1), false));
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 610);
        QCOMPARE(e->value(QStringLiteral("message")).toString(), QStringLiteral("UTXO not found"));
        QJsonObject badIndex = registerInput(m_mustMixLike, key(1), false);
        badIndex[QStringLiteral("utxoIndex")] = 99;
        const auto e2 = errorFor(badIndex);
        QVERIFY(e2);
        QCOMPARE(e2->value(QStringLiteral("message")).toString(), QStringLiteral("UTXO not found"));
    }

    void invalidSignature()
    {
        const auto e = errorFor(registerInput(m_mustMixLike, key(2), false)); // signed by another key
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 601);
        QCOMPARE(e->value(QStringLiteral("message")).toString(), QStringLiteral("Invalid signature"));
    }

    void spentUtxo()
    {
        const auto e = errorFor(registerInput(m_spent, key(3), false));
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 610);
        QCOMPARE(e->value(QStringLiteral("message")).toString(), QStringLiteral("Waiting for first mix confirmation"));
    }

    void notFromATx0()
    {
        const auto e = errorFor(registerInput(m_mustMixLike, key(1), false));
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 610);
        QVERIFY(e->value(QStringLiteral("message")).toString().contains(QStringLiteral("not a premix or whirlpool input")));
        const auto e2 = errorFor(registerInput(m_mustMixLike, key(1), true)); // nor a mix output
        QVERIFY(e2);
        QVERIFY(e2->value(QStringLiteral("message")).toString().contains(QStringLiteral("not a premix or whirlpool input")));
    }

    void valueOutOfRange()
    {
        server::db::DbConnection conn(test::dbConfigForCoordinator(m_db.address()));
        QVERIFY(conn.connect());
        QVERIFY(conn.exec("INSERT INTO tx0_whitelist (txid, created) VALUES (?, UTC_TIMESTAMP(6))",
                          {m_big.outpoint.txid.toHex()}));
        const auto e = errorFor(registerInput(m_big, key(2), false));
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 610);
        QVERIFY2(e->value(QStringLiteral("message")).toString().contains(QStringLiteral("Invalid input balance")),
                 qPrintable(e->value(QStringLiteral("message")).toString()));
    }

    void bannedInputIsRefusedAtOnce()
    {
        server::db::DbConnection conn(test::dbConfigForCoordinator(m_db.address()));
        QVERIFY(conn.connect());
        QVERIFY(conn.exec("INSERT INTO ban (identifier, expiration, response, created)"
                          " VALUES (?, UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, 'Test ban.', UTC_TIMESTAMP(6))",
                          {m_mustMixLike.outpoint.txid.toHex()}));
        const auto e = errorFor(registerInput(m_mustMixLike, key(1), false));
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 612);
        QCOMPARE(e->value(QStringLiteral("message")).toString(), QStringLiteral("Banned from service. Test ban."));
        QVERIFY(conn.exec("DELETE FROM ban"));
    }

    void confirmFromASessionNeverInvited()
    {
        const QJsonObject confirm{{QStringLiteral("mixId"), QStringLiteral("00112233")},
                                  {QStringLiteral("blindedBordereau64"), QStringLiteral("00000")},
                                  {QStringLiteral("userHash"), QStringLiteral("ab")}};
        const auto e = errorFor(confirm, proto::endpoint::kWsConfirmInput);
        QVERIFY(e);
        QCOMPARE(e->value(QStringLiteral("errorCode")).toInt(), 500);
        QCOMPARE(e->value(QStringLiteral("message")).toString(), QStringLiteral("Confirming input not found"));
        const auto e2 = errorFor({{QStringLiteral("mixId"), QStringLiteral("x")}, {QStringLiteral("witnesses64"), QJsonArray()}},
                                 proto::endpoint::kWsSigning);
        QVERIFY(e2);
    }

    void malformedFrameClosesOnlyThatConnection()
    {
        QWebSocket raw;
        QUrl url(m_coordinator.url() + QStringLiteral("/ws/connect"));
        url.setScheme(QStringLiteral("ws"));
        raw.open(url);
        QTRY_COMPARE(raw.state(), QAbstractSocket::ConnectedState);
        QSignalSpy text(&raw, &QWebSocket::textMessageReceived);
        raw.sendTextMessage(QStringLiteral("GARBAGE\n\n") + QChar(0));
        QTRY_VERIFY(!text.isEmpty());
        QVERIFY(text.first().first().toString().startsWith(QStringLiteral("ERROR")));
        QTRY_COMPARE(raw.state(), QAbstractSocket::UnconnectedState);
    }

    void oversizedFrameClosesWith1009()
    {
        QWebSocket raw;
        QUrl url(m_coordinator.url() + QStringLiteral("/ws/connect"));
        url.setScheme(QStringLiteral("ws"));
        raw.open(url);
        QTRY_COMPARE(raw.state(), QAbstractSocket::ConnectedState);
        raw.sendTextMessage(QString(70 * 1024, QLatin1Char('x')));
        QTRY_COMPARE(raw.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(raw.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    }
};

QTEST_GUILESS_MAIN(TestCoordinatorInput)
#include "tst_coordinatorinput.moc"
