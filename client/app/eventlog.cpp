#include "eventlog.h"

namespace wp::client {

namespace {

constexpr qsizetype kRecentRawKept = 64;

} // namespace

void EventLog::append(const AppEvent &event)
{
    m_events.append(event);
    if (m_events.size() > m_capacity)
        m_events.remove(0, m_events.size() - m_capacity);
}

void EventLog::noteClusterMessage(const QString &rawMessage, qint64 nowMs)
{
    m_recentRaw.append({nowMs, rawMessage});
    if (m_recentRaw.size() > kRecentRawKept)
        m_recentRaw.remove(0, m_recentRaw.size() - kRecentRawKept);
}

bool EventLog::repeatsClusterEvent(const QString &noteText, qint64 nowMs, qint64 windowMs) const
{
    const qsizetype sep = noteText.indexOf(QStringLiteral(": "));
    if (sep < 0)
        return false;
    const QStringView body = QStringView(noteText).mid(sep + 2);
    for (auto it = m_recentRaw.crbegin(); it != m_recentRaw.crend(); ++it) {
        if (nowMs - it->first > windowMs)
            break;
        if (body == it->second)
            return true;
    }
    return false;
}

void EventLog::clear()
{
    m_events.clear();
    m_recentRaw.clear();
}

} // namespace wp::client
