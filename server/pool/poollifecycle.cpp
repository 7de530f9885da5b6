#include <pool/poollifecycle.h>

#include <util/assert.h>

#include <utility>

namespace wp::server {

void PoolLifecycle::start(qint64 epoch)
{
    m_epoch = epoch;
    m_state = State::Running;
}

PoolLifecycle::DrainStart PoolLifecycle::beginDrain(std::function<void()> drained)
{
    WP_ASSERT(drained);
    switch (m_state) {
    case State::Stopped:
        drained();
        return DrainStart::NotRunning;
    case State::Draining:
        return DrainStart::AlreadyDraining;
    case State::Running:
        break;
    }
    m_state = State::Draining;
    m_onDrained = std::move(drained);
    return DrainStart::Started;
}

void PoolLifecycle::finishDrain()
{
    if (m_state != State::Draining)
        return;
    m_state = State::Stopped;
    auto drained = std::exchange(m_onDrained, nullptr);
    if (m_recordsInFlight > 0)
        m_afterRecords = std::move(drained); // released once the last mix record is stored
    else
        drained();
}

bool PoolLifecycle::stop()
{
    m_onDrained = nullptr;
    m_afterRecords = nullptr;
    const bool wasRunning = isRunning();
    m_state = State::Stopped;
    return wasRunning;
}

void PoolLifecycle::recordStored()
{
    WP_ASSERT(m_recordsInFlight > 0);
    if (--m_recordsInFlight == 0)
        if (auto release = std::exchange(m_afterRecords, nullptr))
            release();
}

} // namespace wp::server
