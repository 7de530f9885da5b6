#include <pool/poolnotifier.h>

#include <protocol/messages.h>
#include <protocol/z85.h>
#include <util/assert.h>

namespace wp::server {

void PoolNotifier::invite(const QString &sessionId, const QString &mixId, const crypto::RsaKeyPair &key)
{
    const proto::ConfirmInputMixStatusNotification n{mixId, proto::encodeZ85(key.publicKeyDer())};
    m_messenger.sendToSession(sessionId, proto::type::kConfirmInputMixStatus, n.toJson());
}

void PoolNotifier::confirmed(const QString &sessionId, const QString &mixId, const QByteArray &blindSignature)
{
    const proto::ConfirmInputResponse response{mixId, proto::encodeZ85(blindSignature)};
    m_messenger.sendToSession(sessionId, proto::type::kConfirmInputResponse, response.toJson());
}

void PoolNotifier::registerOutputStarted(const mix::Mix &mix)
{
    toInputs(mix, proto::type::kRegisterOutputMixStatus,
             proto::RegisterOutputMixStatusNotification{mix.mixId(), mix.inputsHash()}.toJson());
}

void PoolNotifier::revealOutputStarted(const mix::Mix &mix)
{
    toInputs(mix, proto::type::kRevealOutputMixStatus,
             proto::MixStatusNotification{proto::MixStatus::RevealOutput, mix.mixId()}.toJson());
}

void PoolNotifier::signingStarted(const mix::Mix &mix)
{
    toInputs(mix, proto::type::kSigningMixStatus,
             proto::SigningMixStatusNotification{mix.mixId(), proto::encodeZ85(mix.transaction().serialize(false))}
                 .toJson());
}

void PoolNotifier::mixEnded(const mix::Mix &mix)
{
    WP_ASSERT(mix.isOver());
    if (mix.phase() == mix::MixPhase::Success)
        toInputs(mix, proto::type::kSuccessMixStatus,
                 proto::MixStatusNotification{proto::MixStatus::Success, mix.mixId()}.toJson());
    else
        toInputs(mix, proto::type::kFailMixStatus,
                 proto::MixStatusNotification{proto::MixStatus::Fail, mix.mixId()}.toJson());
}

void PoolNotifier::error(const QString &sessionId, int code, const QString &message)
{
    m_messenger.sendToSession(sessionId, proto::type::kErrorResponse, proto::ErrorResponse{code, message}.toJson());
}

void PoolNotifier::toInputs(const mix::Mix &mix, const char *messageType, const QJsonObject &body)
{
    for (const mix::MixInput &i : mix.inputs())
        m_messenger.sendToSession(i.input.sessionId, messageType, body);
}

} // namespace wp::server
