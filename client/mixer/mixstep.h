#pragma once

#include <QMetaType>
#include <QString>

namespace wp::client {

/// Where one UTXO's mix stands (classic MixStep, protocol reference §8.5).
/// Order of declaration is not the order of progress: REVEALED_OUTPUT ends a round.
enum class MixStep {
    Connecting,
    Connected,
    RegisteredInput,
    ConfirmingInput,
    ConfirmedInput,
    RegisteringOutput,
    RegisteredOutput,
    RevealedOutput,
    Signing,
    Signed,
    Success,
    Fail,
};

/// What the user sees for a step.
struct MixStepInfo {
    const char *message;  ///< untranslated, as the classic client shows it ("waiting for a mix...")
    int progress;         ///< percent, 10..100
    bool interruptable;   ///< false while stopping would get the input blamed
};

/// The message, progress and interruptability of @p step (exactly the classic values). Never fails.
MixStepInfo mixStepInfo(MixStep step);
/// The classic enum name ("CONFIRMING_INPUT"), for logs and plugin hosts. Never fails.
QString mixStepName(MixStep step);

/// Why a mix attempt ended without success (classic MixFailReason plus our additions).
enum class MixFailReason {
    ProtocolMismatch,   ///< the coordinator speaks another protocol version (update needed)
    MixFailed,          ///< the round failed (another peer, a timeout, or output registration gave up)
    Disconnected,       ///< the connection was lost or could not be made
    InputRejected,      ///< the coordinator refused the input (ErrorResponse: banned, unconfirmed, ...)
    InternalError,      ///< the wallet could not sign or give an address, or a local failure
    Cancel,             ///< the caller cancelled (not an error to show)
    Stop,               ///< the caller stopped mixing
    KeyMismatch,        ///< key tagging: the invited mix key differs from the published one (DESIGN §3)
    PoolMismatch,       ///< the pool's network, denomination or fees do not match this coin
    InvalidTransaction, ///< the mix transaction failed verification, so it was not signed
};

/// A short user-facing description ("Input rejected"). Never fails.
QString mixFailReasonMessage(MixFailReason reason);
/// The enum name ("INPUT_REJECTED"). Never fails.
QString mixFailReasonName(MixFailReason reason);

} // namespace wp::client

Q_DECLARE_METATYPE(wp::client::MixStep)
Q_DECLARE_METATYPE(wp::client::MixFailReason)
