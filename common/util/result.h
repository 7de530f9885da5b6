#pragma once

#include <QString>

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include <util/assert.h>

namespace wp {

/// Why an operation on untrusted input failed: a machine-readable code and a
/// one-line, human-readable message. The code space is owned by the caller
/// (protocol error codes, MySQL errno, ...); 0 means "unspecified".
struct Error {
    int code = 0;
    QString message;

    Error() = default;
    explicit Error(QString msg) : message(std::move(msg)) {}
    Error(int c, QString msg) : code(c), message(std::move(msg)) {}
};

/// Value or Error, shaped like C++23 std::expected (which Debian 12's
/// toolchain lacks). Accessing the wrong alternative is a bug (WP_ASSERT).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(const T &value) : m_v(std::in_place_index<0>, value) {}
    Result(T &&value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return m_v.index() == 0; }
    explicit operator bool() const { return has_value(); }

    const T &value() const & { WP_ASSERT(has_value()); return std::get<0>(m_v); }
    T &value() & { WP_ASSERT(has_value()); return std::get<0>(m_v); }
    T &&value() && { WP_ASSERT(has_value()); return std::get<0>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { WP_ASSERT(!has_value()); return std::get<1>(m_v); }

    template <typename U>
    T value_or(U &&fallback) const & { return has_value() ? value() : T(std::forward<U>(fallback)); }

private:
    std::variant<T, Error> m_v;
};

/// Success or Error, for operations without a value.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool has_value() const { return !m_error.has_value(); }
    explicit operator bool() const { return has_value(); }
    const Error &error() const { WP_ASSERT(!has_value()); return *m_error; }

private:
    std::optional<Error> m_error;
};

/// Convenience for `return wp::fail(601, "Invalid signature");`.
inline Error fail(int code, QString message) { return Error(code, std::move(message)); }
inline Error fail(QString message) { return Error(std::move(message)); }

} // namespace wp
