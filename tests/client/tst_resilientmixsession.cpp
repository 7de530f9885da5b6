// ResilientMixSession: one coin mixed across a fake coordinator cluster of
// scripted in-process instances (tests/client/fakecoordinator.h): redirects to
// the owner, the owner dying mid-mix, foreign redirects, loops, hop limits,
// retry-after, MIX_FAILED re-registration, non-retryable failures, giving up,
// stop, and fresh network identities per attempt. The real coordinator
// cluster is tested elsewhere.
#include <mixer/resilientmixsession.h>

#include "fakecoordinator.h"
#include "socks5relay.h"

#include <bitcoin/address.h>
#include <crypto/hash.h>
#include <protocol/clustermanifest.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace wp;
using namespace wp::client;
using namespace wp::test;

namespace {

constexpr int kTimeoutMs = 20000;

QList<DirectoryEvent> eventsOf(const QSignalSpy &spy)
{
    QList<DirectoryEvent> out;
    for (const QList<QVariant> &args : spy)
        out.append(args[0].value<DirectoryEvent>());
    return out;
}

QList<DirectoryEvent::Kind> kindsOf(const QSignalSpy &spy)
{
    QList<DirectoryEvent::Kind> out;
    for (const DirectoryEvent &e : eventsOf(spy))
        out.append(e.kind);
    return out;
}

QList<MixStep> stepsOf(const QSignalSpy &spy)
{
    QList<MixStep> out;
    for (const QList<QVariant> &args : spy)
        out.append(args[0].value<MixStep>());
    return out;
}

QUrl normalized(const QUrl &url) { return *proto::parseInstanceUrl(url.toString(), false); }

/// Everything a ResilientMixSession emits, recorded.
struct Spies {
    explicit Spies(ResilientMixSession *s)
        : steps(s, &ResilientMixSession::stepChanged),
          failed(s, &ResilientMixSession::failed),
          succeeded(s, &ResilientMixSession::succeeded),
          redirected(s, &ResilientMixSession::redirected),
          coordinatorChanged(s, &ResilientMixSession::coordinatorChanged),
          events(s, &ResilientMixSession::event),
          retrying(s, &ResilientMixSession::retrying)
    {
    }
    int finished() const { return int(failed.size() + succeeded.size()); }
    QString failure() const { return failed.isEmpty() ? QString() : failed[0][1].toString(); }
    QSignalSpy steps, failed, succeeded, redirected, coordinatorChanged, events, retrying;
};

} // namespace

class TestResilientMixSession : public QObject {
    Q_OBJECT

    std::optional<crypto::RsaKeyPair> m_mixKey;
    crypto::PrivKey m_operator = crypto::PrivKey::generate();
    QString m_operatorAddress;
    std::shared_ptr<TestWallet> m_wallet;
    MixUtxo m_coin;
    std::vector<std::unique_ptr<FakeCoordinator>> m_instances;
    qint64 m_now = 0;
    int m_height = 840'000; ///< the "wallet's chain tip" every mixConfig() reads

    /// @p count running instances, all told about the coin.
    QList<FakeCoordinator *> cluster(int count)
    {
        QList<FakeCoordinator *> out;
        for (int i = 0; i < count; ++i) {
            m_instances.push_back(std::make_unique<FakeCoordinator>(*m_mixKey));
            FakeCoordinator *f = m_instances.back().get();
            [&] { QVERIFY(f->listen()); }();
            f->client = m_coin;
            out.append(f);
        }
        return out;
    }

    DirectoryConfig directoryConfig(const QList<FakeCoordinator *> &bootstrap) const
    {
        DirectoryConfig c;
        c.network = kNetwork;
        c.operatorAddress = m_operatorAddress;
        for (qsizetype i = 0; i < bootstrap.size(); ++i)
            c.bootstrap.append(proto::ClusterInstance{QString(QChar(char16_t(u'a' + i))), QString(QChar(char16_t(u'A' + i))),
                                                      bootstrap[i]->url().toString(), {}});
        c.backoffMinMs = 20;
        c.backoffMaxMs = 60;
        c.minRefreshIntervalMs = 0;
        return c;
    }

    std::unique_ptr<CoordinatorDirectory> directory(const DirectoryConfig &c)
    {
        auto d = std::make_unique<CoordinatorDirectory>(c);
        d->setClock([this] { return m_now; });
        return d;
    }

