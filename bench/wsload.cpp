#include "wsload.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wp::bench {

namespace {

constexpr int kMaxEvents = 1024;
constexpr qint64 kDefaultRetryMs = 1000;
/// Closed loop: a client sends at most one request per 50 ms (20/s = 40 frames/s), under
/// the server's per-session limit of 50 frames/s that would otherwise close it.
constexpr qint64 kMinRequestGapNs = 50'000'000;

/// A client text frame: FIN + opcode 1 (or @p opcode), masked with the zero key.
std::string clientFrame(const std::string &payload, unsigned char opcode = 0x1)
{
    std::string f;
    f.reserve(payload.size() + 14);
    f.push_back(char(0x80 | opcode));
    const size_t n = payload.size();
    if (n < 126) {
        f.push_back(char(0x80 | n));
    } else if (n < 65536) {
        f.push_back(char(0x80 | 126));
        f.push_back(char(n >> 8));
        f.push_back(char(n & 0xff));
    } else {
        f.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            f.push_back(char((quint64(n) >> shift) & 0xff));
    }
    f.append(4, '\0'); // masking key 0: payload bytes stay as they are
    f.append(payload);
    return f;
}

std::string stompFrame(const char *command, std::initializer_list<std::pair<const char *, std::string>> headers)
{
    std::string f(command);
    f.push_back('\n');
    for (const auto &[name, value] : headers) {
        f.append(name);
        f.push_back(':');
        f.append(value);
        f.push_back('\n');
    }
    f.push_back('\n');
    f.push_back('\0');
    return f;
}

bool startsWith(const std::string &s, const char *prefix)
{
    return s.compare(0, std::strlen(prefix), prefix) == 0;
}

} // namespace

WsLoad::WsLoad(Mode mode, QString poolId, int maxInFlight)
    : m_mode(mode), m_poolId(poolId.toStdString()), m_maxInFlight(std::max(1, maxInFlight)),
      m_epoll(::epoll_create1(EPOLL_CLOEXEC))
{
}

WsLoad::~WsLoad()
{
    closeAll();
    if (m_epoll >= 0)
        ::close(m_epoll);
}

qint64 WsLoad::nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

void WsLoad::open(int count)
{
    for (int i = 0; i < count; ++i) {
        m_conns.push_back(Conn{});
        m_queue.push_back(int(m_conns.size()) - 1);
    }
}

void WsLoad::closeFd(Conn &c)
{
    if (c.fd >= 0) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
    }
    if (c.state == State::Connecting || c.state == State::Handshake || c.state == State::AwaitConnected)
        --m_inFlight;
    setSubscribed(c, false);
    c.in.clear();
    c.out.clear();
    c.partial.clear();
    if (c.inFlight)
        --m_requestsInFlight;
    c.inFlight = false;
    c.writeArmed = false;
}

void WsLoad::setSubscribed(Conn &c, bool subscribed)
{
    if (subscribed && c.state != State::Subscribed) {
        ++m_subscribedNow;
        c.state = State::Subscribed;
    } else if (!subscribed && c.state == State::Subscribed) {
        --m_subscribedNow;
        c.state = State::Gone;
    }
}

void WsLoad::trimTo(int keep)
{
    while (int(m_conns.size()) > keep) {
        closeFd(m_conns.back());
        m_conns.pop_back();
    }
    // Forget queued and waiting indexes that no longer exist.
    std::vector<int> queue;
    for (size_t i = m_queueHead; i < m_queue.size(); ++i)
        if (m_queue[i] < keep)
            queue.push_back(m_queue[i]);
    m_queue = std::move(queue);
    m_queueHead = 0;
    std::erase_if(m_retries, [keep](int i) { return i >= keep; });
    std::erase_if(m_paced, [keep](int i) { return i >= keep; });
}

void WsLoad::closeAll()
{
    trimTo(0);
}

int WsLoad::subscribedOn(quint16 port) const
{
    int n = 0;
    for (const Conn &c : m_conns)
        n += c.state == State::Subscribed && c.port == port;
    return n;
}

void WsLoad::startQueued()
{
    const size_t end = m_queue.size(); // reconnections queued meanwhile wait for the next pass
    while (m_inFlight < m_maxInFlight && m_queueHead < end)
        startConnect(m_queue[m_queueHead++]);
    if (m_queueHead == m_queue.size()) {
        m_queue.clear();
        m_queueHead = 0;
    }
}

