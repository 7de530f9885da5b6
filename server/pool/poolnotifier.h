#pragma once

#include <mix/mix.h>
#include <mix/sessionmessenger.h>

#include <QByteArray>
#include <QString>

namespace wp::server {

/// Every message a pool sends to its clients, over mix::SessionMessenger: the
/// invitation to confirm, the blind signature, the phase notifications to a mix's
/// inputs, and errors. It builds the classic messages and decides nothing.
///
/// Thread affinity: the messenger's (the event loop). Not thread-safe.
class PoolNotifier {
public:
    /// @p messenger must outlive this object.
    explicit PoolNotifier(mix::SessionMessenger &messenger) : m_messenger(messenger) {}

    /// CONFIRM_INPUT to one invited input: the mix id and the mix's public key.
    void invite(const QString &sessionId, const QString &mixId, const crypto::RsaKeyPair &key);
    /// ConfirmInputResponse: the blind signature of the session's bordereau.
    void confirmed(const QString &sessionId, const QString &mixId, const QByteArray &blindSignature);
    /// REGISTER_OUTPUT to the inputs of @p mix, with its inputs hash.
    void registerOutputStarted(const mix::Mix &mix);
    /// REVEAL_OUTPUT to the inputs of @p mix.
    void revealOutputStarted(const mix::Mix &mix);
    /// SIGNING to the inputs of @p mix, with its unsigned transaction.
    void signingStarted(const mix::Mix &mix);
    /// SUCCESS or FAIL (by the phase of @p mix, which is over) to its inputs.
    void mixEnded(const mix::Mix &mix);
    /// An ErrorResponse with @p code (proto::error) to one session.
    void error(const QString &sessionId, int code, const QString &message);

private:
    void toInputs(const mix::Mix &mix, const char *messageType, const QJsonObject &body);

    mix::SessionMessenger &m_messenger;
};

} // namespace wp::server
