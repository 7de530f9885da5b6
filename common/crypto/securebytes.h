#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <vector>

namespace wp::crypto {

/// Owning byte buffer for secrets (private keys, seeds, blinding factors):
/// wiped with OPENSSL_cleanse when destroyed or reassigned. Not implicitly
/// shared, so a secret has one owner and copies are explicit.
class SecureBytes {
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size) : m_data(size, 0) {}
    explicit SecureBytes(QByteArrayView bytes)
        : m_data(reinterpret_cast<const unsigned char *>(bytes.data()),
                 reinterpret_cast<const unsigned char *>(bytes.data()) + bytes.size()) {}
    SecureBytes(const SecureBytes &other) : m_data(other.m_data) {}
    SecureBytes(SecureBytes &&other) noexcept : m_data(std::move(other.m_data)) {}
    SecureBytes &operator=(const SecureBytes &other);
    SecureBytes &operator=(SecureBytes &&other) noexcept;
    ~SecureBytes();

    unsigned char *data() { return m_data.data(); }
    const unsigned char *data() const { return m_data.data(); }
    std::size_t size() const { return m_data.size(); }
    bool empty() const { return m_data.empty(); }
    QByteArrayView view() const { return QByteArrayView(m_data.data(), qsizetype(m_data.size())); }
    /// Copy into a QByteArray (not wiped on destruction: use only where an API needs it).
    QByteArray toByteArray() const { return view().toByteArray(); }

    friend bool operator==(const SecureBytes &a, const SecureBytes &b);

private:
    void wipe();
    std::vector<unsigned char> m_data;
};

} // namespace wp::crypto