    MixConfig mixConfig() const
    {
        MixConfig c;
        c.poolId = kPoolId;
        c.denomination = kDenomination;
        c.network = kNetwork;
        c.blockHeight = [this] { return m_height; };
        c.connectTimeoutMs = 5000;
        c.registerOutputRetryMs = 10;
        return c;
    }

    std::unique_ptr<ResilientMixSession> session(CoordinatorDirectory &d, ResilienceConfig r = {})
    {
        r.mixRetryPauseMs = qMin(r.mixRetryPauseMs, 50);
        return std::make_unique<ResilientMixSession>(mixConfig(), m_coin, m_wallet, &d, r);
    }

    /// Start on @p first: every other instance is marked failed now, and the
    /// marks expire right after start() (so later choices are free again).
    void startOn(ResilientMixSession &s, CoordinatorDirectory &d, FakeCoordinator *first)
    {
        for (const CoordinatorEndpoint &e : d.knownInstances())
            if (e.url != normalized(first->url()))
                d.noteFailure(e.url, QStringLiteral("test: start elsewhere"));
        s.start();
        m_now += d.config().failureMemoryMs;
    }

    static std::function<std::optional<proto::RedirectResponse>()> redirectTo(FakeCoordinator *target, qint64 epoch = 1)
    {
        return [target, epoch] { return std::optional(target->redirectHere(epoch)); };
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<MixStep>();
        qRegisterMetaType<MixFailReason>();
        qRegisterMetaType<DirectoryEvent>();
        QLoggingCategory::setFilterRules(QStringLiteral("wp.client.*.info=false"));
        m_mixKey = crypto::RsaKeyPair::generate(2048);
        const auto hash = btc::Hash160::fromBytes(crypto::hash160(m_operator.pubKey().serialize(true)));
        m_operatorAddress = *btc::scriptToAddress(btc::Script::p2wpkh(*hash), btc::networkParams(kNetwork));
    }

    void init()
    {
        m_now = QDateTime::currentMSecsSinceEpoch();
        m_wallet = std::make_shared<TestWallet>();
        m_coin = m_wallet->utxo(kDenomination + 5'000);
        m_height = 840'000;
    }

    void cleanup()
    {
        m_instances.clear();
        QThreadPool::globalInstance()->waitForDone();
    }

    void redirectFollowedToOwner()
    {
        const auto nodes = cluster(3);
        FakeCoordinator *a = nodes[0], *b = nodes[1], *c = nodes[2];
        a->redirector = redirectTo(b, 4);
        c->redirector = redirectTo(b, 4);
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        auto other = session(*d); // shares the directory, never started
        Spies spies(s.get());
        QSignalSpy otherEvents(other.get(), &ResilientMixSession::event);
        startOn(*s, *d, a);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(spies.succeeded[0][0].toString().size(), 64);

        QCOMPARE(a->wsSessions, 1);
        QVERIFY(a->registerInputs.isEmpty());
        QCOMPARE(b->registerInputs.size(), 1);
        QCOMPARE(b->signings.size(), 1);
        QCOMPARE(c->tcpConnections, 0);
        QCOMPARE(spies.redirected.size(), 1);
        QCOMPARE(spies.redirected[0][0].value<proto::RedirectResponse>().epoch, qint64(4));
        QCOMPARE(spies.coordinatorChanged.size(), 2); // A, then B
        QCOMPARE(spies.coordinatorChanged[1][0].toString(), QStringLiteral("B"));
        QCOMPARE(spies.coordinatorChanged[1][1].toUrl(), normalized(b->url()));
        QCOMPARE(s->coordinator()->name, QStringLiteral("B"));
        QCOMPARE(kindsOf(spies.events), (QList<DirectoryEvent::Kind>{DirectoryEvent::Kind::Connected,
                                                                      DirectoryEvent::Kind::Redirected,
                                                                      DirectoryEvent::Kind::Connected}));
        for (const DirectoryEvent &e : eventsOf(spies.events))
            QCOMPARE(e.origin, s->id());
        QVERIFY(otherEvents.isEmpty());
        QVERIFY(spies.retrying.isEmpty());
        QVERIFY(!stepsOf(spies.steps).contains(MixStep::Fail));
        QCOMPARE(stepsOf(spies.steps).last(), MixStep::Success);
        QVERIFY(s->isFinished());
    }

    /// The others still name an owner that just failed (its lease has not expired):
    /// one back-off first, then it is followed when named again.
    void redirectToAJustFailedOwnerWaitsOnce()
    {
        const auto nodes = cluster(2);
        FakeCoordinator *a = nodes[0], *b = nodes[1];
        a->redirector = redirectTo(b, 5);
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, a);
        d->noteFailure(normalized(b->url()), QStringLiteral("test: the owner just died"));
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(a->wsSessions, 2);         // redirected twice by A
        QCOMPARE(spies.retrying.size(), 1); // one back-off instead of dialling B at once
        QCOMPARE(b->registerInputs.size(), 1);
    }

