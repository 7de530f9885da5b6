// What the benchmarks share: percentiles of measured samples, and an event-driven wait.
#pragma once

#include <QEventLoop>
#include <QList>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace wp::bench {

/// The @p p quantile (0..1) of @p values, nearest rank; 0 for no value.
inline double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values[index];
}

/// Runs the event loop until @p condition holds, checking it every @p pollMs. Unlike
/// QTest::qWaitFor (which sleeps 10 ms between rounds of events), socket events are
/// handled as they come, so that clients in the benchmark's process add no latency.
/// Returns: false after @p timeoutMs.
inline bool waitFor(const std::function<bool()> &condition, int timeoutMs, int pollMs)
{
    if (condition())
        return true;
    QEventLoop loop;
    QTimer poll;
    QTimer deadline;
    deadline.setSingleShot(true);
    bool checking = false; // a condition that runs a nested event loop is not re-entered
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (checking)
            return;
        checking = true;
        if (condition())
            loop.quit();
        checking = false;
    });
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(pollMs);
    deadline.start(timeoutMs);
    loop.exec();
    return condition();
}

} // namespace wp::bench
