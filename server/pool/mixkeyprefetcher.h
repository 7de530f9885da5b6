#pragma once

#include <crypto/rsablind.h>

#include <QObject>

#include <functional>
#include <memory>

namespace wp::server {

/// Keeps one fresh RSA-2048 mix key ready, so that a mix starts without waiting for
/// key generation (tens to hundreds of milliseconds, never on the event loop). Every
/// mix gets a key of its own: take() hands the ready key out once and at once starts
/// generating the next.
///
/// Thread affinity: the thread that creates it (the event loop). Keys are generated
/// on the global QThreadPool and delivered back to this object's thread; a key still
/// being generated when the object is destroyed is dropped. Not thread-safe.
class MixKeyPrefetcher : public QObject {
    Q_OBJECT
public:
    using Generator = std::function<crypto::RsaKeyPair()>;

    /// Starts generating the first key at once. @p generator runs in the thread pool
    /// (default: crypto::RsaKeyPair::generate(), 2048 bits).
    explicit MixKeyPrefetcher(QObject *parent = nullptr, Generator generator = {});

    bool hasKey() const { return bool(m_key); }
    bool isGenerating() const { return m_generating; }
    /// The ready key, or null when none is ready yet (then keyReady() follows). Either
    /// way the next key is being generated when this returns.
    std::shared_ptr<const crypto::RsaKeyPair> take();

Q_SIGNALS:
    /// A key is ready for take().
    void keyReady();

private:
    void generate();

    Generator m_generator;
    std::shared_ptr<const crypto::RsaKeyPair> m_key;
    bool m_generating = false;
};

} // namespace wp::server
