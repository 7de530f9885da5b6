#include "hostileclient.h"

#include <mixer/coordinatorrestclient.h>
#include <mixer/mixsession.h>
#include <mixer/stompclient.h>

#include <bitcoin/address.h>
#include <bitcoin/sighash.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/signedmessage.h>
#include <protocol/stompframe.h>
#include <protocol/z85.h>
#include <util/hex.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <array>

namespace wp::test {

namespace {

/// Bordereau length of the classic client.
constexpr int kBordereauLength = 30;

/// The order n of secp256k1, big-endian.
constexpr std::array<quint8, 32> kCurveOrder = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
    0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41};

bool isType(const QString &messageType, const char *fqcn)
{
    return proto::messageTypeShortName(messageType) == proto::messageTypeShortName(QString::fromLatin1(fqcn));
}

/// Runs the event loop until @p done() or @p timeoutMs. Returns: done().
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() >= timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

/// A DER INTEGER body (minimal, positive) for a 32-byte big-endian number.
QByteArray derInteger(QByteArray value)
{
    while (value.size() > 1 && value.at(0) == 0 && !(quint8(value.at(1)) & 0x80))
        value.remove(0, 1);
    if (quint8(value.at(0)) & 0x80)
        value.prepend('\0');
    return value;
}

} // namespace

HostileCoin HostileCoin::fromKey(const btc::OutPoint &outpoint, btc::Amount value, const crypto::PrivKey &key)
{
    HostileCoin coin;
    coin.outpoint = outpoint;
    coin.value = value;
    coin.scriptPubKey = btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(key.pubKey().serialize(true))));
    coin.key = key;
    return coin;
}

QString HostileCoin::blameIdentifier(btc::Amount denomination) const
{
    return value == denomination ? outpoint.toString() : outpoint.txid.toHex();
}

QString hostileStepName(HostileStep step)
{
    static const char *const names[] = {"Idle",     "Connecting", "Registered", "Invited",   "Confirmed",
                                        "RegisterOutput", "RevealOutput", "Signing", "Signed", "Success",
                                        "MixFailed", "Refused",   "Disconnected"};
    return QString::fromLatin1(names[int(step)]);
}