    /// The owner is a new instance only the signed manifest knows: the session
    /// refreshes the manifest, then follows.
    void redirectToManifestMember()
    {
        const auto nodes = cluster(2);
        FakeCoordinator *a = nodes[0], *owner = nodes[1];
        a->redirector = redirectTo(owner);
        proto::ClusterManifest m;
        m.cluster = QStringLiteral("test");
        m.network = QStringLiteral("regtest");
        m.issuedAtMs = m_now - 1000;
        m.expiresAtMs = m_now + 3'600'000;
        m.instances = {{QStringLiteral("a"), QStringLiteral("Alpha"), a->url().toString(), {}},
                       {QStringLiteral("o"), QStringLiteral("Owner"), owner->url().toString(), {}}};
        a->clusterBody = proto::toJsonBytes(proto::signManifest(m, m_operator, m_operatorAddress));
        auto d = directory(directoryConfig({a}));
        QSignalSpy allEvents(d.get(), &CoordinatorDirectory::event);
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(owner->registerInputs.size(), 1);
        QVERIFY(a->restRequests.contains(QStringLiteral("GET /rest/cluster")));
        QVERIFY(kindsOf(allEvents).contains(DirectoryEvent::Kind::ManifestUpdated));
        QVERIFY(!kindsOf(spies.events).contains(DirectoryEvent::Kind::ManifestUpdated)); // not this coin's event
        QVERIFY(!kindsOf(spies.events).contains(DirectoryEvent::Kind::RedirectRefused));
        QCOMPARE(spies.coordinatorChanged.last()[0].toString(), QStringLiteral("Owner"));
    }

