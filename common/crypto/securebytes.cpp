#include <crypto/securebytes.h>

#include <openssl/crypto.h>

namespace wp::crypto {

SecureBytes &SecureBytes::operator=(const SecureBytes &other)
{
    if (this != &other) {
        wipe();
        m_data = other.m_data;
    }
    return *this;
}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_data = std::move(other.m_data);
    }
    return *this;
}

SecureBytes::~SecureBytes() { wipe(); }

void SecureBytes::wipe()
{
    if (!m_data.empty())
        OPENSSL_cleanse(m_data.data(), m_data.size());
}

bool operator==(const SecureBytes &a, const SecureBytes &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace wp::crypto
