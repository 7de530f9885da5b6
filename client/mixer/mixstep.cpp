#include <mixer/mixstep.h>

#include <QCoreApplication>

namespace wp::client {

// The messages are translated where they are shown, in the mixing engine's
// context (MixOrchestrator, CoinTableModel); QT_TRANSLATE_NOOP lets lupdate find them.
MixStepInfo mixStepInfo(MixStep step)
{
    switch (step) {
    case MixStep::Connecting: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "connecting..."), 10, true};
    case MixStep::Connected: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "connected"), 20, true};
    case MixStep::RegisteredInput: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "registered input"), 30, true};
    case MixStep::ConfirmingInput: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "waiting for a mix..."), 40, true};
    // Joined: it holds a blind signature, so leaving now gets the input blamed.
    case MixStep::ConfirmedInput: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "joined a mix!"), 50, false};
    case MixStep::RegisteringOutput: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "registering output"), 60, false};
    case MixStep::RegisteredOutput: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "registered output"), 70, false};
    case MixStep::RevealedOutput: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "round aborted"), 100, true};
    case MixStep::Signing: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "signing"), 80, false};
    case MixStep::Signed: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "signed"), 90, false};
    case MixStep::Success: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "mix success"), 100, true};
    case MixStep::Fail: return {QT_TRANSLATE_NOOP("wp::client::MixOrchestrator", "mix failed"), 100, true};
    }
    return {"", 0, true};
}

QString mixStepName(MixStep step)
{
    switch (step) {
    case MixStep::Connecting: return QStringLiteral("CONNECTING");
    case MixStep::Connected: return QStringLiteral("CONNECTED");
    case MixStep::RegisteredInput: return QStringLiteral("REGISTERED_INPUT");
    case MixStep::ConfirmingInput: return QStringLiteral("CONFIRMING_INPUT");
    case MixStep::ConfirmedInput: return QStringLiteral("CONFIRMED_INPUT");
    case MixStep::RegisteringOutput: return QStringLiteral("REGISTERING_OUTPUT");
    case MixStep::RegisteredOutput: return QStringLiteral("REGISTERED_OUTPUT");
    case MixStep::RevealedOutput: return QStringLiteral("REVEALED_OUTPUT");
    case MixStep::Signing: return QStringLiteral("SIGNING");
    case MixStep::Signed: return QStringLiteral("SIGNED");
    case MixStep::Success: return QStringLiteral("SUCCESS");
    case MixStep::Fail: return QStringLiteral("FAIL");
    }
    return {};
}

QString mixFailReasonMessage(MixFailReason reason)
{
    switch (reason) {
    case MixFailReason::ProtocolMismatch: return QStringLiteral("Protocol mismatch (check for updates!)");
    case MixFailReason::MixFailed: return QStringLiteral("Mix failed");
    case MixFailReason::Disconnected: return QStringLiteral("Disconnected");
    case MixFailReason::InputRejected: return QStringLiteral("Input rejected");
    case MixFailReason::InternalError: return QStringLiteral("Internal error");
    case MixFailReason::Cancel: return QStringLiteral("Cancelled");
    case MixFailReason::Stop: return QStringLiteral("Stopped");
    case MixFailReason::KeyMismatch: return QStringLiteral("Coordinator used a different mix key for this coin (possible tagging attack)");
    case MixFailReason::PoolMismatch: return QStringLiteral("Pool does not match this coin");
    case MixFailReason::InvalidTransaction: return QStringLiteral("Mix transaction refused (failed verification)");
    }
    return {};
}

QString mixFailReasonName(MixFailReason reason)
{
    switch (reason) {
    case MixFailReason::ProtocolMismatch: return QStringLiteral("PROTOCOL_MISMATCH");
    case MixFailReason::MixFailed: return QStringLiteral("MIX_FAILED");
    case MixFailReason::Disconnected: return QStringLiteral("DISCONNECTED");
    case MixFailReason::InputRejected: return QStringLiteral("INPUT_REJECTED");
    case MixFailReason::InternalError: return QStringLiteral("INTERNAL_ERROR");
    case MixFailReason::Cancel: return QStringLiteral("CANCEL");
    case MixFailReason::Stop: return QStringLiteral("STOP");
    case MixFailReason::KeyMismatch: return QStringLiteral("KEY_MISMATCH");
    case MixFailReason::PoolMismatch: return QStringLiteral("POOL_MISMATCH");
    case MixFailReason::InvalidTransaction: return QStringLiteral("INVALID_TRANSACTION");
    }
    return {};
}

} // namespace wp::client