    /// The owner dies after confirming our input: a jittered 0.5-3 s back-off
    /// (the production default), a random other instance, a redirect to the new
    /// owner, and the mix completes there.
    void ownerDiesMidMix()
    {
        const auto nodes = cluster(3);
        FakeCoordinator *a = nodes[0], *b = nodes[1], *c = nodes[2];
        FakeCoordinator *owner = b;
        a->redirector = [&owner, a]() -> std::optional<proto::RedirectResponse> {
            if (owner == a)
                return std::nullopt;
            return owner->redirectHere();
        };
        c->redirector = [&owner, c]() -> std::optional<proto::RedirectResponse> {
            if (owner == c)
                return std::nullopt;
            return owner->redirectHere();
        };
        QElapsedTimer sinceDeath;
        b->shutdownAfterConfirm = true;
        b->onShutdown = [&] {
            owner = c; // the lease moves to C
            sinceDeath.start();
        };
        DirectoryConfig config = directoryConfig(nodes);
        config.backoffMinMs = 500;
        config.backoffMaxMs = 3000;
        auto d = directory(config);
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, a);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));

        QCOMPARE(b->confirms.size(), 1);  // joined a mix on B, which died
        QVERIFY(b->signings.isEmpty());
        QCOMPARE(c->signings.size(), 1);  // and mixed on C
        QVERIFY(c->registerInputs.size() == 1);
        QCOMPARE(spies.retrying.size(), 1);
        const int delay = spies.retrying[0][1].toInt();
        QVERIFY2(delay >= 500 && delay <= 3000, qPrintable(QString::number(delay)));
        QVERIFY(sinceDeath.elapsed() >= 500);
        const QList<DirectoryEvent::Kind> kinds = kindsOf(spies.events);
        QVERIFY(kinds.contains(DirectoryEvent::Kind::ConnectionFailed));
        QVERIFY(kinds.contains(DirectoryEvent::Kind::Failover));
        for (const DirectoryEvent &e : eventsOf(spies.events)) {
            if (e.kind == DirectoryEvent::Kind::ConnectionFailed)
                QCOMPARE(e.instanceName, QStringLiteral("B"));
            if (e.kind == DirectoryEvent::Kind::Failover)
                QVERIFY(e.message.startsWith(QLatin1String("failover from B to ")));
        }
        QCOMPARE(spies.coordinatorChanged.last()[0].toString(), QStringLiteral("C"));
        QVERIFY(!stepsOf(spies.steps).contains(MixStep::Fail)); // the user never sees FAIL for a failover
        QCOMPARE(s->mixFailures(), 0);
    }

    /// The owner drains the pool after taking our input (DESIGN §2.2) and
    /// redirects us back to an instance we came through: a new chain, not a loop.
    void drainRedirectAfterRegistration()
    {
        const auto nodes = cluster(2);
        FakeCoordinator *a = nodes[0], *b = nodes[1];
        FakeCoordinator *owner = a;
        b->redirector = [&owner, b]() -> std::optional<proto::RedirectResponse> {
            if (owner == b)
                return std::nullopt;
            return owner->redirectHere(1);
        };
        a->drainRedirect = [&owner, b]() -> std::optional<proto::RedirectResponse> {
            owner = b; // the pool moves to B
            return b->redirectHere(2);
        };
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, b); // B -> A, A takes the input, drains, -> B
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(a->registerInputs.size(), 1);
        QCOMPARE(b->registerInputs.size(), 1);
        QCOMPARE(b->signings.size(), 1);
        QCOMPARE(spies.redirected.size(), 2);
        QVERIFY(spies.retrying.isEmpty()); // followed at once
        QVERIFY(!kindsOf(spies.events).contains(DirectoryEvent::Kind::RedirectRefused));
    }

    /// A redirect to a server outside the manifest and the bootstrap list is
    /// never followed: no connection reaches it, and the session moves on.
    void foreignRedirectRefused()
    {
        QTcpServer foreign;
        QVERIFY(foreign.listen(QHostAddress::LocalHost, 0));
        int foreignConnections = 0;
        connect(&foreign, &QTcpServer::newConnection, this, [&] { ++foreignConnections; });
        const auto nodes = cluster(2);
        FakeCoordinator *a = nodes[0], *b = nodes[1];
        a->redirector = [&foreign] {
            proto::RedirectResponse r;
            r.poolId = kPoolId;
            r.urlClear = QStringLiteral("http://127.0.0.1:%1").arg(foreign.serverPort());
            r.epoch = 99;
            return std::optional(r);
        };
        // both serve the current signed manifest, which does not list the foreign server
        proto::ClusterManifest m;
        m.cluster = QStringLiteral("test");
        m.network = QStringLiteral("regtest");
        m.issuedAtMs = m_now - 1000;
        m.expiresAtMs = m_now + 3'600'000;
        m.instances = {{QStringLiteral("a"), QStringLiteral("A"), a->url().toString(), {}},
                       {QStringLiteral("b"), QStringLiteral("B"), b->url().toString(), {}}};
        a->clusterBody = b->clusterBody = proto::toJsonBytes(proto::signManifest(m, m_operator, m_operatorAddress));
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, a);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(b->signings.size(), 1);
        QCOMPARE(foreignConnections, 0);
        // it looked for a newer manifest once before refusing
        QCOMPARE(a->restRequests.count(QStringLiteral("GET /rest/cluster")) + b->restRequests.count(QStringLiteral("GET /rest/cluster")), 1);
        QVERIFY(d->manifest().has_value());
        QCOMPARE(spies.redirected.size(), 1);
        QCOMPARE(spies.retrying.size(), 1);
        QVERIFY(spies.retrying[0][0].toString().contains(QLatin1String("redirect refused")));
        const QList<DirectoryEvent> events = eventsOf(spies.events);
        const auto refused = std::find_if(events.begin(), events.end(),
                                          [](const DirectoryEvent &e) { return e.kind == DirectoryEvent::Kind::RedirectRefused; });
        QVERIFY(refused != events.end());
        QVERIFY(refused->message.contains(QString::number(foreign.serverPort())));
    }

    /// A -> B -> A: refused as a loop, both put aside, back-off, then C.
    void loopBacksOff()
    {
        const auto nodes = cluster(3);
        FakeCoordinator *a = nodes[0], *b = nodes[1], *c = nodes[2];
        a->redirector = redirectTo(b);
        b->redirector = redirectTo(a);
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, a);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(c->signings.size(), 1);
        QCOMPARE(a->wsSessions, 1);
        QCOMPARE(b->wsSessions, 1);
        QCOMPARE(spies.redirected.size(), 2);
        QCOMPARE(spies.retrying.size(), 1);
        QVERIFY(spies.retrying[0][0].toString().contains(QLatin1String("loop")));
        const int delay = spies.retrying[0][1].toInt();
        QVERIFY(delay >= d->config().backoffMinMs && delay <= d->config().backoffMaxMs);
    }

    /// A -> B -> C -> D -> E: the fourth hop is refused; the session backs off
    /// and E (the only instance not in the chain) takes the mix.
    void hopLimit()
    {
        const auto nodes = cluster(5);
        for (int i = 0; i < 4; ++i)
            nodes[i]->redirector = redirectTo(nodes[i + 1]);
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, nodes[0]);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(spies.redirected.size(), 4);
        QCOMPARE(nodes[3]->wsSessions, 1);
        QCOMPARE(nodes[4]->wsSessions, 1); // reached directly after the back-off, not through D
        QCOMPARE(nodes[4]->signings.size(), 1);
        QVERIFY(spies.retrying[0][0].toString().contains(QLatin1String("more than 3 redirects")));
    }

    /// The pool has no owner for a moment: wait retryAfterMs, then a random instance.
    void retryAfter()
    {
        const auto nodes = cluster(2);
        FakeCoordinator *a = nodes[0], *b = nodes[1];
        int asked = 0;
        a->redirector = [&asked, b]() {
            // first: the pool has no owner for a moment; then: B owns it
            if (asked++ == 0)
                return std::optional(proto::RedirectResponse{kPoolId, {}, {}, 2, 250});
            return std::optional(b->redirectHere(3));
        };
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, a);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(spies.retrying.size(), 1);
        QCOMPARE(spies.retrying[0][1].toInt(), 250);
        QVERIFY(spies.retrying[0][0].toString().contains(QLatin1String("changing owner")));
        QCOMPARE(b->signings.size(), 1);
    }

    void retryAfterIsCapped()
    {
        const auto nodes = cluster(1);
        nodes[0]->redirector = [] { return std::optional(proto::RedirectResponse{kPoolId, {}, {}, 2, 86'400'000}); };
        auto d = directory(directoryConfig(nodes));
        ResilienceConfig r;
        r.maxRetryAfterMs = 100;
        r.maxFruitlessAttempts = 2;
        auto s = session(*d, r);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QCOMPARE(spies.retrying[0][1].toInt(), 100);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::Disconnected);
        QVERIFY(spies.failure().contains(QLatin1String("after 2 attempts")));
    }

    void mixFailedReregisters()
    {
        const auto nodes = cluster(1);
        nodes[0]->failMixes = 1; // the first round fails (another peer did not sign)
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(nodes[0]->registerInputs.size(), 2);
        QCOMPARE(nodes[0]->reveals.size(), 1);
        QCOMPARE(s->mixFailures(), 1);
        QCOMPARE(spies.retrying.size(), 1);
        QCOMPARE(spies.retrying[0][1].toInt(), 50);
        QVERIFY(!stepsOf(spies.steps).contains(MixStep::Fail));
        QVERIFY(stepsOf(spies.steps).contains(MixStep::RevealedOutput));
    }

    void reregistrationCarriesCurrentHeight()
    {
        // A block is found during the failed round: the re-registration sends the new tip.
        const auto nodes = cluster(1);
        nodes[0]->failMixes = 1;
        nodes[0]->onRegisterInput = [this](const proto::RegisterInputRequest &) { ++m_height; };
        m_height = 601;
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(nodes[0]->registerInputs.size(), 2);
        QCOMPARE(nodes[0]->registerInputs[0].blockHeight, 601);
        QCOMPARE(nodes[0]->registerInputs[1].blockHeight, 602);
    }

    void failoverCarriesCurrentHeight()
    {
        // The owner dies mid-mix; by the time the coin registers on the next instance the
        // chain has moved on, and that registration carries the new tip.
        const auto nodes = cluster(2);
        FakeCoordinator *a = nodes[0], *b = nodes[1];
        a->shutdownAfterConfirm = true;
        a->onShutdown = [this] { m_height = 617; };
        m_height = 601;
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, a);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(a->registerInputs.size(), 1);
        QCOMPARE(a->registerInputs[0].blockHeight, 601);
        QCOMPARE(b->registerInputs.size(), 1);
        QCOMPARE(b->registerInputs[0].blockHeight, 617);
        QCOMPARE(b->signings.size(), 1);
    }

    void mixFailedTooOften()
    {
        const auto nodes = cluster(1);
        nodes[0]->failMixes = 10;
        auto d = directory(directoryConfig(nodes));
        ResilienceConfig r;
        r.maxMixAttempts = 2;
        auto s = session(*d, r);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QCOMPARE(spies.failed.size(), 1);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::MixFailed);
        QVERIFY(spies.failure().contains(QLatin1String("2 mixes failed")));
        QCOMPARE(nodes[0]->registerInputs.size(), 2);
        QCOMPARE(stepsOf(spies.steps).count(MixStep::Fail), 1);
        QCOMPARE(stepsOf(spies.steps).last(), MixStep::Fail);
    }

    void nonRetryableFailureEnds_data()
    {
        QTest::addColumn<int>("errorCode");
        QTest::addColumn<int>("reason");
        QTest::newRow("banned") << proto::error::kInputBanned << int(MixFailReason::InputRejected);
        QTest::newRow("rejected") << proto::error::kInputRejected << int(MixFailReason::InputRejected);
        QTest::newRow("version") << proto::error::kVersionMismatch << int(MixFailReason::ProtocolMismatch);
    }
    void nonRetryableFailureEnds()
    {
        QFETCH(int, errorCode);
        QFETCH(int, reason);
        const auto nodes = cluster(2);
        nodes[0]->errorOnRegisterInput = nodes[1]->errorOnRegisterInput = errorCode;
        nodes[0]->errorMessage = nodes[1]->errorMessage = QStringLiteral("Banned until tomorrow");
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QCOMPARE(int(spies.failed[0][0].value<MixFailReason>()), reason);
        QCOMPARE(spies.failure(), QStringLiteral("Banned until tomorrow"));
        QCOMPARE(spies.failed[0][2].toInt(), errorCode);
        QCOMPARE(nodes[0]->registerInputs.size() + nodes[1]->registerInputs.size(), 1);
        QVERIFY(spies.retrying.isEmpty());
    }

    void keyMismatchEnds()
    {
        const auto nodes = cluster(1);
        nodes[0]->publishedFingerprint = util::toHex(crypto::sha256("another key"));
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::KeyMismatch);
        QVERIFY(spies.retrying.isEmpty());
    }

    /// ErrorResponse 631 (pool unavailable: a drain moves it) without a redirect: asked again on
    /// a random instance shortly, and not counted as a failure of the instance that said it.
    void poolUnavailableErrorFailsOver()
    {
        const auto nodes = cluster(2);
        nodes[0]->errorOnRegisterInput = proto::error::kPoolUnavailable;
        nodes[0]->errorMessage = QStringLiteral("Pool is changing owner");
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        startOn(*s, *d, nodes[0]);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QCOMPARE(nodes[1]->signings.size(), 1);
        QVERIFY(!spies.retrying.isEmpty());
        QVERIFY2(spies.retrying.first().first().toString().contains(QStringLiteral("is changing owner")),
                 qPrintable(spies.retrying.first().first().toString()));
        for (const client::DirectoryEvent &e : d->recentEvents())
            QVERIFY2(!e.message.contains(QStringLiteral("Pool is changing owner")), qPrintable(e.message));
    }

    void givesUpWhenNothingAnswers()
    {
        QList<proto::ClusterInstance> dead;
        QTcpServer probes[2];
        for (int i = 0; i < 2; ++i) {
            QVERIFY(probes[i].listen(QHostAddress::LocalHost, 0));
            dead.append({QStringLiteral("d%1").arg(i), {}, QStringLiteral("http://127.0.0.1:%1").arg(probes[i].serverPort()), {}});
        }
        for (QTcpServer &probe : probes)
            probe.close(); // two distinct ports where nothing listens
        DirectoryConfig c = directoryConfig({});
        c.bootstrap = dead;
        auto d = directory(c);
        ResilienceConfig r;
        r.maxFruitlessAttempts = 4;
        auto s = session(*d, r);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::Disconnected);
        QVERIFY2(spies.failure().contains(QLatin1String("after 4 attempts")), qPrintable(spies.failure()));
        QCOMPARE(spies.retrying.size(), 3);
        QCOMPARE(stepsOf(spies.steps).count(MixStep::Fail), 1);
        QCOMPARE(kindsOf(spies.events).count(DirectoryEvent::Kind::ConnectionFailed), 4);
        QCOMPARE(kindsOf(spies.events).count(DirectoryEvent::Kind::Failover), 3);
    }

    void stopDuringBackoff()
    {
        const auto nodes = cluster(1);
        nodes[0]->shutdownAfterConfirm = true;
        DirectoryConfig c = directoryConfig(nodes);
        c.backoffMinMs = c.backoffMaxMs = 60000; // never elapses in this test
        auto d = directory(c);
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(spies.retrying.size() == 1, kTimeoutMs);
        QVERIFY(spies.failed.isEmpty());
        s->stop();
        QCOMPARE(spies.failed.size(), 1);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::Stop);
        QVERIFY(!stepsOf(spies.steps).contains(MixStep::Fail));
        s->stop(); // no-op
        QCOMPARE(spies.failed.size(), 1);
    }

    void stopWhileConnected()
    {
        const auto nodes = cluster(1);
        m_wallet->holdSignMessage = true; // stays in CONNECTED
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_wallet->held != nullptr, kTimeoutMs);
        s->stop();
        QCOMPARE(spies.failed.size(), 1);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::Stop);
        QTRY_VERIFY(!nodes[0]->session || nodes[0]->session->state() != QAbstractSocket::ConnectedState);
        m_wallet->held(); // a late wallet answer reaches nobody
        QCoreApplication::processEvents();
        QVERIFY(nodes[0]->registerInputs.isEmpty());
    }

    /// Every MixSession gets fresh circuits: the redirected session does not
    /// reuse the first one's, and neither uses the configured credentials.
    void freshIdentitiesPerAttempt()
    {
        const auto nodes = cluster(2);
        nodes[0]->redirector = redirectTo(nodes[1]);
        Socks5Relay relay;
        QVERIFY(relay.listen());
        auto d = directory(directoryConfig(nodes));
        MixConfig config = mixConfig();
        config.identity.proxyHost = QStringLiteral("127.0.0.1");
        config.identity.proxyPort = relay.port();
        config.identity.user = QStringLiteral("configured");
        config.identity.password = QStringLiteral("secret");
        auto s = std::make_unique<ResilientMixSession>(config, m_coin, m_wallet, d.get());
        Spies spies(s.get());
        startOn(*s, *d, nodes[0]);
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QVERIFY2(spies.failed.isEmpty(), qPrintable(spies.failure()));
        QStringList stompUsers;
        QSet<QString> restUsers;
        for (const auto &[user, line] : std::as_const(relay.streams)) {
            QVERIFY(user != config.identity.user);
            if (line.startsWith("GET /ws/connect"))
                stompUsers.append(user);
            else
                restUsers.insert(user);
        }
        QCOMPARE(stompUsers.size(), 2); // A (redirected) then B
        QVERIFY(stompUsers[0] != stompUsers[1]);
        for (const QString &u : std::as_const(stompUsers))
            QVERIFY(!restUsers.contains(u));
    }

    void noInstanceAtAll()
    {
        DirectoryConfig c = directoryConfig({});
        auto d = directory(c);
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QCOMPARE(spies.failed.size(), 1);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::Disconnected);
    }

    void directoryGone()
    {
        const auto nodes = cluster(1);
        nodes[0]->shutdownAfterConfirm = true;
        auto d = directory(directoryConfig(nodes));
        auto s = session(*d);
        Spies spies(s.get());
        s->start();
        QTRY_VERIFY_WITH_TIMEOUT(nodes[0]->confirms.size() == 1, kTimeoutMs);
        d.reset(); // the owner tore the directory down first
        QTRY_VERIFY_WITH_TIMEOUT(spies.finished() == 1, kTimeoutMs);
        QCOMPARE(spies.failed[0][0].value<MixFailReason>(), MixFailReason::InternalError);
    }
};

QTEST_GUILESS_MAIN(TestResilientMixSession)
#include "tst_resilientmixsession.moc"