void WsLoad::startConnect(int index)
{
    Conn &c = m_conns[size_t(index)];
    c.port = m_port;
    c.subId = 0;
    ++m_counters.opened;
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        c.state = State::Gone;
        ++m_counters.refused;
        return;
    }
    const int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c.state = State::Connecting;
    ++m_inFlight;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = std::uint32_t(index);
    c.writeArmed = true;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
    if (::connect(c.fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0 && errno != EINPROGRESS)
        lose(index, &LoadCounters::refused);
}

bool WsLoad::runUntil(const std::function<bool()> &done, int timeoutMs)
{
    const qint64 deadline = nowNs() + qint64(timeoutMs) * 1000000;
    while (!done()) {
        if (nowNs() > deadline)
            return false;
        pump(5);
    }
    return true;
}

void WsLoad::pump(int waitMs)
{
    startQueued();
    epoll_event events[kMaxEvents];
    const int n = ::epoll_wait(m_epoll, events, kMaxEvents, waitMs);
    for (int i = 0; i < n; ++i)
        onEvent(int(events[i].data.u32), events[i].events);
    if (!m_retries.empty()) {
        const qint64 now = nowNs();
        std::vector<int> due;
        std::erase_if(m_retries, [&](int index) {
            if (m_conns[size_t(index)].state != State::RetryWait)
                return true;
            if (m_conns[size_t(index)].retryAtNs > now)
                return false;
            due.push_back(index);
            return true;
        });
        for (int index : due)
            sendSubscribe(index, true);
    }
    if (!m_paced.empty()) {
        const qint64 now = nowNs();
        std::vector<int> due;
        std::erase_if(m_paced, [&](int index) {
            const Conn &c = m_conns[size_t(index)];
            if (c.state != State::Subscribed || !m_measure.active)
                return true;
            if (c.retryAtNs > now)
                return false;
            due.push_back(index);
            return true;
        });
        for (int index : due)
            sendRequest(index);
    }
}

void WsLoad::onEvent(int index, std::uint32_t events)
{
    if (index >= int(m_conns.size()) || m_conns[size_t(index)].fd < 0)
        return;
    Conn &c = m_conns[size_t(index)];
    if (c.state == State::Connecting) {
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0)
            return lose(index, &LoadCounters::refused);
        c.state = State::Handshake;
        sendRaw(index, "GET /ws/connect HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(c.port) +
                           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                           "Sec-WebSocket-Protocol: v12.stomp, v11.stomp, v10.stomp\r\n\r\n");
        return;
    }
    if (events & EPOLLOUT)
        onWritable(index);
    if (m_conns[size_t(index)].fd >= 0 && (events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        onReadable(index);
}

void WsLoad::onWritable(int index)
{
    Conn &c = m_conns[size_t(index)];
    while (!c.out.empty()) {
        const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            return lose(index, &LoadCounters::resets);
        }
        c.out.erase(0, size_t(n));
    }
    if (c.writeArmed) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = std::uint32_t(index);
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
        c.writeArmed = false;
    }
}

void WsLoad::sendRaw(int index, const std::string &bytes)
{
    Conn &c = m_conns[size_t(index)];
    if (c.fd < 0)
        return;
    c.out.append(bytes);
    if (!c.writeArmed)
        onWritable(index);
    Conn &after = m_conns[size_t(index)];
    if (after.fd >= 0 && !after.out.empty() && !after.writeArmed) {
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.u32 = std::uint32_t(index);
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, after.fd, &ev);
        after.writeArmed = true;
    }
}

void WsLoad::sendMessage(int index, const std::string &payload)
{
    sendRaw(index, clientFrame(payload));
}

void WsLoad::onReadable(int index)
{
    char buffer[16384];
    for (;;) {
        Conn &c = m_conns[size_t(index)];
        const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            c.in.append(buffer, size_t(n));
            if (size_t(n) < sizeof buffer)
                break;
            continue;
        }
        if (n == 0)
            return lose(index, &LoadCounters::eofs);
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        return lose(index, errno == ECONNRESET || errno == EPIPE ? &LoadCounters::resets : &LoadCounters::refused);
    }
    Conn &c = m_conns[size_t(index)];
    if (c.state == State::Handshake) {
        const size_t end = c.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return;
        if (!startsWith(c.in, "HTTP/1.1 101"))
            return lose(index, &LoadCounters::httpRejected);
        c.in.erase(0, end + 4);
        c.state = State::AwaitConnected;
        sendMessage(index, stompFrame("CONNECT", {{"accept-version", "1.2"}, {"host", "127.0.0.1"}, {"heart-beat", "0,0"}}));
    }
    parseFrames(index);
}