HostileClient::HostileClient(HostileConfig config, HostileCoin coin, HostileBehaviour behaviour, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_coin(std::move(coin)),
      m_behaviour(std::move(behaviour)),
      // Our own "wallet": each hostile input looks like a different user.
      m_userPreHash(util::toHex(crypto::randomBytes(32)))
{
    m_outputRest = new client::CoordinatorRestClient(m_config.coordinatorUrl, {}, this);
    m_outputRest->setTimeout(10000);
}

HostileClient::~HostileClient() = default;

void HostileClient::setStep(HostileStep step)
{
    m_step = step;
    m_history.append(step);
    m_lastStepAtMs = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT stepChanged(step);
    if (m_behaviour.disconnectAt && *m_behaviour.disconnectAt == step) {
        QPointer<client::StompClient> stomp = m_stomp;
        QTimer::singleShot(m_behaviour.disconnectDelayMs, this, [this, stomp] {
            if (stomp && stomp == m_stomp)
                disconnectNow();
        });
    }
}

void HostileClient::start()
{
    if (m_stomp) {
        m_stomp->disconnect(this);
        m_stomp->disconnectFromServer();
        m_stomp->deleteLater();
    }
    if (m_outputRest->baseUrl() != m_config.coordinatorUrl) {
        m_outputRest->deleteLater();
        m_outputRest = new client::CoordinatorRestClient(m_config.coordinatorUrl, {}, this);
        m_outputRest->setTimeout(10000);
    }
    m_attemptStart = int(m_history.size());
    m_inviteMixId.clear();
    m_mixId.clear();
    m_registeredAddress.clear();
    m_lastError.reset();
    m_stomp = new client::StompClient(this);
    m_stomp->setHeartbeat(5000, 5000);
    connect(m_stomp, &client::StompClient::connected, this, &HostileClient::onConnected);
    connect(m_stomp, &client::StompClient::messageReceived, this, &HostileClient::onMessage);
    connect(m_stomp, &client::StompClient::disconnected, this, &HostileClient::onDisconnected);
    setStep(HostileStep::Connecting);
    m_stomp->connectToServer(client::MixSession::webSocketUrl(m_config.coordinatorUrl));
}

void HostileClient::disconnectNow()
{
    if (m_stomp)
        m_stomp->disconnectFromServer();
}

void HostileClient::onConnected()
{
    m_stomp->subscribe(proto::endpoint::kPrivateReply, {{proto::header::kPoolId, m_config.poolId.toUtf8()}});
}

void HostileClient::onDisconnected()
{
    if (m_step != HostileStep::Success && m_step != HostileStep::MixFailed && m_step != HostileStep::Refused &&
        m_step != HostileStep::Disconnected)
        setStep(HostileStep::Disconnected);
}

void HostileClient::onMessage(const QString &type, const proto::StompFrame &frame)
{
    using namespace proto;
    const QByteArray &body = frame.body();
    if (isType(type, type::kSubscribePoolResponse)) {
        if (m_step != HostileStep::Connecting)
            return;
        RegisterInputRequest request;
        request.poolId = m_config.poolId;
        request.utxoHash = m_coin.outpoint.txid.toHex();
        request.utxoIndex = m_coin.outpoint.index;
        request.signature = crypto::signMessage(*m_coin.key, m_config.poolId.toUtf8());
        request.liquidity = m_coin.value == m_config.denomination;
        request.blockHeight = m_config.blockHeight;
        m_stomp->send(endpoint::kWsRegisterInput, toJsonBytes(request.toJson()));
        setStep(HostileStep::Registered);
    } else if (isType(type, type::kConfirmInputMixStatus)) {
        if (auto n = ConfirmInputMixStatusNotification::fromJson(body))
            onInvitation(*n);
    } else if (isType(type, type::kConfirmInputResponse)) {
        if (auto r = ConfirmInputResponse::fromJson(body))
            onConfirmed(*r);
    } else if (isType(type, type::kRegisterOutputMixStatus)) {
        if (auto n = RegisterOutputMixStatusNotification::fromJson(body))
            onRegisterOutput(*n);
    } else if (isType(type, type::kRevealOutputMixStatus)) {
        if (auto n = MixStatusNotification::fromJson(body))
            onRevealOutput(n->mixId);
    } else if (isType(type, type::kSigningMixStatus)) {
        if (auto n = SigningMixStatusNotification::fromJson(body))
            onSigning(*n);
    } else if (isType(type, type::kSuccessMixStatus)) {
        if (auto n = MixStatusNotification::fromJson(body))
            onEnd(HostileStep::Success, n->mixId);
    } else if (isType(type, type::kFailMixStatus)) {
        if (auto n = MixStatusNotification::fromJson(body))
            onEnd(HostileStep::MixFailed, n->mixId);
    } else if (isType(type, type::kRedirectResponse)) {
        // The instance does not run the pool (any more): register on the owner.
        if (auto r = RedirectResponse::fromJson(body); r && !r->urlClear.isEmpty()) {
            m_config.coordinatorUrl = QUrl(r->urlClear);
            const int delay = int(qBound(qint64(0), r->retryAfterMs, qint64(5000)));
            QTimer::singleShot(delay, this, [this] { start(); });
        } else if (r) {
            QTimer::singleShot(int(qBound(qint64(200), r->retryAfterMs, qint64(5000))), this, [this] { start(); });
        }
    } else if (isType(type, type::kErrorResponse)) {
        if (auto e = ErrorResponse::fromJson(body)) {
            m_lastError = *e;
            setStep(HostileStep::Refused);
            disconnectNow();
        }
    }
}

void HostileClient::onInvitation(const proto::ConfirmInputMixStatusNotification &n)
{
    if (!m_mixId.isEmpty())
        return; // already in a mix
    m_inviteMixId = n.mixId;
    const auto der = proto::decodeZ85(n.publicKey64);
    m_mixKey = der ? crypto::RsaPublicKey::fromDer(*der) : std::nullopt;
    setStep(HostileStep::Invited);
    if (!m_behaviour.confirm || !m_mixKey)
        return;
    auto blinded = crypto::blind(*m_mixKey, crypto::randomBytes(kBordereauLength));
    if (!blinded)
        return;
    m_blinding = *blinded;
    proto::ConfirmInputRequest request;
    request.mixId = n.mixId;
    request.blindedBordereau64 = proto::encodeZ85(m_blinding->blinded());
    request.userHash = util::toHex(crypto::sha256((n.mixId + m_userPreHash).toUtf8()));
    m_stomp->send(proto::endpoint::kWsConfirmInput, proto::toJsonBytes(request.toJson()));
}

void HostileClient::onConfirmed(const proto::ConfirmInputResponse &r)
{
    if (!m_mixId.isEmpty() || r.mixId != m_inviteMixId || !m_blinding || !m_mixKey)
        return;
    const auto blindSignature = proto::decodeZ85(r.signedBordereau64);
    if (!blindSignature)
        return;
    auto unblinded = crypto::unblind(*m_mixKey, *m_blinding, *blindSignature);
    if (!unblinded)
        return;
    m_tokens.append({r.mixId, QString(), m_blinding->message(), *unblinded});
    m_mixId = r.mixId;
    setStep(HostileStep::Confirmed);
}

void HostileClient::onRegisterOutput(const proto::RegisterOutputMixStatusNotification &n)
{
    if (m_mixId.isEmpty() || n.mixId != m_mixId)
        return;
    for (BlindToken &t : m_tokens)
        if (t.mixId == n.mixId)
            t.inputsHash = n.inputsHash;
    setStep(HostileStep::RegisterOutput);
    if (m_behaviour.onRegisterOutput)
        m_behaviour.onRegisterOutput(n.inputsHash);
    if (!m_behaviour.registerOutput || m_mixId != n.mixId)
        return;
    const QString address = m_behaviour.outputAddress.isEmpty() ? freshAddress(m_config.network) : m_behaviour.outputAddress;
    const QString mixId = n.mixId;
    registerOutput(m_tokens.last(), address, n.inputsHash, [this, address, mixId](Result<void> r) {
        if (r && m_mixId == mixId)
            m_registeredAddress = address;
    });
}

void HostileClient::onRevealOutput(const QString &mixId)
{
    if (m_mixId.isEmpty() || mixId != m_mixId)
        return;
    setStep(HostileStep::RevealOutput);
    if (!m_behaviour.reveal)
        return;
    const QString address = m_behaviour.revealAddress.isEmpty() ? m_registeredAddress : m_behaviour.revealAddress;
    if (!address.isEmpty())
        reveal(address);
}

void HostileClient::onSigning(const proto::SigningMixStatusNotification &n)
{
    if (m_mixId.isEmpty() || n.mixId != m_mixId)
        return;
    const auto raw = proto::decodeZ85(n.transaction64);
    auto tx = raw ? btc::Transaction::deserialize(*raw) : Result<btc::Transaction>(fail(QStringLiteral("bad Z85")));
    if (!tx)
        return;
    qsizetype index = -1;
    for (qsizetype i = 0; i < tx->inputs.size(); ++i)
        if (tx->inputs[i].prevout == m_coin.outpoint)
            index = i;
    setStep(HostileStep::Signing);
    if (index < 0 || m_behaviour.sign == SignMode::Never)
        return;
    const QList<QByteArray> witness = witnessFor(*tx, index);
    if (m_behaviour.beforeSendingSignature)
        m_behaviour.beforeSendingSignature();
    if (!m_stomp || m_stomp->state() != client::StompClient::State::Connected || m_mixId != n.mixId)
        return;
    proto::SigningRequest request;
    request.mixId = n.mixId;
    for (const QByteArray &item : witness)
        request.witnesses64.append(proto::encodeZ85(item));
    m_stomp->send(proto::endpoint::kWsSigning, proto::toJsonBytes(request.toJson()));
    setStep(HostileStep::Signed);
}

QList<QByteArray> HostileClient::witnessFor(const btc::Transaction &tx, qsizetype index) const
{
    const std::uint32_t hashType = m_behaviour.sign == SignMode::SighashType ? m_behaviour.sighashType : btc::kSighashAll;
    const btc::Script scriptCode = btc::Script::scriptCodeP2wpkh(*m_coin.scriptPubKey.p2wpkhProgram());
    const QByteArray digest = m_behaviour.sign == SignMode::BadSignature
                                  ? crypto::sha256(QByteArrayLiteral("not the mix transaction"))
                                  : btc::sighashWitnessV0(tx, index, scriptCode, m_coin.value, hashType).bytes();
    QByteArray signature = m_coin.key->signDer(digest);
    if (m_behaviour.sign == SignMode::HighS)
        signature = flipS(signature).value_or(signature);
    signature.append(char(quint8(hashType)));
    QList<QByteArray> witness{signature, m_coin.key->pubKey().serialize(true)};
    if (m_behaviour.sign == SignMode::ExtraWitness)
        witness.append(QByteArray(1, '\x01'));
    return witness;
}

void HostileClient::onEnd(HostileStep end, const QString &mixId)
{
    const bool ours = (!m_mixId.isEmpty() && mixId == m_mixId) || (m_mixId.isEmpty() && mixId == m_inviteMixId);
    if (!ours)
        return;
    if (end == HostileStep::MixFailed)
        m_failedMixIds.append(mixId);
    setStep(end);
    disconnectNow();
    if (end == HostileStep::MixFailed && m_behaviour.rejoinAfterFailMs >= 0)
        QTimer::singleShot(m_behaviour.rejoinAfterFailMs, this, [this] {
            if (m_step == HostileStep::MixFailed)
                start();
        });
}

void HostileClient::registerOutput(const BlindToken &token, const QString &address, const QString &inputsHash,
                                   std::function<void(Result<void>)> done)
{
    proto::RegisterOutputRequest request;
    request.inputsHash = inputsHash.isEmpty() ? token.inputsHash : inputsHash;
    request.unblindedSignedBordereau64 = proto::encodeZ85(token.unblindedSignature);
    request.receiveAddress = address;
    request.bordereau64 = proto::encodeZ85(token.bordereau);
    m_outputRest->registerOutput(request, this, std::move(done));
}

Result<void> HostileClient::registerOutputAndWait(const BlindToken &token, const QString &address,
                                                  const QString &inputsHash, int timeoutMs)
{
    std::optional<Result<void>> out;
    registerOutput(token, address, inputsHash, [&out](Result<void> r) { out.emplace(std::move(r)); });
    if (!spinUntil([&out] { return out.has_value(); }, timeoutMs))
        return fail(QStringLiteral("no answer to registerOutput"));
    return *out;
}

bool HostileClient::reveal(const QString &address)
{
    if (!m_stomp || m_stomp->state() != client::StompClient::State::Connected)
        return false;
    proto::RevealOutputRequest request;
    request.mixId = m_mixId;
    request.receiveAddress = address;
    return m_stomp->send(proto::endpoint::kWsRevealOutput, proto::toJsonBytes(request.toJson()));
}

bool HostileClient::waitForStep(HostileStep step, int timeoutMs)
{
    return spinUntil([this, step] { return m_history.indexOf(step, m_attemptStart) >= 0; }, timeoutMs);
}

bool HostileClient::waitForEnd(int timeoutMs)
{
    return spinUntil([this] {
        return m_step == HostileStep::Success || m_step == HostileStep::MixFailed || m_step == HostileStep::Refused ||
               m_step == HostileStep::Disconnected;
    }, timeoutMs);
}

Result<btc::Txid> HostileClient::doubleSpend(BcoinNode &node, const QString &minerAddress)
{
    const auto to = btc::addressToScript(freshAddress(m_config.network), btc::networkParams(m_config.network));
    btc::Transaction tx;
    tx.inputs.append(btc::TxIn{m_coin.outpoint, {}, btc::kSequenceFinal, {}});
    tx.outputs.append(btc::TxOut{m_coin.value - 2000, *to});
    if (auto s = btc::signP2wpkhInput(tx, 0, m_coin.value, *m_coin.key); !s)
        return s.error();
    auto sent = node.rpc(QStringLiteral("sendrawtransaction"), {QString::fromLatin1(tx.serialize().toHex())});
    if (!sent)
        return fail(QStringLiteral("double spend refused: %1").arg(sent.error().message));
    if (!node.waitForMempool(tx.txid().toHex()))
        return fail(QStringLiteral("double spend not in the mempool"));
    if (auto mined = node.generateToAddress(1, minerAddress); !mined)
        return fail(QStringLiteral("cannot mine the double spend: %1").arg(mined.error().message));
    return tx.txid();
}

QString HostileClient::freshAddress(btc::Network network)
{
    const crypto::PrivKey key = crypto::PrivKey::generate();
    const btc::Script script = btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(key.pubKey().serialize(true))));
    return *btc::scriptToAddress(script, btc::networkParams(network));
}

