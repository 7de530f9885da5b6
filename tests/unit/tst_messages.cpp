#include <protocol/messages.h>

#include <QJsonDocument>
#include <QTest>

using namespace wp;
using namespace wp::proto;

class TestMessages : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void registerInputHasClassicFieldNames()
    {
        // Appendix B of the protocol reference, field for field.
        const QByteArray wire = R"({"poolId":"0.01btc","utxoHash":"4f2a","utxoIndex":3,"signature":"SIG",
                                    "liquidity":false,"blockHeight":840000,"unknownField":1})";
        auto m = RegisterInputRequest::fromJson(wire);
        QVERIFY2(m, m ? "" : qPrintable(m.error().message));
        QCOMPARE(m->poolId, QStringLiteral("0.01btc"));
        QCOMPARE(m->utxoIndex, 3);
        QCOMPARE(m->blockHeight, 840000);
        QVERIFY(!m->liquidity);
        const QJsonObject back = m->toJson();
        QCOMPARE(back.keys(), (QStringList{"blockHeight", "liquidity", "poolId", "signature", "utxoHash", "utxoIndex"}));
    }

    void oldClientsMayOmitBlockHeight()
    {
        auto m = RegisterInputRequest::fromJson(R"({"poolId":"p","utxoHash":"h","utxoIndex":0,"signature":"s","liquidity":true})");
        QVERIFY(m);
        QCOMPARE(m->blockHeight, 0);
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        QTest::newRow("not-json") << QByteArray("{poolId:") << "malformed JSON";
        QTest::newRow("array") << QByteArray("[]") << "must be an object";
        QTest::newRow("empty") << QByteArray() << "malformed JSON";
        QTest::newRow("missing-field") << QByteArray(R"({"poolId":"p","utxoIndex":0,"signature":"s","liquidity":true})")
                                       << "'utxoHash'";
        QTest::newRow("index-as-string") << QByteArray(R"({"poolId":"p","utxoHash":"h","utxoIndex":"0","signature":"s","liquidity":true})")
                                         << "'utxoIndex' must be an integer";
        QTest::newRow("index-fraction") << QByteArray(R"({"poolId":"p","utxoHash":"h","utxoIndex":1.5,"signature":"s","liquidity":true})")
                                        << "'utxoIndex' must be an integer";
        QTest::newRow("index-huge") << QByteArray(R"({"poolId":"p","utxoHash":"h","utxoIndex":1e300,"signature":"s","liquidity":true})")
                                    << "'utxoIndex' must be an integer";
        QTest::newRow("liquidity-as-int") << QByteArray(R"({"poolId":"p","utxoHash":"h","utxoIndex":0,"signature":"s","liquidity":1})")
                                          << "'liquidity' must be a boolean";
        QTest::newRow("negative-height") << QByteArray(R"({"poolId":"p","utxoHash":"h","utxoIndex":0,"signature":"s","liquidity":true,"blockHeight":-1})")
                                         << "out of range";
    }
    void rejectsBadInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        auto m = RegisterInputRequest::fromJson(json);
        QVERIFY(!m);
        QCOMPARE(m.error().code, error::kInvalidArgument);
        QVERIFY2(m.error().message.contains(why), qPrintable(m.error().message));
    }

    void notificationsCarryStatus()
    {
        ConfirmInputMixStatusNotification n{QStringLiteral("abc"), QStringLiteral("KEY")};
        const QByteArray wire = toJsonBytes(n.toJson());
        QVERIFY(wire.contains("\"status\":\"CONFIRM_INPUT\""));
        auto back = ConfirmInputMixStatusNotification::fromJson(wire);
        QVERIFY(back);
        QCOMPARE(back->publicKey64, QStringLiteral("KEY"));
        // The same body with another status is refused.
        QVERIFY(!SigningMixStatusNotification::fromJson(wire));
        auto generic = MixStatusNotification::fromJson(wire);
        QVERIFY(generic);
        QCOMPARE(generic->status, MixStatus::ConfirmInput);
        QVERIFY(!MixStatusNotification::fromJson(R"({"status":"DANCING","mixId":"x"})"));
    }

    void errorResponseHasNullMixId()
    {
        const QJsonObject o = ErrorResponse{error::kInputBanned, QStringLiteral("Banned from service. Contact us.")}.toJson();
        QVERIFY(o.value(QStringLiteral("mixId")).isNull());
        auto back = ErrorResponse::fromJson(toJsonBytes(o));
        QVERIFY(back);
        QCOMPARE(back->errorCode, 612);
    }

    void registerOutputAllowsNullBordereau()
    {
        RegisterOutputRequest r{QStringLiteral("h"), QStringLiteral("sig"), QStringLiteral("bcrt1q"), QString()};
        QVERIFY(r.toJson().value(QStringLiteral("bordereau64")).isNull());
        auto back = RegisterOutputRequest::fromJson(toJsonBytes(r.toJson()));
        QVERIFY(back);
        QVERIFY(back->bordereau64.isNull());
    }

    void statusNamesAndTypes()
    {
        for (int i = 0; i <= int(MixStatus::Fail); ++i)
            QCOMPARE(mixStatusFromName(mixStatusName(MixStatus(i))), MixStatus(i));
        QCOMPARE(messageTypeShortName(QString::fromLatin1(type::kSubscribePoolResponse)), QStringLiteral("SubscribePoolResponse"));
        QCOMPARE(messageTypeShortName(u"Plain"), QStringLiteral("Plain"));
    }

    void poolsRoundTrip()
    {
        PoolInfo p;
        p.poolId = QStringLiteral("0.01btc");
        p.denomination = 1000000;
        p.mustMixBalanceMin = 1000170;
        p.mixStatus = QStringLiteral("CONFIRM_INPUT");
        p.mixKeyFingerprint = QStringLiteral("ab");
        const QByteArray wire = toJsonBytes(PoolsResponse{{p}}.toJson());
        QVERIFY(!wire.contains("ownerUrlClear")); // empty additions are left out
        auto back = PoolsResponse::fromJson(wire);
        QVERIFY(back);
        QCOMPARE(back->pools.size(), 1);
        QCOMPARE(back->pools.first().mustMixBalanceMin, 1000170);
        QCOMPARE(back->pools.first().mixKeyFingerprint, QStringLiteral("ab"));
        QVERIFY(!PoolsResponse::fromJson(R"({"pools":[1]})"));
        QVERIFY(!PoolsResponse::fromJson(R"({"pools":{}})"));
        QVERIFY(!PoolsResponse::fromJson(R"({"pools":[{"poolId":"x"}]})"));
    }

    void tx0DataRoundTrip()
    {
        Tx0Data d;
        d.poolId = QStringLiteral("0.01btc");
        d.feePaymentCode = QStringLiteral("PM8T...");
        d.feeValue = 50000;
        d.feePayload64 = QStringLiteral("0rr91");
        d.feeAddress = QStringLiteral("bcrt1qfee");
        auto back = Tx0DataResponse::fromJson(toJsonBytes(Tx0DataResponse{{d}}.toJson()));
        QVERIFY(back);
        QCOMPARE(back->tx0Datas.first().feeAddress, d.feeAddress);
        QVERIFY(back->tx0Datas.first().message.isNull());
        auto request = Tx0DataRequest::fromJson(R"({"scode":"null","partnerId":null})");
        QVERIFY(request);
        QVERIFY(request->scode.isEmpty());
        QVERIFY(!request->cascading);
        QVERIFY(!Tx0PushRequest::fromJson(R"({"tx64":5,"poolId":"p"})"));
    }

    void restErrors()
    {
        QCOMPARE(restErrorMessage(restErrorBody(QStringLiteral("Mix failed"))), QStringLiteral("Mix failed"));
        QCOMPARE(restErrorMessage("oops"), QStringLiteral("oops"));
        QVERIFY(!restErrorBody(QStringLiteral("x")).contains("errorCode")); // trap §13.16
    }

    /// Found by fuzzing: int fields wrapped (2^32 + 630 was read as 630, a redirect). Out of range is refused.
    void integersOutOfRangeAreRefused()
    {
        QCOMPARE(ErrorResponse::fromJson(R"({"errorCode":630,"message":"moved"})")->errorCode, 630);
        QVERIFY(!ErrorResponse::fromJson(R"({"errorCode":4294967926,"message":"moved"})"));
        QVERIFY(!ErrorResponse::fromJson(R"({"errorCode":-2147483649,"message":"x"})"));
    }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
