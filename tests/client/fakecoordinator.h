#pragma once

// A scripted in-process Whirlpool coordinator for the client tests: one port
// serving STOMP over WebSocket at /ws/connect and a tiny HTTP responder for
// /rest/*, speaking the real frames and JSON, with real RSA blind signatures,
// real BIP143 signatures and real transactions. Knobs select the behaviour
// (errors, redirects, drops, tampering), records say what the client did.
// Several instances make a fake cluster (redirector, shutdown, /rest/cluster).
// Include it from a QtTest translation unit only (it uses QVERIFY).

#include <mixer/mixsession.h>
#include <mixer/mixwallet.h>

#include <bitcoin/address.h>
#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/rsablind.h>
#include <crypto/signedmessage.h>
#include <mixer/stompclient.h>
#include <protocol/inputshash.h>
#include <protocol/messages.h>
#include <protocol/stompframe.h>
#include <protocol/z85.h>
#include <util/hex.h>

#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>
#include <functional>
#include <optional>

namespace wp::test {

using client::MixUtxo;
using client::MixWallet;
using client::StompClient;

inline constexpr btc::Amount kDenomination = 1'000'000;
inline const QString kPoolId = QStringLiteral("0.01btc");
inline constexpr btc::Network kNetwork = btc::Network::Regtest;

inline btc::Script p2wpkhOf(const crypto::PubKey &key)
{
    return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(key.serialize(true))));
}
inline btc::Script randomScript() { return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::randomBytes(20))); }
inline btc::Txid randomTxid() { return *btc::Txid::fromBytes(crypto::randomBytes(32)); }
inline QString addressOf(const btc::Script &script) { return *btc::scriptToAddress(script, btc::networkParams(kNetwork)); }

/// A wallet holding one coin's key; it answers later, signInput from a worker thread.
class TestWallet : public MixWallet {
public:
    TestWallet()
    {
        for (int i = 0; i < 16; ++i)
            addresses.append(addressOf(randomScript()));
    }

    MixUtxo utxo(btc::Amount value) const
    {
        return MixUtxo{btc::OutPoint{randomTxid(), 1}, value, p2wpkhOf(key.pubKey())};
    }

    void signMessage(const MixUtxo &, const QByteArray &message, Callback<QString> done) override
    {
        if (holdSignMessage) {
            held = [this, message, done] { done(crypto::signMessage(key, message)); };
            return;
        }
        QTimer::singleShot(0, [this, message, done] { done(crypto::signMessage(key, message)); });
    }

    void signInput(const MixUtxo &coin, const btc::Transaction &unsignedTx, qsizetype inputIndex,
                   Callback<QList<QByteArray>> done) override
    {
        ++signInputCalls;
        const bool refuse = refuseToSign;
        const bool corrupt = corruptSignature;
        const crypto::PrivKey k = key;
        QThreadPool::globalInstance()->start([=]() mutable {
            if (refuse)
                return done(fail(QStringLiteral("user rejected on device")));
            btc::Transaction tx = unsignedTx;
            if (auto r = btc::signP2wpkhInput(tx, inputIndex, coin.value, k); !r)
                return done(r.error());
            QList<QByteArray> witness = tx.inputs[inputIndex].witness;
            if (corrupt)
                witness[0][10] = char(witness[0][10] ^ 1);
            done(witness);
        });
    }

    void nextOutputAddress(Callback<QString> done) override
    {
        QTimer::singleShot(0, [this, done] { done(addresses.value(nextAddress++)); });
    }

    QString userPreHash() const override { return preHash; }

    crypto::PrivKey key = crypto::PrivKey::generate();
    QStringList addresses;
    int nextAddress = 0;
    QString preHash = util::toHex(crypto::sha256("bcrt1q-first-premix-address"));
    bool refuseToSign = false;
    bool corruptSignature = false;
    std::atomic<int> signInputCalls{0};
    bool holdSignMessage = false;  ///< keep the signMessage answer in `held` until the test releases it
    std::function<void()> held;
};

enum class Tamper { None, InputsHash, ExtraOutput, OwnInputMissing, OwnOutputMissing, DuplicateInputTxid,
                    WrongOutputValue, DuplicateOutput };

