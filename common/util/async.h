#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace wp::util {

/// Runs @p work on the global QThreadPool and calls @p done with its result on
/// @p context's thread, unless @p context was destroyed meanwhile (Fulcrum's
/// submitWork). For CPU-heavy work (RSA, many signatures) that must not stall
/// an event loop. @p work must not touch objects of other threads.
template <typename T>
void runInThreadPool(QObject *context, std::function<T()> work, std::function<void(T)> done)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start([guard, work = std::move(work), done = std::move(done)]() mutable {
        auto result = std::make_shared<T>(work());
        if (!guard)
            return;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, result, done = std::move(done)]() mutable {
                if (guard)
                    done(std::move(*result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace wp::util
