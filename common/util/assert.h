#pragma once

#include <QtGlobal>

/// Always-on precondition check, as in Bitcoin Core: a failure is a bug in
/// the caller, never a way to report bad input. Untrusted input returns
/// wp::Result / std::optional instead.
#define WP_ASSERT(cond)                                                                    \
    do {                                                                                   \
        if (Q_UNLIKELY(!(cond)))                                                           \
            qFatal("Assertion failed: %s (%s:%d, %s)", #cond, __FILE__, __LINE__, Q_FUNC_INFO); \
    } while (false)
