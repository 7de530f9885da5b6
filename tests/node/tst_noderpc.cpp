// The asynchronous node JSON-RPC client against a real bcoin regtest node.
#include <bcoinnode.h>
#include <serviceprocess.h>

#include <net/noderpcclient.h>

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

private:
    test::BcoinNode m_node;
    std::unique_ptr<net::NodeRpcClient> m_rpc;
};

QTEST_GUILESS_MAIN(TestNodeRpc)
#include "tst_noderpc.moc"
