#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>
#include <utility>

namespace wp::client {

/// Delivers callbacks that may be invoked on any thread (a hardware-wallet
/// signer, a plugin host) to one QObject's thread, and drops them once that
/// object is gone. The owner calls close() in its destructor.
///
/// This is a small leaf utility with a mutex: a callback holds the lock only
/// while it posts a queued call, and close() takes it once, so the owner can
/// never be destroyed between the liveness check and the post. Posted calls
/// that have not run yet are discarded by Qt when the owner is deleted.
class AsyncGate {
public:
    explicit AsyncGate(QObject *owner) : m_state(std::make_shared<State>()) { m_state->owner = owner; }
    ~AsyncGate() { close(); }
    AsyncGate(const AsyncGate &) = delete;
    AsyncGate &operator=(const AsyncGate &) = delete;

    /// Stops delivering: callbacks invoked after this return do nothing.
    void close()
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->owner = nullptr;
    }

    /// Wraps @p fn so that calling the result from any thread runs @p fn later
    /// on the owner's thread (always queued, even from that thread, so a
    /// synchronous answer never re-enters the caller), if the owner still exists.
    template <typename Arg>
    std::function<void(Arg)> wrap(std::function<void(Arg)> fn) const
    {
        return [state = m_state, fn = std::move(fn)](Arg arg) {
            QMutexLocker lock(&state->mutex);
            if (!state->owner)
                return;
            QMetaObject::invokeMethod(
                state->owner, [fn, arg = std::move(arg)]() mutable { fn(std::move(arg)); }, Qt::QueuedConnection);
        };
    }

private:
    struct State {
        QMutex mutex;
        QObject *owner = nullptr;
    };
    std::shared_ptr<State> m_state;
};

} // namespace wp::client