std::optional<QByteArray> HostileClient::flipS(const QByteArray &der)
{
    // 0x30 len 0x02 rlen r 0x02 slen s
    if (der.size() < 8 || quint8(der[0]) != 0x30 || quint8(der[1]) != der.size() - 2 || der[2] != 0x02)
        return std::nullopt;
    const int rlen = quint8(der[3]);
    if (4 + rlen + 2 > der.size() || der[4 + rlen] != 0x02)
        return std::nullopt;
    const int slen = quint8(der[5 + rlen]);
    if (6 + rlen + slen != der.size() || slen > 33)
        return std::nullopt;
    const QByteArray r = der.mid(4, rlen);
    QByteArray s = der.mid(6 + rlen, slen);
    while (s.size() > 32 && s.at(0) == 0)
        s.remove(0, 1);
    if (s.size() > 32)
        return std::nullopt;
    s.prepend(QByteArray(32 - s.size(), '\0'));
    QByteArray flipped(32, '\0');
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        int d = int(kCurveOrder[size_t(i)]) - int(quint8(s[i])) - borrow;
        borrow = d < 0 ? 1 : 0;
        flipped[i] = char(quint8(d + (borrow ? 256 : 0)));
    }
    const QByteArray rInt = derInteger(r);
    const QByteArray sInt = derInteger(flipped);
    QByteArray out;
    out.append('\x30');
    out.append(char(4 + rInt.size() + sInt.size()));
    out.append('\x02');
    out.append(char(rInt.size()));
    out.append(rInt);
    out.append('\x02');
    out.append(char(sInt.size()));
    out.append(sInt);
    return out;
}

} // namespace wp::test