bool WsLoad::parseFrames(int index)
{
    for (;;) {
        Conn &c = m_conns[size_t(index)];
        if (c.fd < 0)
            return false;
        const std::string &in = c.in;
        if (in.size() < 2)
            return true;
        const auto b0 = static_cast<unsigned char>(in[0]);
        const auto b1 = static_cast<unsigned char>(in[1]);
        size_t header = 2;
        quint64 length = b1 & 0x7f;
        if (length == 126) {
            if (in.size() < 4)
                return true;
            length = (quint64(static_cast<unsigned char>(in[2])) << 8) | static_cast<unsigned char>(in[3]);
            header = 4;
        } else if (length == 127) {
            if (in.size() < 10)
                return true;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | static_cast<unsigned char>(in[size_t(2 + i)]);
            header = 10;
        }
        if (b1 & 0x80)
            header += 4; // servers do not mask; tolerate it anyway (payload left masked: unused)
        if (in.size() < header + length)
            return true;
        std::string payload = in.substr(header, size_t(length));
        c.in.erase(0, header + size_t(length));
        const unsigned opcode = b0 & 0x0f;
        const bool fin = b0 & 0x80;
        if (opcode == 0x8) { // close
            lose(index, &LoadCounters::wsClosed);
            return false;
        }
        if (opcode == 0x9) { // ping: answer with the same payload
            sendRaw(index, clientFrame(payload, 0xA));
            continue;
        }
        if (opcode == 0xA)
            continue;
        if (opcode == 0x0) {
            c.partial.append(payload);
            if (!fin)
                continue;
            payload = std::move(c.partial);
            c.partial.clear();
        } else if (!fin) {
            c.partial = std::move(payload);
            continue;
        }
        onMessage(index, payload);
    }
}

void WsLoad::onMessage(int index, const std::string &message)
{
    Conn &c = m_conns[size_t(index)];
    const bool echo = m_mode == Mode::Echo;
    if (!echo && startsWith(message, "ERROR")) {
        ++m_counters.stompErrors;
        return; // the server closes the connection next
    }
    switch (c.state) {
    case State::AwaitConnected:
        if (echo || startsWith(message, "CONNECTED")) {
            --m_inFlight;
            sendSubscribe(index, false);
        }
        return;
    case State::Subscribing:
    case State::Subscribed:
        break;
    default:
        return;
    }
    if (echo || message.find("SubscribePoolResponse") != std::string::npos) {
        onSubscribeReply(index);
        return;
    }
    if (c.state == State::Subscribing && message.find("RedirectResponse") != std::string::npos) {
        // The pool is not served here (yet): a real client follows urlClear; the only other
        // instance of this benchmark is dead, so retry here after retryAfterMs.
        ++m_counters.redirects;
        qint64 retryMs = kDefaultRetryMs;
        const size_t at = message.find("\"retryAfterMs\":");
        if (at != std::string::npos)
            retryMs = std::max<qint64>(100, std::atoll(message.c_str() + at + 15));
        c.state = State::RetryWait;
        c.retryAtNs = nowNs() + retryMs * 1000000;
        m_retries.push_back(index);
    }
}

void WsLoad::onSubscribeReply(int index)
{
    Conn &c = m_conns[size_t(index)];
    if (c.state == State::Subscribing) {
        setSubscribed(c, true);
        ++m_counters.subscribed;
        return;
    }
    if (!c.inFlight)
        return;
    c.inFlight = false;
    --m_requestsInFlight;
    if (m_measure.counting) {
        ++m_measure.stats.replies;
        m_measure.stats.rttMs.append(double(nowNs() - c.sentNs) / 1e6);
    }
    if (m_measure.active && m_measure.closedLoop) {
        const qint64 due = c.sentNs + kMinRequestGapNs;
        if (nowNs() >= due) {
            sendRequest(index);
        } else {
            c.retryAtNs = due;
            m_paced.push_back(index);
        }
    }
}