/// The scripted coordinator. Knobs select the behaviour, records say what the client did.
struct FakeCoordinator {
    explicit FakeCoordinator(const crypto::RsaKeyPair &mixKey) : key(mixKey), ws(QStringLiteral("fake"), QWebSocketServer::NonSecureMode)
    {
        ws.setSupportedSubprotocols(StompClient::offeredSubprotocols());
        QObject::connect(&front, &QTcpServer::newConnection, &context, [this] {
            while (QTcpSocket *s = front.nextPendingConnection()) {
                ++tcpConnections;
                QObject::connect(s, &QTcpSocket::readyRead, &context, [this, s] { sniff(s); });
            }
        });
        QObject::connect(&ws, &QWebSocketServer::newConnection, &context, [this] {
            while (QWebSocket *s = ws.nextPendingConnection()) {
                ++wsSessions;
                session = s;
                wsPeerPort = s->peerPort();
                QObject::connect(s, &QWebSocket::textMessageReceived, &context,
                                 [this](const QString &m) { onText(m.toUtf8()); });
            }
        });
    }
    bool listen() { return front.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(front.serverPort())); }

    // ---- knobs
    MixUtxo client;
    QString poolNetworkId = QStringLiteral("regtest");
    btc::Amount poolDenomination = kDenomination;
    QString mixId = QStringLiteral("0123456789abcdef0123456789abcdef");
    std::optional<QString> publishedMixId;       ///< default: mixId
    std::optional<QString> publishedFingerprint; ///< default: the real one
    bool reinviteWithPublishedMix = false;       ///< after serving a pool with another mixId, invite to that one
    int errorOnRegisterInput = 0;
    QString errorMessage;
    bool redirectOnSubscribe = false;
    bool registerOutputBeforeConfirmResponse = false;
    bool signingBeforeRegisterOutputReply = false;
    /// Pushes SIGNING/REVEAL_OUTPUT at once but keeps the registerOutput reply in
    /// `heldRegisterOutputReply` until the test calls it (a reply overtaken for sure).
    bool holdRegisterOutputReply = false;
    std::function<void()> heldRegisterOutputReply;
    bool dropAfterConfirm = false;
    bool revealInsteadOfSigning = false;
    int failRegisterOutput = 0;
    QString registerOutputError;
    Tamper tamper = Tamper::None;
    QByteArray messageProtocolVersion = "0.23";
    // cluster knobs
    /// Asked at each SUBSCRIBE: a value answers with that redirect instead of the pool.
    std::function<std::optional<proto::RedirectResponse>()> redirector;
    /// After answering confirmInput, the instance dies: shutdown().
    bool shutdownAfterConfirm = false;
    std::function<void()> onShutdown; ///< called by shutdown()
    /// Asked at each registerInput (after errorOnRegisterInput): a value
    /// answers with that redirect (the instance drains the pool) instead of an invitation.
    std::function<std::optional<proto::RedirectResponse>()> drainRedirect;
    /// Called at each registerInput before anything else (a multi-coin test adopts the coin as `client`).
    std::function<void(const proto::RegisterInputRequest &)> onRegisterInput;
    int failMixes = 0;                ///< this many mixes end in REVEAL_OUTPUT -> FAIL before one signs
    QByteArray clusterBody;           ///< the GET /rest/cluster answer (404 when empty)

    // ---- records
    int tcpConnections = 0; ///< every TCP connection accepted (HTTP and WebSocket)
    int wsSessions = 0;     ///< WebSocket sessions opened
    QList<proto::StompFrame> frames; ///< every frame from the client
    QList<proto::RegisterInputRequest> registerInputs;
    QList<proto::ConfirmInputRequest> confirms;
    QList<proto::RegisterOutputRequest> registerOutputAttempts;
    QStringList restRequests; ///< "GET /rest/pools", ...
    QStringList userAgents;
    QList<quint16> restPeerPorts;
    quint16 wsPeerPort = 0;
    QString registeredAddress;
    QList<proto::SigningRequest> signings;
    QList<proto::RevealOutputRequest> reveals;
    bool registerInputSignatureValid = false;
    bool signatureValid = false;
    btc::Transaction tx;
    QString inputsHash;

    QList<proto::StompFrame> sent(const char *destination) const
    {
        QList<proto::StompFrame> out;
        for (const proto::StompFrame &f : frames)
            if (f.command() == "SEND" && f.header("destination") == destination)
                out.append(f);
        return out;
    }

    void push(const char *type, const QJsonObject &body)
    {
        proto::StompFrame f(proto::stomp::kMessage);
        f.addHeader("destination", "/private/reply");
        f.addHeader("subscription", "sub-0");
        f.addHeader("message-id", QByteArray::number(++messageId));
        f.addHeader("content-type", "application/json");
        f.addHeader(proto::header::kMessageType, type);
        f.addHeader(proto::header::kProtocolVersion, messageProtocolVersion);
        f.setBody(proto::toJsonBytes(body));
        if (session)
            session->sendTextMessage(QString::fromUtf8(f.serialize()));
    }

    void invite()
    {
        proto::ConfirmInputMixStatusNotification n;
        n.mixId = mixId;
        n.publicKey64 = proto::encodeZ85(key.publicKeyDer());
        push(proto::type::kConfirmInputMixStatus, n.toJson());
    }

    void onText(const QByteArray &message)
    {
        auto parsed = proto::StompFrame::parseAll(message);
        QVERIFY2(parsed.has_value(), "client sent a malformed frame");
        for (const proto::StompFrame &f : *parsed)
            onFrame(f);
    }

    void onFrame(const proto::StompFrame &f)
    {
        frames.append(f);
        if (f.command() == "CONNECT") {
            session->sendTextMessage(QString::fromUtf8(QByteArray("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0", 39)));
        } else if (f.command() == "SUBSCRIBE") {
            if (redirector) {
                if (const auto r = redirector()) {
                    push(proto::type::kRedirectResponse, r->toJson());
                    return;
                }
            }
            if (redirectOnSubscribe) {
                proto::RedirectResponse r;
                r.poolId = kPoolId;
                r.urlClear = QStringLiteral("https://owner.example:8080");
                r.urlOnion = QStringLiteral("http://owner.onion");
                r.epoch = 7;
                push(proto::type::kRedirectResponse, r.toJson());
                return;
            }
            proto::SubscribePoolResponse r;
            r.networkId = poolNetworkId;
            r.denomination = poolDenomination;
            r.mustMixBalanceMin = poolDenomination + 170;
            r.mustMixBalanceCap = poolDenomination + 9'690;
            r.mustMixBalanceMax = poolDenomination + 19'125;
            push(proto::type::kSubscribePoolResponse, r.toJson());
        } else if (f.command() == "SEND") {
            onSend(f.header("destination"), f.body());
        }
    }

    void onSend(const QByteArray &destination, const QByteArray &body)
    {
        if (destination == proto::endpoint::kWsRegisterInput) {
            auto r = proto::RegisterInputRequest::fromJson(body);
            QVERIFY(r.has_value());
            registerInputs.append(*r);
            if (onRegisterInput)
                onRegisterInput(*r);
            auto signer = crypto::recoverMessageSigner(r->poolId.toUtf8(), r->signature);
            registerInputSignatureValid = signer && p2wpkhOf(signer->pubKey) == client.scriptPubKey && signer->compressed;
            if (errorOnRegisterInput) {
                proto::ErrorResponse e;
                e.errorCode = errorOnRegisterInput;
                e.message = errorMessage;
                push(proto::type::kErrorResponse, e.toJson());
                return;
            }
            if (drainRedirect) {
                if (const auto redirect = drainRedirect()) {
                    push(proto::type::kRedirectResponse, redirect->toJson());
                    return;
                }
            }
            invite();
        } else if (destination == proto::endpoint::kWsConfirmInput) {
            auto r = proto::ConfirmInputRequest::fromJson(body);
            QVERIFY(r.has_value());
            confirms.append(*r);
            const auto blinded = proto::decodeZ85(r->blindedBordereau64);
            QVERIFY(blinded.has_value());
            auto signedBlind = key.signBlinded(*blinded);
            QVERIFY(signedBlind.has_value());
            buildInputs();
            proto::ConfirmInputResponse response;
            response.mixId = r->mixId;
            response.signedBordereau64 = proto::encodeZ85(*signedBlind);
            proto::RegisterOutputMixStatusNotification registerOutput;
            registerOutput.mixId = r->mixId;
            registerOutput.inputsHash = inputsHash;
            if (registerOutputBeforeConfirmResponse)
                push(proto::type::kRegisterOutputMixStatus, registerOutput.toJson());
            push(proto::type::kConfirmInputResponse, response.toJson());
            if (shutdownAfterConfirm) {
                shutdown();
                return;
            }
            if (dropAfterConfirm) {
                session->close();
                return;
            }
            if (!registerOutputBeforeConfirmResponse)
                push(proto::type::kRegisterOutputMixStatus, registerOutput.toJson());
        } else if (destination == proto::endpoint::kWsSigning) {
            auto r = proto::SigningRequest::fromJson(body);
            QVERIFY(r.has_value());
            signings.append(*r);
            QList<QByteArray> witness;
            for (const QString &item : r->witnesses64)
                witness.append(proto::decodeZ85(item).value_or(QByteArray()));
            for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
                if (tx.inputs[i].prevout != client.outpoint)
                    continue;
                tx.inputs[i].witness = witness;
                signatureValid = btc::verifyP2wpkhInput(tx, i, client.value, client.scriptPubKey).has_value();
            }
            proto::MixStatusNotification n;
            n.status = signatureValid ? proto::MixStatus::Success : proto::MixStatus::Fail;
            n.mixId = mixId;
            push(signatureValid ? proto::type::kSuccessMixStatus : proto::type::kFailMixStatus, n.toJson());
        } else if (destination == proto::endpoint::kWsRevealOutput) {
            auto r = proto::RevealOutputRequest::fromJson(body);
            QVERIFY(r.has_value());
            reveals.append(*r);
            proto::MixStatusNotification n;
            n.status = proto::MixStatus::Fail;
            n.mixId = mixId;
            push(proto::type::kFailMixStatus, n.toJson());
        }
    }

    /// The mix inputs: the client's coin and four others (BIP69 order), then the inputsHash.
    void buildInputs()
    {
        tx = btc::Transaction();
        tx.version = 1;
        tx.inputs.append(btc::TxIn{client.outpoint, {}, btc::kSequenceFinal, {}});
        for (int i = 0; i < 4; ++i)
            tx.inputs.append(btc::TxIn{btc::OutPoint{randomTxid(), std::uint32_t(i)}, {}, btc::kSequenceFinal, {}});
        if (tamper == Tamper::OwnInputMissing)
            tx.inputs[0].prevout.index += 1;
        if (tamper == Tamper::DuplicateInputTxid)
            tx.inputs[2].prevout.txid = tx.inputs[1].prevout.txid;
        QList<proto::InputsHashEntry> entries;
        for (const btc::TxIn &in : tx.inputs)
            entries.append({in.prevout.txid.toHex(), in.prevout.index});
        inputsHash = proto::computeInputsHash(entries);
        if (tamper == Tamper::InputsHash)
            tx.inputs[1].prevout.txid = randomTxid(); // not what REGISTER_OUTPUT announced
    }

    /// Outputs once the client registered: its address and four others, BIP69, then SIGNING (or REVEAL_OUTPUT).
    void startSigning()
    {
        tx.outputs.clear();
        const btc::Script own = *btc::addressToScript(registeredAddress, btc::networkParams(kNetwork));
        tx.outputs.append(btc::TxOut{kDenomination, tamper == Tamper::OwnOutputMissing ? randomScript() : own});
        for (int i = 0; i < 4; ++i)
            tx.outputs.append(btc::TxOut{kDenomination, randomScript()});
        if (tamper == Tamper::ExtraOutput)
            tx.outputs.append(btc::TxOut{kDenomination, randomScript()});
        if (tamper == Tamper::WrongOutputValue)
            tx.outputs[2].value -= 1;
        if (tamper == Tamper::DuplicateOutput)
            tx.outputs[3].scriptPubKey = tx.outputs[2].scriptPubKey;
        btc::sortBip69(tx);
        if (revealInsteadOfSigning || failMixes > 0) {
            failMixes = qMax(0, failMixes - 1);
            proto::MixStatusNotification n;
            n.status = proto::MixStatus::RevealOutput;
            n.mixId = mixId;
            push(proto::type::kRevealOutputMixStatus, n.toJson());
            return;
        }
        proto::SigningMixStatusNotification n;
        n.mixId = mixId;
        n.transaction64 = proto::encodeZ85(tx.serialize(false));
        push(proto::type::kSigningMixStatus, n.toJson());
    }

    // ---- HTTP on the same port
    void sniff(QTcpSocket *s)
    {
        const QByteArray head = s->peek(qMin<qint64>(s->bytesAvailable(), 16384));
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = head.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        const QByteArray method = requestLine.value(0);
        const QByteArray path = requestLine.value(1);
        if (path == proto::endpoint::kWsConnect) {
            s->disconnect(&context);
            ws.handleConnection(s);
            return;
        }
        qsizetype length = 0;
        QString agent;
        for (const QByteArray &line : lines) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
            if (l.toLower().startsWith("user-agent:"))
                agent = QString::fromLatin1(l.mid(11).trimmed());
        }
        if (s->bytesAvailable() < end + 4 + length)
            return;
        s->read(end + 4);
        const QByteArray body = s->read(length);
        restRequests.append(QString::fromLatin1(method + ' ' + path));
        userAgents.append(agent);
        restPeerPorts.append(s->peerPort());
        handleRest(s, method, path, body);
    }

    void reply(QTcpSocket *s, int status, const QByteArray &body)
    {
        s->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Error") +
                 "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\nprotocolVersion: 0.23\r\nConnection: close\r\n\r\n" + body);
        s->disconnectFromHost();
    }

    void handleRest(QTcpSocket *s, const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        if (method == "GET" && path == proto::endpoint::kRestPools) {
            proto::PoolInfo pool;
            pool.poolId = kPoolId;
            pool.denomination = kDenomination;
            pool.mixStatus = QStringLiteral("CONFIRM_INPUT");
            pool.mixId = publishedMixId.value_or(mixId);
            pool.mixKeyFingerprint = publishedFingerprint.value_or(util::toHex(key.fingerprint()));
            proto::PoolInfo other = pool;
            other.poolId = QStringLiteral("0.001btc");
            other.mixId = QStringLiteral("another-pool-mix");
            other.mixKeyFingerprint = util::toHex(crypto::sha256("x"));
            proto::PoolsResponse response;
            response.pools = {other, pool};
            reply(s, 200, proto::toJsonBytes(response.toJson()));
            if (reinviteWithPublishedMix && pool.mixId != mixId) {
                reinviteWithPublishedMix = false;
                mixId = pool.mixId;
                QTimer::singleShot(20, &context, [this] { invite(); });
            }
            return;
        }
        if (method == "POST" && path == proto::endpoint::kRestRegisterOutput) {
            auto r = proto::RegisterOutputRequest::fromJson(body);
            if (!r)
                return reply(s, 500, proto::restErrorBody(QStringLiteral("Invalid request")));
            registerOutputAttempts.append(*r);
            const auto bordereau = proto::decodeZ85(r->bordereau64);
            const auto signature = proto::decodeZ85(r->unblindedSignedBordereau64);
            if (r->inputsHash != inputsHash || !bordereau || bordereau->size() != 30 || !signature ||
                !key.publicKey().verifyPss(*bordereau, *signature))
                return reply(s, 500, proto::restErrorBody(QStringLiteral("Invalid signature")));
            if (failRegisterOutput > 0) {
                --failRegisterOutput;
                return reply(s, 500, proto::restErrorBody(registerOutputError));
            }
            registeredAddress = r->receiveAddress;
            if (holdRegisterOutputReply) {
                startSigning();
                heldRegisterOutputReply = [this, socket = QPointer<QTcpSocket>(s)] {
                    if (socket)
                        reply(socket, 200, {});
                };
                return;
            }
            if (signingBeforeRegisterOutputReply) {
                startSigning();
                reply(s, 200, {});
            } else {
                reply(s, 200, {});
                startSigning();
            }
            return;
        }
        if (method == "GET" && path == proto::endpoint::kRestCluster && !clusterBody.isEmpty())
            return reply(s, 200, clusterBody);
        reply(s, 404, proto::restErrorBody(QStringLiteral("not found")));
    }

    /// The instance dies: it stops listening and drops its WebSocket session.
    void shutdown()
    {
        front.close();
        if (session)
            session->close();
        if (onShutdown)
            onShutdown();
    }

    /// A redirect to this instance's URL (clearnet) for the test pool.
    proto::RedirectResponse redirectHere(qint64 epoch = 1) const
    {
        proto::RedirectResponse r;
        r.poolId = kPoolId;
        r.urlClear = url().toString();
        r.epoch = epoch;
        return r;
    }

    crypto::RsaKeyPair key;
    QObject context;
    QTcpServer front;
    QWebSocketServer ws;
    QPointer<QWebSocket> session;
    int messageId = 0;
};

} // namespace wp::test

Q_DECLARE_METATYPE(wp::test::Tamper)
