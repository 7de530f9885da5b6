#include "bcoinnode.h"

#include <crypto/random.h>
#include <util/hex.h>

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace wp::test {

Result<void> BcoinNode::start()
{
    if (!m_dir.isValid())
        return fail(QStringLiteral("cannot create a temporary directory for bcoin"));
    m_apiKey = util::toHex(crypto::randomBytes(16));
    auto started = m_process.start(supportScript(QStringLiteral("bcoin.sh")),
                                   {m_dir.path(), QString::number(freePort()), m_apiKey});
    if (!started)
        return started;
    m_url = m_process.value(QStringLiteral("url"));
    qputenv("WP_TEST_NODE_URL", m_url.toUtf8());
    qputenv("WP_TEST_NODE_APIKEY", m_apiKey.toUtf8());
    return {};
}

void BcoinNode::stop()
{
    if (m_process.isRunning()) {
        m_process.stop();
        qunsetenv("WP_TEST_NODE_URL");
        qunsetenv("WP_TEST_NODE_APIKEY");
    }
}

Result<QJsonValue> BcoinNode::rpc(const QString &method, const QJsonArray &params, int timeoutMs)
{
    QNetworkRequest request{QUrl(m_url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", "Basic " + ("x:" + m_apiKey.toUtf8()).toBase64());
    const QJsonObject body{{QStringLiteral("jsonrpc"), QStringLiteral("1.0")},
                           {QStringLiteral("id"), 1},
                           {QStringLiteral("method"), method},
                           {QStringLiteral("params"), params}};
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    reply->deleteLater();
    if (!reply->isFinished()) {
        reply->abort();
        return fail(QStringLiteral("%1: no answer from the node after %2 ms").arg(method).arg(timeoutMs));
    }
    const QByteArray data = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    if (!doc.isObject())
        return fail(QStringLiteral("%1: %2 (HTTP body: %3)").arg(method, reply->errorString(),
                                                                  QString::fromUtf8(data.left(200))));
    const QJsonObject obj = doc.object();
    const QJsonValue error = obj.value(QStringLiteral("error"));
    if (error.isObject())
        return fail(error[QStringLiteral("code")].toInt(),
                    QStringLiteral("%1: %2").arg(method, error[QStringLiteral("message")].toString()));
    return obj.value(QStringLiteral("result"));
}

Result<QJsonArray> BcoinNode::generateToAddress(int count, const QString &address)
{
    auto result = rpc(QStringLiteral("generatetoaddress"), {count, address}, 120000);
    if (!result)
        return result.error();
    if (!result->isArray() || result->toArray().size() != count)
        return fail(QStringLiteral("generatetoaddress: unexpected answer"));
    return result->toArray();
}

bool BcoinNode::waitForMempool(const QString &txidHex, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    do {
        auto entry = rpc(QStringLiteral("getmempoolentry"), {txidHex});
        if (entry && entry->isObject())
            return true;
        QThread::msleep(50);
    } while (!deadline.hasExpired());
    return false;
}

} // namespace wp::test
