// whirlpool-cli's REST calls to a cluster: a random instance, another one when it does
// not answer or answers 5xx, the answer of a 4xx as is; against in-process HTTP servers.
#include <clusterrest.h>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace wp;
using client::ClusterRest;
using client::CoordinatorDirectory;
using client::DirectoryEvent;

namespace {

/// Answers every HTTP request with one canned status and body, and counts them.
class CannedHttpServer {
public:
    explicit CannedHttpServer(int status, QByteArray body = R"({"pools": []})") : m_status(status), m_body(std::move(body))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_buffer[s] += s->readAll();
                    if (!m_buffer[s].contains("\r\n\r\n"))
                        return;
                    ++requests;
                    const QByteArray reason = m_status == 200 ? "OK" : "Error";
                    s->write("HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reason +
                             "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                             QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body);
                    s->disconnectFromHost();
                });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen");
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    int requests = 0;

private:
    QTcpServer m_server;
    int m_status;
    QByteArray m_body;
    QHash<QTcpSocket *, QByteArray> m_buffer;
};

/// A URL where nothing listens (connection refused).
QString deadUrl()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen");
    const quint16 port = server.serverPort();
    server.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

client::DirectoryConfig configOf(const QStringList &urls)
{
    client::DirectoryConfig config;
    config.network = btc::Network::Regtest;
    for (qsizetype i = 0; i < urls.size(); ++i)
        config.bootstrap.append(proto::ClusterInstance{{}, QStringLiteral("i%1").arg(i), urls[i], {}});
    return config;
}

struct Answer {
    std::optional<Result<proto::PoolsResponse>> result;
    ClusterRest::Answered from;
};

Answer fetchPools(ClusterRest &rest)
{
    Answer answer;
    QObject context;
    rest.fetchPools(&context, [&](Result<proto::PoolsResponse> r, ClusterRest::Answered from) {
        answer.result.emplace(std::move(r));
        answer.from = from;
    });
    (void)QTest::qWaitFor([&] { return answer.result.has_value(); }, 10000);
    return answer;
}

/// For failure messages: "ok", the error, or "no answer".
QString describe(const Answer &answer)
{
    if (!answer.result)
        return QStringLiteral("no answer");
    return *answer.result ? QStringLiteral("ok") : answer.result->error().message;
}

} // namespace

class TestClusterRest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void answersFromALiveInstance()
    {
        CannedHttpServer a(200);
        CannedHttpServer b(200);
        CoordinatorDirectory directory(configOf({a.url(), b.url()}));
        ClusterRest rest(&directory, {});
        for (int i = 0; i < 20; ++i) {
            const Answer answer = fetchPools(rest);
            QVERIFY(answer.result && *answer.result);
            QVERIFY(answer.from);
        }
        // Random: both took requests (probability of a miss: 2 * 2^-20).
        QCOMPARE(a.requests + b.requests, 20);
        QVERIFY(a.requests > 0 && b.requests > 0);
    }

    void deadInstanceIsSkipped()
    {
        const QString dead = deadUrl();
        CannedHttpServer live(200);
        CoordinatorDirectory directory(configOf({dead, live.url()}));
        QSignalSpy events(&directory, &CoordinatorDirectory::event);
        // Make the dead one the first pick: the only instance not failed lately.
        directory.noteFailure(QUrl(live.url()), QStringLiteral("test"));
        events.clear();
        ClusterRest rest(&directory, {});
        const Answer answer = fetchPools(rest);
        QVERIFY2(answer.result && *answer.result, qPrintable(describe(answer)));
        QCOMPARE(answer.from->url, QUrl(live.url()));
        QCOMPARE(live.requests, 1);
        QCOMPARE(events.size(), 1);
        const auto e = events.first().first().value<DirectoryEvent>();
        QCOMPARE(e.kind, DirectoryEvent::Kind::ConnectionFailed);
        QCOMPARE(e.url, QUrl(dead));
        QCOMPARE(e.origin, QStringLiteral("rest"));
    }

    void unavailableInstanceIsSkipped()
    {
        CannedHttpServer busy(503, R"({"message": "starting"})");
        CannedHttpServer live(200);
        CoordinatorDirectory directory(configOf({busy.url(), live.url()}));
        directory.noteFailure(QUrl(live.url()), QStringLiteral("test"));
        ClusterRest rest(&directory, {});
        const Answer answer = fetchPools(rest);
        QVERIFY(answer.result && *answer.result);
        QCOMPARE(busy.requests, 1);
        QCOMPARE(live.requests, 1);
    }

    void clientErrorIsTheAnswer()
    {
        CannedHttpServer refusing(404, R"({"message": "no such thing"})");
        CannedHttpServer live(200);
        CoordinatorDirectory directory(configOf({refusing.url(), live.url()}));
        directory.noteFailure(QUrl(live.url()), QStringLiteral("test"));
        ClusterRest rest(&directory, {});
        const Answer answer = fetchPools(rest);
        QVERIFY(answer.result && !*answer.result);
        QCOMPARE(answer.result->error().code, 404);
        QCOMPARE(answer.from->url, QUrl(refusing.url()));
        QCOMPARE(live.requests, 0);
    }

    void everyInstanceDead()
    {
        CoordinatorDirectory directory(configOf({deadUrl(), deadUrl()}));
        ClusterRest rest(&directory, {});
        const Answer answer = fetchPools(rest);
        QVERIFY(answer.result && !*answer.result);
        QCOMPARE(answer.result->error().code, 0);
        QVERIFY2(answer.result->error().message.endsWith(QStringLiteral("(all 2 instances tried)")),
                 qPrintable(answer.result->error().message));
    }
};

QTEST_GUILESS_MAIN(TestClusterRest)
#include "tst_clusterrest.moc"
