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

    void restErrors()
    {
        QCOMPARE(restErrorMessage(restErrorBody(QStringLiteral("Mix failed"))), QStringLiteral("Mix failed"));
        QCOMPARE(restErrorMessage("oops"), QStringLiteral("oops"));
        QVERIFY(!restErrorBody(QStringLiteral("x")).contains("errorCode")); // trap §13.16
    }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
