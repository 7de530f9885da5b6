#include <pool/mixkeyprefetcher.h>

#include <util/async.h>

#include <utility>

namespace wp::server {

MixKeyPrefetcher::MixKeyPrefetcher(QObject *parent, Generator generator)
    : QObject(parent), m_generator(generator ? std::move(generator) : [] { return crypto::RsaKeyPair::generate(); })
{
    generate();
}

std::shared_ptr<const crypto::RsaKeyPair> MixKeyPrefetcher::take()
{
    auto key = std::exchange(m_key, nullptr);
    generate();
    return key;
}

void MixKeyPrefetcher::generate()
{
    if (m_key || m_generating)
        return;
    m_generating = true;
    util::runInThreadPool<std::shared_ptr<const crypto::RsaKeyPair>>(
        this, [generator = m_generator] { return std::make_shared<const crypto::RsaKeyPair>(generator()); },
        [this](std::shared_ptr<const crypto::RsaKeyPair> key) {
            m_generating = false;
            m_key = std::move(key);
            Q_EMIT keyReady();
        });
}

} // namespace wp::server