void WsLoad::sendSubscribe(int index, bool resubscribe)
{
    Conn &c = m_conns[size_t(index)];
    std::string payload;
    if (resubscribe && c.subId > 0)
        payload = stompFrame("UNSUBSCRIBE", {{"id", "sub-" + std::to_string(c.subId)}});
    ++c.subId;
    payload += stompFrame("SUBSCRIBE", {{"id", "sub-" + std::to_string(c.subId)},
                                        {"destination", "/private/reply"},
                                        {"poolId", m_poolId}});
    c.state = State::Subscribing;
    sendMessage(index, payload);
}

void WsLoad::sendRequest(int index)
{
    Conn &c = m_conns[size_t(index)];
    std::string payload = stompFrame("UNSUBSCRIBE", {{"id", "sub-" + std::to_string(c.subId)}});
    ++c.subId;
    payload += stompFrame("SUBSCRIBE", {{"id", "sub-" + std::to_string(c.subId)},
                                        {"destination", "/private/reply"},
                                        {"poolId", m_poolId}});
    c.inFlight = true;
    ++m_requestsInFlight;
    c.sentNs = nowNs();
    ++m_measure.stats.sent;
    sendMessage(index, payload);
}

void WsLoad::lose(int index, qint64 LoadCounters::*counter)
{
    Conn &c = m_conns[size_t(index)];
    // A connection to an earlier target (the instance that was killed) is expected to go.
    ++(m_counters.*(c.port == m_port ? counter : &LoadCounters::previousTargetLost));
    closeFd(c);
    c.state = State::Gone;
    if (m_reconnect) {
        c.state = State::Queued;
        m_queue.push_back(index);
    }
}

RequestStats WsLoad::openLoop(double ratePerSecond, int warmupMs, int durationMs)
{
    std::vector<int> ready;
    for (size_t i = 0; i < m_conns.size(); ++i)
        if (m_conns[i].state == State::Subscribed)
            ready.push_back(int(i));
    m_measure = Measure{};
    if (ready.empty())
        return {};
    m_measure.active = true;
    const qint64 start = nowNs();
    const qint64 countFrom = start + qint64(warmupMs) * 1000000;
    const qint64 end = countFrom + qint64(durationMs) * 1000000;
    qint64 due = 0;
    size_t next = 0;
    for (qint64 now = nowNs(); now < end; now = nowNs()) {
        if (!m_measure.counting && now >= countFrom)
            m_measure.counting = true;
        const qint64 shouldHaveSent = qint64(double(now - start) * ratePerSecond / 1e9);
        while (due < shouldHaveSent) {
            if (m_requestsInFlight >= qint64(ready.size())) { // every client waits for a reply
                if (m_measure.counting)
                    m_measure.stats.skipped += shouldHaveSent - due;
                due = shouldHaveSent;
                break;
            }
            ++due;
            bool sent = false;
            for (size_t tries = 0; tries < ready.size() && !sent; ++tries) {
                const int index = ready[next];
                next = (next + 1) % ready.size();
                if (m_conns[size_t(index)].state == State::Subscribed && !m_conns[size_t(index)].inFlight) {
                    sendRequest(index);
                    sent = true;
                }
            }
            if (!sent && m_measure.counting)
                ++m_measure.stats.skipped;
        }
        pump(1);
    }
    m_measure.stats.seconds = double(durationMs) / 1000.0;
    m_measure.active = false;
    m_measure.counting = false;
    RequestStats stats = m_measure.stats;
    // Let the replies still on their way arrive, uncounted, so the next phase starts clean.
    runUntil([this] { return m_requestsInFlight == 0; }, 3000);
    return stats;
}

RequestStats WsLoad::closedLoop(int senders, int warmupMs, int durationMs)
{
    m_measure = Measure{};
    m_measure.active = true;
    m_measure.closedLoop = true;
    int started = 0;
    for (size_t i = 0; i < m_conns.size() && started < senders; ++i) {
        if (m_conns[i].state == State::Subscribed) {
            sendRequest(int(i));
            ++started;
        }
    }
    const qint64 countFrom = nowNs() + qint64(warmupMs) * 1000000;
    const qint64 end = countFrom + qint64(durationMs) * 1000000;
    for (qint64 now = nowNs(); now < end; now = nowNs()) {
        if (!m_measure.counting && now >= countFrom)
            m_measure.counting = true;
        pump(1);
    }
    m_measure.stats.seconds = double(durationMs) / 1000.0;
    m_measure.active = false;
    m_measure.counting = false;
    m_paced.clear();
    RequestStats stats = m_measure.stats;
    runUntil([this] { return m_requestsInFlight == 0; }, 3000);
    return stats;
}

} // namespace wp::bench
