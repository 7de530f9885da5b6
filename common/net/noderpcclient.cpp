#include <net/noderpcclient.h>

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <cmath>

namespace wp::net {

NodeRpcClient::NodeRpcClient(NodeRpcConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_network(new QNetworkAccessManager(this))
{
}

NodeRpcClient::~NodeRpcClient() = default;

QByteArray NodeRpcClient::authorization()
{
    if (!m_config.cookieFile.isEmpty()) {
        if (m_cookieAuth.isEmpty()) {
            QFile f(m_config.cookieFile);
            if (f.open(QIODevice::ReadOnly))
                m_cookieAuth = f.readAll().trimmed();
        }
        return "Basic " + m_cookieAuth.toBase64();
    }
    return "Basic " + (m_config.user + QLatin1Char(':') + m_config.password).toUtf8().toBase64();
}

void NodeRpcClient::call(const QString &method, const QJsonArray &params, QObject *context, Callback done)
{
    send(method, params, QPointer<QObject>(context), std::move(done), false);
}

void NodeRpcClient::send(const QString &method, const QJsonArray &params, QPointer<QObject> context, Callback done,
                         bool retried)
{
    QNetworkRequest request(m_config.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", authorization());
    request.setTransferTimeout(m_config.timeoutMs);
    const QJsonObject body{{QStringLiteral("jsonrpc"), QStringLiteral("1.0")},
                           {QStringLiteral("id"), m_nextId++},
                           {QStringLiteral("method"), method},
                           {QStringLiteral("params"), params}};
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [=, this, done = std::move(done)]() mutable {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 401 && !m_config.cookieFile.isEmpty() && !retried) {
            m_cookieAuth.clear(); // the node restarted and wrote a new cookie
            send(method, params, context, std::move(done), true);
            return;
        }
        if (!context)
            return;
        const QByteArray data = reply->readAll();
        Result<QJsonValue> result = [&]() -> Result<QJsonValue> {
            if (status == 401)
                return fail(QStringLiteral("node RPC %1: authentication refused").arg(method));
            const QJsonDocument doc = QJsonDocument::fromJson(data);
            if (!doc.isObject()) {
                const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                        ? QStringLiteral("timed out after %1 ms").arg(m_config.timeoutMs)
                                        : reply->errorString();
                return fail(QStringLiteral("node RPC %1: %2").arg(method, why));
            }
            const QJsonValue error = doc.object().value(QStringLiteral("error"));
            if (error.isObject())
                return fail(error[QStringLiteral("code")].toInt(),
                            QStringLiteral("node RPC %1: %2").arg(method, error[QStringLiteral("message")].toString()));
            return doc.object().value(QStringLiteral("result"));
        }();
        done(std::move(result));
    });
}

void NodeRpcClient::getBlockCount(QObject *context, std::function<void(Result<int>)> done)
{
    call(QStringLiteral("getblockcount"), {}, context, [done = std::move(done)](Result<QJsonValue> r) {
        if (!r)
            return done(r.error());
        if (!r->isDouble() || r->toDouble() < 0)
            return done(fail(QStringLiteral("getblockcount: unexpected answer")));
        done(r->toInt());
    });
}

void NodeRpcClient::getRawTransaction(const QString &txid, QObject *context,
                                      std::function<void(Result<QByteArray>)> done)
{
    call(QStringLiteral("getrawtransaction"), {txid, 0}, context, [done = std::move(done)](Result<QJsonValue> r) {
        if (!r)
            return done(r.error());
        const QByteArray raw = QByteArray::fromHex(r->toString().toLatin1());
        if (!r->isString() || raw.isEmpty())
            return done(fail(QStringLiteral("getrawtransaction: unexpected answer")));
        done(raw);
    });
}

void NodeRpcClient::getRawTransactionInfo(const QString &txid, QObject *context,
                                          std::function<void(Result<RawTransactionInfo>)> done)
{
    call(QStringLiteral("getrawtransaction"), {txid, 1}, context, [done = std::move(done)](Result<QJsonValue> r) {
        if (!r)
            return done(r.error());
        const QJsonObject o = r->toObject();
        RawTransactionInfo info;
        info.raw = QByteArray::fromHex(o.value(QStringLiteral("hex")).toString().toLatin1());
        if (!r->isObject() || info.raw.isEmpty())
            return done(fail(QStringLiteral("getrawtransaction: unexpected answer")));
        info.confirmations = qMax(0, o.value(QStringLiteral("confirmations")).toInt());
        info.timeS = info.confirmations > 0 ? o.value(QStringLiteral("time")).toInteger() : 0;
        done(info);
    });
}

void NodeRpcClient::getTxOut(const QString &txid, int index, QObject *context,
                             std::function<void(Result<std::optional<TxOutInfo>>)> done)
{
    call(QStringLiteral("gettxout"), {txid, index, true}, context, [done = std::move(done)](Result<QJsonValue> r) {
        if (!r)
            return done(r.error());
        if (r->isNull())
            return done(std::optional<TxOutInfo>());
        if (!r->isObject())
            return done(fail(QStringLiteral("gettxout: unexpected answer")));
        const QJsonObject o = r->toObject();
        TxOutInfo info;
        info.valueSats = qint64(std::llround(o.value(QStringLiteral("value")).toDouble() * 1e8));
        info.scriptPubKeyHex = o.value(QStringLiteral("scriptPubKey"))[QStringLiteral("hex")].toString();
        info.confirmations = o.value(QStringLiteral("confirmations")).toInt();
        info.coinbase = o.value(QStringLiteral("coinbase")).toBool();
        done(std::optional<TxOutInfo>(info));
    });
}

void NodeRpcClient::estimateSmartFee(int blocks, QObject *context, std::function<void(Result<double>)> done)
{
    call(QStringLiteral("estimatesmartfee"), {blocks}, context, [done = std::move(done)](Result<QJsonValue> r) {
        if (!r)
            return done(r.error());
        // Core answers {feerate: BTC/kvB}; bcoin answers {fee: BTC/kvB or -1}.
        const QJsonObject o = r->toObject();
        const double btcPerKvB = o.contains(QStringLiteral("feerate")) ? o.value(QStringLiteral("feerate")).toDouble()
                                                                      : o.value(QStringLiteral("fee")).toDouble(-1);
        if (btcPerKvB <= 0)
            return done(fail(QStringLiteral("estimatesmartfee: the node has no fee estimate")));
        done(btcPerKvB * 1e8 / 1000.0);
    });
}

Result<MempoolAcceptance> mempoolAcceptanceFromRpc(const Result<QJsonValue> &answer)
{
    if (!answer) {
        if (answer.error().code == kRpcMethodNotFound)
            return MempoolAcceptance{};
        return answer.error();
    }
    const QJsonArray results = answer->toArray();
    if (!answer->isArray() || results.size() != 1 || !results[0].isObject())
        return fail(QStringLiteral("testmempoolaccept: unexpected answer"));
    const QJsonObject first = results[0].toObject();
    const QJsonValue allowed = first.value(QStringLiteral("allowed"));
    if (!allowed.isBool())
        return fail(QStringLiteral("testmempoolaccept: answer without \"allowed\""));
    MempoolAcceptance acceptance;
    acceptance.supported = true;
    acceptance.allowed = allowed.toBool();
    if (!acceptance.allowed) {
        // Core sets reject-reason for a single transaction; package-error is the package-level variant.
        QString reason = first.value(QStringLiteral("reject-reason")).toString();
        if (reason.isEmpty())
            reason = first.value(QStringLiteral("package-error")).toString();
        // Newer Core adds reject-details, which normally repeats the reason and then says
        // which input failed and why: keep it whole rather than repeat the reason.
        const QString details = first.value(QStringLiteral("reject-details")).toString();
        if (!details.isEmpty())
            reason = details.startsWith(reason) ? details : reason + QStringLiteral(": ") + details;
        acceptance.rejectReason = reason.isEmpty() ? QStringLiteral("rejected without a reason") : reason;
    }
    return acceptance;
}

void NodeRpcClient::testMempoolAccept(const QByteArray &rawTx, QObject *context,
                                      std::function<void(Result<MempoolAcceptance>)> done)
{
    const QJsonArray rawTxs{QString::fromLatin1(rawTx.toHex())};
    call(QStringLiteral("testmempoolaccept"), {rawTxs}, context, [done = std::move(done)](Result<QJsonValue> r) {
        done(mempoolAcceptanceFromRpc(r));
    });
}

void NodeRpcClient::broadcast(const QByteArray &rawTx, const QString &txid, QObject *context,
                              std::function<void(Result<void>)> done, int confirmMs)
{
    QPointer<QObject> guard(context);
    call(QStringLiteral("sendrawtransaction"), {QString::fromLatin1(rawTx.toHex())}, this,
         [=, this, done = std::move(done)](Result<QJsonValue> r) mutable {
             if (!guard)
                 return;
             if (!r)
                 return done(r.error());
             if (r->toString() != txid)
                 return done(fail(QStringLiteral("sendrawtransaction: the node answered txid %1, expected %2")
                                      .arg(r->toString(), txid)));
             pollAccepted(txid, QDateTime::currentMSecsSinceEpoch() + confirmMs, guard, std::move(done));
         });
}

void NodeRpcClient::pollAccepted(const QString &txid, qint64 deadlineMs, QPointer<QObject> context,
                                 std::function<void(Result<void>)> done)
{
    call(QStringLiteral("getrawtransaction"), {txid, 0}, this,
         [=, this, done = std::move(done)](Result<QJsonValue> r) mutable {
             if (!context)
                 return;
             if (r && r->isString())
                 return done({}); // in the mempool or already mined
             if (QDateTime::currentMSecsSinceEpoch() >= deadlineMs)
                 return done(fail(kRpcVerifyRejected,
                                  QStringLiteral("transaction %1 was not accepted by the node").arg(txid)));
             QTimer::singleShot(50, this, [=, this, done = std::move(done)]() mutable {
                 pollAccepted(txid, deadlineMs, context, std::move(done));
             });
         });
}

} // namespace wp::net
