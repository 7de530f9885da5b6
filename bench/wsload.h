#pragma once

// A cheap WebSocket + STOMP load generator for bench_scale: thousands of client
// connections on one thread, raw non-blocking sockets under epoll, frames written by
// hand (masked with the zero key, which RFC 6455 allows). It exists so that the
// benchmark measures what the SERVER can hold: a QWebSocket per client would cost the
// load process about as much CPU and memory as the server spends.
//
// A "subscribed STOMP client" here does what the classic Whirlpool client does on
// /ws/connect: WebSocket upgrade offering v12/v11/v10.stomp, CONNECT (accept-version
// 1.2), CONNECTED, SUBSCRIBE /private/reply with the poolId header, and the server's
// SubscribePoolResponse MESSAGE. It offers heart-beat 0,0 so that idle clients need no
// timers; the server then pings at the WebSocket level, which the client answers.

#include <QList>
#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wp::bench {

/// What happened to connections, counted since the last resetCounters().
struct LoadCounters {
    qint64 opened = 0;       ///< TCP connects started
    qint64 subscribed = 0;   ///< subscriptions answered (SubscribePoolResponse, or any reply in echo mode)
    qint64 resets = 0;       ///< ECONNRESET / EPIPE on a live connection
    qint64 refused = 0;      ///< connect() failed (ECONNREFUSED, ETIMEDOUT, ...)
    qint64 eofs = 0;         ///< orderly close by the peer without a WebSocket close frame
    qint64 httpRejected = 0; ///< handshake answered with something other than 101 (503 at the cap)
    qint64 wsClosed = 0;     ///< WebSocket close frame from the server
    qint64 stompErrors = 0;  ///< STOMP ERROR frames
    qint64 redirects = 0;    ///< RedirectResponse answers to a SUBSCRIBE (pool not owned here yet)
    qint64 previousTargetLost = 0; ///< connections to an earlier target that ended (any way)
    /// Everything that went wrong on connections to the current target.
    qint64 failures() const { return resets + refused + eofs + httpRejected + wsClosed + stompErrors; }
};

/// Round trips of one request phase.
struct RequestStats {
    qint64 sent = 0;
    qint64 replies = 0;     ///< replies counted in the measured window
    double seconds = 0;     ///< length of the measured window
    qint64 skipped = 0;     ///< open loop: a request was due but every connection had one in flight
    QList<double> rttMs;    ///< round trips completed in the measured window
    double rate() const { return seconds > 0 ? double(replies) / seconds : 0; }
};

/// The load generator. Not thread-safe: one thread drives it through runUntil()
/// and the request phases, which run its epoll loop until they return.
class WsLoad {
public:
    enum class Mode {
        Stomp, ///< a coordinator: CONNECTED, SubscribePoolResponse, RedirectResponse are told apart
        Echo   ///< a bare echo server: any message completes the step waited for
    };

    /// @p poolId goes into SUBSCRIBE; at most @p maxInFlight connections are between
    /// connect() and CONNECTED at any time (the clients' own pacing of new connections).
    WsLoad(Mode mode, QString poolId, int maxInFlight);
    ~WsLoad();
    WsLoad(const WsLoad &) = delete;
    WsLoad &operator=(const WsLoad &) = delete;

    /// Where new connections (and reconnections) go: 127.0.0.1:@p port.
    void setTarget(quint16 port) { m_port = port; }
    /// When set, a connection the server loses is reopened at once to the current
    /// target (a client whose instance died goes to the next one).
    void setReconnect(bool reconnect) { m_reconnect = reconnect; }
    /// Queues @p count new clients; they connect and subscribe while the loop runs.
    void open(int count);
    /// Closes clients so that only the first @p keep remain (the others are gone, not reopened).
    void trimTo(int keep);
    /// Closes every client.
    void closeAll();

    /// Runs the event loop until @p done returns true or @p timeoutMs passes.
    /// Returns: whether @p done became true.
    bool runUntil(const std::function<bool()> &done, int timeoutMs);

    /// Clients subscribed now (on any port).
    int subscribed() const { return m_subscribedNow; }
    /// Clients subscribed now on @p port.
    int subscribedOn(quint16 port) const;
    /// Clients that exist (open, connecting or queued).
    int clients() const { return int(m_conns.size()); }
    const LoadCounters &counters() const { return m_counters; }
    void resetCounters() { m_counters = {}; }

    /// Open loop: @p ratePerSecond requests spread round-robin over the subscribed
    /// clients (a client with one in flight is skipped) for @p warmupMs, then measured
    /// for @p durationMs. The request is a re-subscription to the pool (see bench_scale.cpp).
    RequestStats openLoop(double ratePerSecond, int warmupMs, int durationMs);
    /// Closed loop: @p senders clients each keep one request in flight, each sending at
    /// most 20 requests/s (the server closes a session above 50 frames/s; a request is 2).
    RequestStats closedLoop(int senders, int warmupMs, int durationMs);

private:
    enum class State { Queued, Connecting, Handshake, AwaitConnected, Subscribing, RetryWait, Subscribed, Gone };
    struct Conn {
        int fd = -1;
        State state = State::Queued;
        quint16 port = 0;
        bool writeArmed = false;
        bool inFlight = false;
        int subId = 0;
        qint64 sentNs = 0;
        qint64 retryAtNs = 0;
        std::string in;
        std::string out;
        std::string partial;
    };
    struct Measure {
        bool active = false;
        bool counting = false;
        bool closedLoop = false;
        RequestStats stats;
    };

    static qint64 nowNs();
    void pump(int waitMs);
    void startQueued();
    void startConnect(int index);
    void onEvent(int index, std::uint32_t events);
    void onReadable(int index);
    void onWritable(int index);
    bool parseFrames(int index);
    void onMessage(int index, const std::string &message);
    void onSubscribeReply(int index);
    void sendRaw(int index, const std::string &bytes);
    void sendMessage(int index, const std::string &payload);
    void sendSubscribe(int index, bool resubscribe);
    void sendRequest(int index);
    void lose(int index, qint64 LoadCounters::*counter);
    void closeFd(Conn &c);
    void setSubscribed(Conn &c, bool subscribed);

    Mode m_mode;
    std::string m_poolId;
    int m_maxInFlight;
    int m_epoll = -1;
    quint16 m_port = 0;
    bool m_reconnect = false;
    int m_inFlight = 0;
    int m_subscribedNow = 0;
    qint64 m_requestsInFlight = 0;
    std::vector<Conn> m_conns;
    std::vector<int> m_queue;  ///< indexes waiting to connect (FIFO, consumed from m_queueHead)
    size_t m_queueHead = 0;
    std::vector<int> m_retries; ///< indexes in RetryWait
    std::vector<int> m_paced;   ///< closed loop: indexes waiting for their next request slot
    LoadCounters m_counters;
    Measure m_measure;
};

} // namespace wp::bench
