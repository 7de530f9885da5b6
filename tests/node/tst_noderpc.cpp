// The asynchronous node JSON-RPC client against a real bcoin regtest node.
#include <bcoinnode.h>
#include <serviceprocess.h>

#include <net/noderpcclient.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace wp;

namespace {

/// Runs an async call and waits for its answer (tests only).
template <typename T, typename Start>
std::optional<Result<T>> await(Start start, int timeoutMs = 20000)
{
    std::optional<Result<T>> out;
    QObject context;
    start(&context, [&](Result<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs))
        qWarning("no answer after %d ms", timeoutMs);
    return out;
}

} // namespace

class TestNodeRpc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_node.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_rpc = std::make_unique<net::NodeRpcClient>(
            net::NodeRpcConfig{QUrl(m_node.url()), QStringLiteral("x"), m_node.apiKey(), {}, 5000});
    }

    void blockCount()
    {
        auto r = await<int>([&](QObject *c, auto done) { m_rpc->getBlockCount(c, done); });
        QVERIFY(r && *r);
        QCOMPARE(**r, 0);
    }

    void nodeErrorsCarryCodeAndMessage()
    {
        auto r = await<QJsonValue>([&](QObject *c, auto done) { m_rpc->call(QStringLiteral("nosuchmethod"), {}, c, done); });
        QVERIFY(r && !*r);
        QCOMPARE(r->error().code, -32601);
        QVERIFY(r->error().message.contains(QStringLiteral("nosuchmethod")));
    }

    void unknownOutputIsNull()
    {
        const QString txid(64, QLatin1Char('a'));
        auto r = await<std::optional<net::TxOutInfo>>([&](QObject *c, auto done) { m_rpc->getTxOut(txid, 0, c, done); });
        QVERIFY(r && *r);
        QVERIFY(!(*r)->has_value());
        auto raw = await<QByteArray>([&](QObject *c, auto done) { m_rpc->getRawTransaction(txid, c, done); });
        QVERIFY(raw && !*raw);
    }

    void noFeeEstimateOnFreshRegtest()
    {
        auto r = await<double>([&](QObject *c, auto done) { m_rpc->estimateSmartFee(6, c, done); });
        QVERIFY(r && !*r);
        QVERIFY(r->error().message.contains(QStringLiteral("no fee estimate")));
    }

    void wrongCredentialsAreReported()
    {
        net::NodeRpcClient bad({QUrl(m_node.url()), QStringLiteral("x"), QStringLiteral("wrong"), {}, 5000});
        auto r = await<int>([&](QObject *c, auto done) { bad.getBlockCount(c, done); });
        QVERIFY(r && !*r);
        QVERIFY2(r->error().message.contains(QStringLiteral("authentication")), qPrintable(r->error().message));
    }

    void deadNodeFailsFast()
    {
        const quint16 port = test::freePort();
        net::NodeRpcClient dead({QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)), QStringLiteral("x"),
                                 QStringLiteral("y"), {}, 2000});
        auto r = await<int>([&](QObject *c, auto done) { dead.getBlockCount(c, done); }, 5000);
        QVERIFY(r && !*r);
    }

    void answersNeverReachADeadContext()
    {
        bool called = false;
        auto *context = new QObject;
        m_rpc->getBlockCount(context, [&](Result<int>) { called = true; });
        delete context;
        // A second call on a live context finishes after the first one.
        auto r = await<int>([&](QObject *c, auto done) { m_rpc->getBlockCount(c, done); });
        QVERIFY(r && *r);
        QVERIFY(!called);
    }

    void garbageBroadcastIsRefused()
    {
        auto r = await<void>([&](QObject *c, auto done) {
            m_rpc->broadcast(QByteArray::fromHex("0100000000"), QString(64, QLatin1Char('b')), c, done, 1000);
        });
        QVERIFY(r && !*r);
    }

    void mempoolAcceptUnsupportedOnBcoin()
    {
        // bcoin 1.0.2 has no testmempoolaccept: the client reports "not checked", not a failure.
        const QByteArray someTx = QByteArray::fromHex(
            "0100000001000000000000000000000000000000000000000000000000000000000000000000000000"
            "00ffffffff0100000000000000000000000000");
        auto r = await<net::MempoolAcceptance>([&](QObject *c, auto done) { m_rpc->testMempoolAccept(someTx, c, done); });
        QVERIFY(r);
        QVERIFY2(*r, *r ? "" : qPrintable((*r).error().message));
        QVERIFY(!(*r)->supported);
        QVERIFY(!(*r)->allowed);
        QVERIFY((*r)->rejectReason.isEmpty());
        // The node really lacks the method (not a transport failure disguised as "unsupported").
        auto raw = await<QJsonValue>([&](QObject *c, auto done) {
            m_rpc->call(QStringLiteral("testmempoolaccept"), {QJsonArray{QString::fromLatin1(someTx.toHex())}}, c, done);
        });
        QVERIFY(raw && !*raw);
        QCOMPARE(raw->error().code, net::kRpcMethodNotFound);
    }

    void mempoolAcceptanceParsing_data()
    {
        // Answers shaped as Bitcoin Core's testmempoolaccept help describes them.
        QTest::addColumn<QByteArray>("result");
        QTest::addColumn<int>("errorCode");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("supported");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("reason");
        QTest::newRow("allowed") << QByteArray(R"([{"txid":"aa","wtxid":"bb","allowed":true,"vsize":506,"fees":{"base":0.000015}}])")
                                 << 0 << true << true << true << QString();
        QTest::newRow("rejected") << QByteArray(R"([{"txid":"aa","wtxid":"bb","allowed":false,"reject-reason":"min relay fee not met"}])")
                                  << 0 << true << true << false << QStringLiteral("min relay fee not met");
        QTest::newRow("rejected-with-details")
            << QByteArray(R"json([{"txid":"aa","allowed":false,"reject-reason":"mandatory-script-verify-flag-failed (Non-canonical signature: S value is unnecessarily high)","reject-details":"mandatory-script-verify-flag-failed (Non-canonical signature: S value is unnecessarily high), input 0 of aa (wtxid bb), spending cc:1"}])json")
            << 0 << true << true << false
            << QStringLiteral("mandatory-script-verify-flag-failed (Non-canonical signature: S value is unnecessarily high), input 0 of aa (wtxid bb), spending cc:1");
        QTest::newRow("details-without-the-reason")
            << QByteArray(R"([{"txid":"aa","allowed":false,"reject-reason":"dust","reject-details":"output 3"}])")
            << 0 << true << true << false << QStringLiteral("dust: output 3");
        QTest::newRow("package-error") << QByteArray(R"([{"txid":"aa","allowed":false,"package-error":"package-not-child-with-unconfirmed-parents"}])")
                                       << 0 << true << true << false << QStringLiteral("package-not-child-with-unconfirmed-parents");
        QTest::newRow("rejected-no-reason") << QByteArray(R"([{"txid":"aa","allowed":false}])")
                                            << 0 << true << true << false << QStringLiteral("rejected without a reason");
        QTest::newRow("method-not-found") << QByteArray() << net::kRpcMethodNotFound << true << false << false << QString();
        QTest::newRow("other-rpc-error") << QByteArray() << -22 << false << false << false << QString();
        QTest::newRow("transport-error") << QByteArray() << 0 << false << false << false << QString();
        QTest::newRow("not-an-array") << QByteArray(R"({"allowed":true})") << 0 << false << false << false << QString();
        QTest::newRow("empty-array") << QByteArray("[]") << 0 << false << false << false << QString();
        QTest::newRow("two-results") << QByteArray(R"([{"allowed":true},{"allowed":true}])") << 0 << false << false << false << QString();
        QTest::newRow("allowed-not-bool") << QByteArray(R"([{"allowed":"yes"}])") << 0 << false << false << false << QString();
        QTest::newRow("not-an-object") << QByteArray("[true]") << 0 << false << false << false << QString();
    }
    void mempoolAcceptanceParsing()
    {
        QFETCH(QByteArray, result);
        QFETCH(int, errorCode);
        QFETCH(bool, ok);
        QFETCH(bool, supported);
        QFETCH(bool, allowed);
        QFETCH(QString, reason);
        const Result<QJsonValue> answer = result.isEmpty()
            ? Result<QJsonValue>(fail(errorCode, QStringLiteral("node RPC testmempoolaccept: error")))
            : Result<QJsonValue>(QJsonDocument::fromJson("{\"r\":" + result + "}").object().value(QStringLiteral("r")));
        const auto r = net::mempoolAcceptanceFromRpc(answer);
        QCOMPARE(bool(r), ok);
        if (!ok) {
            if (result.isEmpty())
                QCOMPARE(r.error().code, errorCode);
            return;
        }
        QCOMPARE(r->supported, supported);
        QCOMPARE(r->allowed, allowed);
        QCOMPARE(r->rejectReason, reason);
    }

private:
    test::BcoinNode m_node;
    std::unique_ptr<net::NodeRpcClient> m_rpc;
};

QTEST_GUILESS_MAIN(TestNodeRpc)
#include "tst_noderpc.moc"
