#pragma once

#include <QtGlobal>

#include <functional>

namespace wp::server {

/// Whether a pool runs on this instance, under which lease epoch, and when a planned
/// drain is complete. Pure state: no I/O, no timers, no event loop. PoolService asks
/// it what to do and tells it what happened.
///
///     Stopped --start()--> Running --beginDrain()--> Draining --finishDrain()--> Stopped
///     any state --stop()--> Stopped
///
/// A drain's completion (the callback given to beginDrain()) is held back until every
/// mix record started in the epoch is stored (recordStarted() / recordStored()): the
/// lease is released only after the last mix of its epoch is written, so that the next
/// owner's history follows ours. stop() ends a drain without calling its callback.
///
/// Thread affinity: none (plain object); used from one thread. Callbacks run
/// synchronously, inside the call that completes the drain.
class PoolLifecycle {
public:
    enum class State { Stopped, Running, Draining };

    State state() const { return m_state; }
    /// Running or Draining: the pool still acts as the owner.
    bool isRunning() const { return m_state != State::Stopped; }
    bool isDraining() const { return m_state == State::Draining; }
    /// The lease epoch of the last start() (0 for a lone instance).
    qint64 epoch() const { return m_epoch; }

    /// Runs under lease @p epoch. A drain completion still held back for records is kept.
    void start(qint64 epoch);

    enum class DrainStart {
        Started,         ///< Running -> Draining: the service discards or finishes its mix, then finishDrain()
        AlreadyDraining, ///< @p drained is dropped: the first caller is told
        NotRunning,      ///< @p drained was called at once
    };
    /// Begins a planned hand-over. @p drained must not be empty (WP_ASSERT).
    DrainStart beginDrain(std::function<void()> drained);
    /// The draining pool has nothing left to run: Draining -> Stopped. The drain's
    /// callback runs now when no mix record is in flight, else once the last is stored.
    /// Not draining: nothing happens.
    void finishDrain();
    /// -> Stopped, whatever the state; the drain's callback, also one held back for
    /// records, is forgotten (the lease is gone: nothing is left to release).
    /// Returns whether the pool was running (Running or Draining).
    bool stop();

    /// A mix record of this epoch was handed to the store.
    void recordStarted() { ++m_recordsInFlight; }
    /// The store answered a record (stored or not). The last one releases a drain's completion held back.
    void recordStored();
    int recordsInFlight() const { return m_recordsInFlight; }
    /// A finished drain waits for its records before its callback runs.
    bool isReleaseHeld() const { return bool(m_afterRecords); }

private:
    State m_state = State::Stopped;
    qint64 m_epoch = 0;
    std::function<void()> m_onDrained;    ///< set while Draining
    std::function<void()> m_afterRecords; ///< a finished drain's callback, held back for records
    int m_recordsInFlight = 0;
};

} // namespace wp::server
