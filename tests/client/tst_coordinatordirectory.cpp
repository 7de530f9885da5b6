// CoordinatorDirectory (DESIGN §2.1): bootstrap list, random choice, failure
// memory, back-off, the redirect policy (members only, 3 hops, loops), and the
// signed manifest fetched from an in-process instance.
#include <mixer/coordinatordirectory.h>

#include "fakecoordinator.h"
#include "socks5relay.h"

#include <bitcoin/address.h>
#include <crypto/hash.h>
#include <protocol/clustermanifest.h>

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <cmath>

using namespace wp;
using namespace wp::client;

namespace {

constexpr qint64 kNow = 1'760'000'000'000;
constexpr qint64 kHour = 3600 * 1000;
constexpr btc::Network kNet = btc::Network::Regtest;

QString p2wpkhAddress(const crypto::PrivKey &key)
{
    const auto hash = btc::Hash160::fromBytes(crypto::hash160(key.pubKey().serialize(true)));
    return *btc::scriptToAddress(btc::Script::p2wpkh(*hash), btc::networkParams(kNet));
}

proto::ClusterInstance instance(const QString &name, const QString &clear, const QString &onion = {})
{
    return proto::ClusterInstance{name.toLower(), name, clear, onion};
}

QUrl normalized(const QString &url, bool onion = false) { return *proto::parseInstanceUrl(url, onion); }

proto::RedirectResponse redirectTo(const QString &clear, const QString &onion = {}, qint64 epoch = 1)
{
    proto::RedirectResponse r;
    r.poolId = QStringLiteral("0.01btc");
    r.urlClear = clear;
    r.urlOnion = onion;
    r.epoch = epoch;
    return r;
}

QList<DirectoryEvent> eventsOf(const QSignalSpy &spy)
{
    QList<DirectoryEvent> out;
    for (const QList<QVariant> &args : spy)
        out.append(args[0].value<DirectoryEvent>());
    return out;
}

} // namespace

Q_DECLARE_METATYPE(wp::client::DirectoryConfig)

class TestCoordinatorDirectory : public QObject {
    Q_OBJECT

    crypto::PrivKey m_operator = crypto::PrivKey::generate();
    QString m_address = p2wpkhAddress(m_operator);
    qint64 m_now = kNow;
    std::optional<crypto::RsaKeyPair> m_mixKey; ///< for the fake instances (they serve REST only here)

    /// Five clearnet instances A..E (with onion URLs for A..C).
    DirectoryConfig config() const
    {
        DirectoryConfig c;
        c.network = kNet;
        c.operatorAddress = m_address;
        c.bootstrap = {
            instance(QStringLiteral("A"), QStringLiteral("https://a.example"), QStringLiteral("http://aaaa.onion")),
            instance(QStringLiteral("B"), QStringLiteral("https://b.example"), QStringLiteral("http://bbbb.onion")),
            instance(QStringLiteral("C"), QStringLiteral("https://c.example:8443"), QStringLiteral("http://cccc.onion")),
            instance(QStringLiteral("D"), QStringLiteral("https://d.example")),
            instance(QStringLiteral("E"), QStringLiteral("https://e.example")),
        };
        return c;
    }

    std::unique_ptr<CoordinatorDirectory> directory(const DirectoryConfig &c)
    {
        auto d = std::make_unique<CoordinatorDirectory>(c);
        d->setClock([this] { return m_now; });
        return d;
    }

    proto::ClusterManifest manifest(const QList<proto::ClusterInstance> &instances, qint64 issuedAt = kNow - kHour) const
    {
        proto::ClusterManifest m;
        m.cluster = QStringLiteral("test cluster");
        m.network = QStringLiteral("regtest");
        m.issuedAtMs = issuedAt;
        m.expiresAtMs = issuedAt + 2 * kHour;
        m.instances = instances;
        return m;
    }
    QByteArray signedBody(const proto::ClusterManifest &m, const crypto::PrivKey &key) const
    {
        return proto::toJsonBytes(proto::signManifest(m, key, p2wpkhAddress(key)));
    }

    /// Refreshes from @p d and waits for the answer.
    bool refresh(CoordinatorDirectory &d)
    {
        QSignalSpy finished(&d, &CoordinatorDirectory::manifestRefreshFinished);
        if (!d.refreshManifest())
            return false;
        if (!finished.wait(10000))
            return false;
        return finished[0][0].toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DirectoryEvent>();
        QLoggingCategory::setFilterRules(QStringLiteral("wp.client.*.info=false"));
        m_mixKey = crypto::RsaKeyPair::generate(2048);
    }
    void init() { m_now = kNow; }

    void configValidation_data()
    {
        QTest::addColumn<DirectoryConfig>("config");
        QTest::addColumn<bool>("valid");
        auto with = [this](auto change) {
            DirectoryConfig c = config();
            change(c);
            return c;
        };
        QTest::newRow("valid") << config() << true;
        QTest::newRow("onion") << with([](auto &c) { c.useOnion = true; }) << true;
        QTest::newRow("no-operator") << with([](auto &c) { c.operatorAddress.clear(); }) << false;
        QTest::newRow("operator-of-mainnet") << with([](auto &c) {
            const auto hash = btc::Hash160::fromBytes(QByteArray(20, 1));
            c.operatorAddress = *btc::scriptToAddress(btc::Script::p2wpkh(*hash), btc::networkParams(btc::Network::Main));
        }) << false;
        QTest::newRow("no-bootstrap") << with([](auto &c) { c.bootstrap.clear(); }) << false;
        QTest::newRow("bad-url") << with([](auto &c) { c.bootstrap[1].urlClear = QStringLiteral("ftp://b.example"); })
                                 << false;
        QTest::newRow("onion-without-onions") << with([](auto &c) {
            c.useOnion = true;
            for (auto &i : c.bootstrap)
                i.urlOnion.clear();
        }) << false;
        QTest::newRow("bad-backoff") << with([](auto &c) { c.backoffMaxMs = c.backoffMinMs - 1; }) << false;
        QTest::newRow("zero-backoff") << with([](auto &c) { c.backoffMinMs = 0; }) << false;
    }
    void configValidation()
    {
        QFETCH(DirectoryConfig, config);
        QFETCH(bool, valid);
        const Result<void> r = CoordinatorDirectory::validateConfig(config);
        QVERIFY2(r.has_value() == valid, r ? "accepted" : qPrintable(r.error().message));
    }

    void withoutOperatorAddressOnlyBootstrapInstances()
    {
        DirectoryConfig c = config();
        c.operatorAddress.clear();
        QVERIFY(!CoordinatorDirectory::validateConfig(c));
        const Result<void> r = CoordinatorDirectory::validateBootstrap(c);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        c.operatorAddress = QStringLiteral("not an address");
        QVERIFY(!CoordinatorDirectory::validateBootstrap(c));
        c.operatorAddress.clear();
        c.bootstrap.clear();
        QVERIFY(!CoordinatorDirectory::validateBootstrap(c));

        // Nothing could verify a manifest: none is fetched (no request, no event, nothing marked failed).
        DirectoryConfig bootstrapOnly = config();
        bootstrapOnly.operatorAddress.clear();
        auto d = directory(bootstrapOnly);
        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        QVERIFY(!d->canRefreshManifest());
        QVERIFY(!d->refreshManifest());
        QVERIFY(!d->isRefreshing());
        QCOMPARE(events.size(), 0);
        QCOMPARE(d->knownInstances().size(), 5);
    }

    void bootstrapEndpoints()
    {
        DirectoryConfig c = config();
        c.bootstrap.append(instance(QStringLiteral("A2"), QStringLiteral("HTTPS://A.EXAMPLE:443/"))); // A again
        c.bootstrap.append(instance(QStringLiteral("bad"), QStringLiteral("not a url")));
        c.bootstrap.append(proto::ClusterInstance{{}, {}, QStringLiteral("https://f.example"), {}});
        auto d = directory(c);
        const QList<CoordinatorEndpoint> known = d->knownInstances();
        QCOMPARE(known.size(), 6);
        QCOMPARE(known[0].name, QStringLiteral("A"));
        QCOMPARE(known[0].url, normalized(QStringLiteral("https://a.example")));
        QCOMPARE(known[5].name, QStringLiteral("f.example")); // no name: the host
        QCOMPARE(d->endpointFor(QUrl(QStringLiteral("https://c.example:8443")))->name, QStringLiteral("C"));

        DirectoryConfig onion = config();
        onion.useOnion = true;
        auto o = directory(onion);
        const QList<CoordinatorEndpoint> onions = o->knownInstances();
        QCOMPARE(onions.size(), 3); // D and E have no onion URL
        for (const CoordinatorEndpoint &e : onions)
            QVERIFY(e.url.host().endsWith(QLatin1String(".onion")));
    }

    void randomChoiceIsUniform()
    {
        auto d = directory(config());
        QHash<QString, int> counts;
        constexpr int kPicks = 10000;
        for (int i = 0; i < kPicks; ++i)
            ++counts[d->pickRandom()->name];
        QCOMPARE(counts.size(), 5);
        // chi-square with 4 degrees of freedom; 33.4 is the 1e-6 critical value (no flaky failures),
        // a biased choice (one instance twice as likely) scores over a thousand
        double chi2 = 0;
        for (int n : std::as_const(counts))
            chi2 += std::pow(n - kPicks / 5.0, 2) / (kPicks / 5.0);
        QVERIFY2(chi2 < 33.4, qPrintable(QString::number(chi2)));
    }

    void avoidsRecentlyFailed()
    {
        auto d = directory(config());
        const QUrl a = normalized(QStringLiteral("https://a.example"));
        const QUrl b = normalized(QStringLiteral("https://b.example"));
        d->noteFailure(a, QStringLiteral("connection refused"));
        d->noteFailure(b, QStringLiteral("timed out"));
        QSet<QString> picked;
        for (int i = 0; i < 600; ++i)
            picked.insert(d->pickRandom()->name);
        QCOMPARE(picked, (QSet<QString>{QStringLiteral("C"), QStringLiteral("D"), QStringLiteral("E")}));

        // a connection clears the mark at once; time clears the other
        d->noteConnected(a);
        m_now += d->config().failureMemoryMs;
        picked.clear();
        for (int i = 0; i < 600; ++i)
            picked.insert(d->pickRandom()->name);
        QCOMPARE(picked.size(), 5);

        // all failed: still a choice among all of them
        for (const CoordinatorEndpoint &e : d->knownInstances())
            d->noteFailure(e.url, QStringLiteral("down"));
        picked.clear();
        for (int i = 0; i < 600; ++i)
            picked.insert(d->pickRandom()->name);
        QCOMPARE(picked.size(), 5);
    }

    void backoffRange()
    {
        auto d = directory(config());
        int low = INT_MAX, high = 0;
        double sum = 0;
        constexpr int kSamples = 5000;
        for (int i = 0; i < kSamples; ++i) {
            const int ms = d->backoffMs();
            QVERIFY2(ms >= 500 && ms <= 3000, qPrintable(QString::number(ms)));
            low = qMin(low, ms);
            high = qMax(high, ms);
            sum += ms;
        }
        QVERIFY(low < 600);   // jittered over the whole range
        QVERIFY(high > 2900);
        QVERIFY(std::abs(sum / kSamples - 1750) < 60);

        DirectoryConfig fixed = config();
        fixed.backoffMinMs = fixed.backoffMaxMs = 700;
        QCOMPARE(directory(fixed)->backoffMs(), 700);
    }

    void redirectToBootstrapMember()
    {
        auto d = directory(config());
        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        RedirectChain chain = RedirectChain::startAt(normalized(QStringLiteral("https://a.example")), QStringLiteral("coin1"));
        auto target = d->followRedirect(redirectTo(QStringLiteral("https://b.example/"), {}, 9), chain);
        QVERIFY2(target.has_value(), target ? "" : qPrintable(target.error().message));
        QCOMPARE(*target, normalized(QStringLiteral("https://b.example")));
        QCOMPARE(chain.hops(), 1);
        QCOMPARE(events.size(), 1);
        const DirectoryEvent e = eventsOf(events)[0];
        QCOMPARE(e.kind, DirectoryEvent::Kind::Redirected);
        QCOMPARE(e.instanceName, QStringLiteral("B"));
        QCOMPARE(e.origin, QStringLiteral("coin1"));
        QCOMPARE(e.timestampMs, kNow);
        QVERIFY(e.message.contains(QLatin1String("from A to B")));
        QVERIFY(e.message.contains(QLatin1String("epoch 9")));
        QCOMPARE(d->recentEvents().size(), 1);
    }

    void redirectRefused_data()
    {
        QTest::addColumn<bool>("onion");
        QTest::addColumn<proto::RedirectResponse>("redirect");
        QTest::addColumn<int>("code");
        const int unknown = int(RedirectRefusal::UnknownTarget);
        QTest::newRow("foreign") << false << redirectTo(QStringLiteral("https://evil.example")) << unknown;
        QTest::newRow("foreign-port") << false << redirectTo(QStringLiteral("https://b.example:8443")) << unknown;
        QTest::newRow("downgrade") << false << redirectTo(QStringLiteral("http://b.example:443")) << unknown;
        QTest::newRow("foreign-path") << false << redirectTo(QStringLiteral("https://b.example/evil")) << unknown;
        QTest::newRow("foreign-onion") << true << redirectTo({}, QStringLiteral("http://evilevil.onion")) << unknown;
        QTest::newRow("clear-only-in-onion-mode") << true << redirectTo(QStringLiteral("https://b.example")) << int(RedirectRefusal::NoUrl);
        QTest::newRow("onion-only-in-clear-mode") << false << redirectTo({}, QStringLiteral("http://bbbb.onion")) << int(RedirectRefusal::NoUrl);
        QTest::newRow("onion-as-clear") << false << redirectTo(QStringLiteral("http://bbbb.onion")) << int(RedirectRefusal::InvalidUrl);
        QTest::newRow("ftp") << false << redirectTo(QStringLiteral("ftp://b.example")) << int(RedirectRefusal::InvalidUrl);
        QTest::newRow("userinfo") << false << redirectTo(QStringLiteral("https://x@b.example")) << int(RedirectRefusal::InvalidUrl);
        QTest::newRow("garbage") << false << redirectTo(QStringLiteral("\x01\x02 ::")) << int(RedirectRefusal::InvalidUrl);
        QTest::newRow("self") << false << redirectTo(QStringLiteral("https://a.example")) << int(RedirectRefusal::Loop);
    }
    void redirectRefused()
    {
        QFETCH(bool, onion);
        QFETCH(proto::RedirectResponse, redirect);
        QFETCH(int, code);
        DirectoryConfig c = config();
        c.useOnion = onion;
        auto d = directory(c);
        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        const QUrl a = onion ? normalized(QStringLiteral("http://aaaa.onion"), true) : normalized(QStringLiteral("https://a.example"));
        RedirectChain chain = RedirectChain::startAt(a, QStringLiteral("coin"));
        QCOMPARE(d->knowsTarget(redirect), code == int(RedirectRefusal::Loop));
        auto target = d->followRedirect(redirect, chain);
        QVERIFY(!target.has_value());
        QCOMPARE(target.error().code, code);
        QCOMPARE(chain.visited, QList<QUrl>{a});
        QCOMPARE(events.size(), 1);
        const DirectoryEvent e = eventsOf(events)[0];
        QCOMPARE(e.kind, DirectoryEvent::Kind::RedirectRefused);
        QCOMPARE(e.origin, QStringLiteral("coin"));
        QVERIFY(e.message.startsWith(QLatin1String("refused redirect from A")));
        // the instance that sent it is avoided like a dead one
        for (int i = 0; i < 300; ++i)
            QVERIFY(d->pickRandom()->url != a);
    }

    void downgradeIsNamed()
    {
        auto d = directory(config());
        RedirectChain chain = RedirectChain::startAt(normalized(QStringLiteral("https://a.example")));
        for (const QString &plain : {QStringLiteral("http://b.example:443"), QStringLiteral("http://b.example")}) {
            auto target = d->followRedirect(redirectTo(plain), chain);
            QVERIFY(!target.has_value());
            QVERIFY2(target.error().message.contains(QLatin1String("listed with https")), qPrintable(target.error().message));
        }
    }

    void retryAfterIsNotARefusal()
    {
        auto d = directory(config());
        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        RedirectChain chain = RedirectChain::startAt(normalized(QStringLiteral("https://a.example")));
        proto::RedirectResponse r = redirectTo({});
        r.retryAfterMs = 1500;
        auto target = d->followRedirect(r, chain);
        QVERIFY(!target.has_value());
        QCOMPARE(target.error().code, int(RedirectRefusal::NoUrl));
        QVERIFY(events.isEmpty());
        QSet<QString> picked;
        for (int i = 0; i < 300; ++i)
            picked.insert(d->pickRandom()->name);
        QVERIFY(picked.contains(QStringLiteral("A"))); // not avoided
    }

    void threeHopsAtMost()
    {
        auto d = directory(config());
        RedirectChain chain = RedirectChain::startAt(normalized(QStringLiteral("https://a.example")));
        QVERIFY(d->followRedirect(redirectTo(QStringLiteral("https://b.example")), chain));
        QVERIFY(d->followRedirect(redirectTo(QStringLiteral("https://c.example:8443")), chain));
        QVERIFY(d->followRedirect(redirectTo(QStringLiteral("https://d.example")), chain));
        QCOMPARE(chain.hops(), CoordinatorDirectory::kMaxRedirectHops);
        auto fourth = d->followRedirect(redirectTo(QStringLiteral("https://e.example")), chain);
        QVERIFY(!fourth.has_value());
        QCOMPARE(fourth.error().code, int(RedirectRefusal::TooManyHops));
        QCOMPARE(chain.hops(), 3);
    }

    void loopDetected()
    {
        auto d = directory(config());
        RedirectChain chain = RedirectChain::startAt(normalized(QStringLiteral("https://a.example")));
        QVERIFY(d->followRedirect(redirectTo(QStringLiteral("https://b.example")), chain));
        auto back = d->followRedirect(redirectTo(QStringLiteral("https://a.example:443/")), chain);
        QVERIFY(!back.has_value());
        QCOMPARE(back.error().code, int(RedirectRefusal::Loop));
        QVERIFY2(back.error().message.contains(QLatin1String("A -> B -> A")), qPrintable(back.error().message));
        // both members of the loop are put aside
        for (int i = 0; i < 300; ++i) {
            const QString name = d->pickRandom()->name;
            QVERIFY(name != QLatin1String("A") && name != QLatin1String("B"));
        }

        RedirectChain longer = RedirectChain::startAt(normalized(QStringLiteral("https://a.example")));
        QVERIFY(d->followRedirect(redirectTo(QStringLiteral("https://b.example")), longer));
        QVERIFY(d->followRedirect(redirectTo(QStringLiteral("https://c.example:8443")), longer));
        auto toB = d->followRedirect(redirectTo(QStringLiteral("https://b.example")), longer);
        QVERIFY(!toB.has_value());
        QCOMPARE(toB.error().code, int(RedirectRefusal::Loop));
    }

    /// A redirect to a foreign server is refused and the directory never
    /// touches that server (it decides from its lists alone).
    void foreignServerNeverContacted()
    {
        QTcpServer foreign;
        QVERIFY(foreign.listen(QHostAddress::LocalHost, 0));
        int connections = 0;
        connect(&foreign, &QTcpServer::newConnection, this, [&] { ++connections; });
        auto d = directory(config());
        RedirectChain chain = RedirectChain::startAt(normalized(QStringLiteral("https://a.example")));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(foreign.serverPort());
        QVERIFY(!d->followRedirect(redirectTo(url), chain));
        QCoreApplication::processEvents();
        QCOMPARE(connections, 0);
    }

    void manifestExtendsTheList()
    {
        test::FakeCoordinator a(*m_mixKey);
        QVERIFY(a.listen());
        DirectoryConfig c = config();
        c.bootstrap = {instance(QStringLiteral("A-local"), a.url().toString())};
        c.minRefreshIntervalMs = 0;
        auto d = directory(c);
        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        const QString newcomer = QStringLiteral("https://new.example:9000");

        RedirectChain chain = RedirectChain::startAt(normalized(a.url().toString()), QStringLiteral("coin"));
        QVERIFY(!d->knowsTarget(redirectTo(newcomer)));
        QCOMPARE(d->followRedirect(redirectTo(newcomer), chain).error().code, int(RedirectRefusal::UnknownTarget));
        d->noteConnected(normalized(a.url().toString())); // A works (the refusal put it aside)

        a.clusterBody = signedBody(manifest({proto::ClusterInstance{QStringLiteral("a"), QStringLiteral("Alpha"),
                                                                    a.url().toString(), {}},
                                             proto::ClusterInstance{QStringLiteral("n"), QStringLiteral("Newcomer"),
                                                                    newcomer, {}}}),
                                   m_operator);
        events.clear();
        QVERIFY(refresh(*d));
        QCOMPARE(a.restRequests.last(), QStringLiteral("GET /rest/cluster"));
        QCOMPARE(eventsOf(events).last().kind, DirectoryEvent::Kind::ManifestUpdated);
        QVERIFY(d->manifest().has_value());
        const QList<CoordinatorEndpoint> known = d->knownInstances();
        QCOMPARE(known.size(), 2);
        QCOMPARE(known[0].name, QStringLiteral("Alpha")); // the signed name wins
        QCOMPARE(known[0].id, QStringLiteral("a"));
        QCOMPARE(known[1].name, QStringLiteral("Newcomer"));

        QVERIFY(d->knowsTarget(redirectTo(newcomer)));
        chain = RedirectChain::startAt(normalized(a.url().toString()));
        auto target = d->followRedirect(redirectTo(newcomer), chain);
        QVERIFY(target.has_value());
        QCOMPARE(*target, normalized(newcomer));

        // the same manifest again: nothing changes, no event
        events.clear();
        QVERIFY(!refresh(*d));
        QVERIFY(events.isEmpty());

        // once expired, its instances are no longer trusted
        m_now = d->manifest()->expiresAtMs;
        QCOMPARE(d->knownInstances().size(), 1);
        chain = RedirectChain::startAt(normalized(a.url().toString()));
        QCOMPARE(d->followRedirect(redirectTo(newcomer), chain).error().code, int(RedirectRefusal::UnknownTarget));
    }

    void unverifiedManifestsIgnored_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<QString>("reason");
        QTest::newRow("http-404") << 0 << QStringLiteral("fetch failed");
        QTest::newRow("other-signer") << 1 << QStringLiteral("not by the operator");
        QTest::newRow("forged-signature") << 2 << QStringLiteral("signature invalid");
        QTest::newRow("expired") << 3 << QStringLiteral("expired");
        QTest::newRow("garbage") << 4 << QStringLiteral("not a JSON object");
        QTest::newRow("other-network") << 5 << QStringLiteral("network main");
    }
    void unverifiedManifestsIgnored()
    {
        QFETCH(int, variant);
        QFETCH(QString, reason);
        test::FakeCoordinator a(*m_mixKey);
        QVERIFY(a.listen());
        DirectoryConfig c = config();
        c.bootstrap = {instance(QStringLiteral("A"), a.url().toString())};
        auto d = directory(c);
        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        const auto m = manifest({proto::ClusterInstance{QStringLiteral("evil"), QStringLiteral("Evil"),
                                                        QStringLiteral("https://evil.example"), {}}});
        const crypto::PrivKey attacker = crypto::PrivKey::generate();
        switch (variant) {
        case 1: a.clusterBody = signedBody(m, attacker); break;
        case 2: a.clusterBody = proto::toJsonBytes(proto::signManifest(m, attacker, m_address)); break;
        case 3: a.clusterBody = signedBody(manifest(m.instances, kNow - 3 * kHour), m_operator); break;
        case 4: a.clusterBody = "{\"manifest\":"; break;
        case 5: {
            auto main = m;
            main.network = QStringLiteral("main");
            a.clusterBody = signedBody(main, m_operator);
            break;
        }
        default: break;
        }
        QVERIFY(!refresh(*d));
        QVERIFY(!d->manifest().has_value());
        QCOMPARE(d->knownInstances().size(), 1);
        const DirectoryEvent e = eventsOf(events).last();
        QCOMPARE(e.kind, DirectoryEvent::Kind::ManifestRefused);
        QVERIFY2(e.message.contains(reason), qPrintable(e.message));
        RedirectChain chain = RedirectChain::startAt(normalized(a.url().toString()));
        QVERIFY(!d->followRedirect(redirectTo(QStringLiteral("https://evil.example")), chain));
    }

    void olderManifestIgnored()
    {
        test::FakeCoordinator a(*m_mixKey);
        QVERIFY(a.listen());
        DirectoryConfig c = config();
        c.bootstrap = {instance(QStringLiteral("A"), a.url().toString())};
        c.minRefreshIntervalMs = 0;
        auto d = directory(c);
        const proto::ClusterInstance self{QStringLiteral("a"), QStringLiteral("A"), a.url().toString(), {}};
        const proto::ClusterInstance gone{QStringLiteral("g"), QStringLiteral("Gone"), QStringLiteral("https://gone.example"), {}};
        a.clusterBody = signedBody(manifest({self}, kNow - kHour), m_operator);
        QVERIFY(refresh(*d));
        // an instance replays an older signed manifest that still listed a host the operator dropped
        a.clusterBody = signedBody(manifest({self, gone}, kNow - kHour - 1), m_operator);
        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        QVERIFY(!refresh(*d));
        QCOMPARE(eventsOf(events).last().kind, DirectoryEvent::Kind::ManifestRefused);
        QVERIFY(eventsOf(events).last().message.contains(QLatin1String("older")));
        QCOMPARE(d->manifest()->instances.size(), 1);
    }

    void refreshIsRateLimited()
    {
        test::FakeCoordinator a(*m_mixKey);
        QVERIFY(a.listen());
        DirectoryConfig c = config();
        c.bootstrap = {instance(QStringLiteral("A"), a.url().toString())};
        c.minRefreshIntervalMs = 30000;
        auto d = directory(c);
        QVERIFY(d->canRefreshManifest());
        QSignalSpy finished(d.get(), &CoordinatorDirectory::manifestRefreshFinished);
        QVERIFY(d->refreshManifest());
        QVERIFY(d->isRefreshing());
        QVERIFY(d->refreshManifest()); // joins the running fetch
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(a.restRequests.size(), 1);
        QVERIFY(!d->canRefreshManifest());
        QVERIFY(!d->refreshManifest());
        m_now += 30000;
        QVERIFY(d->canRefreshManifest());
    }

    void manifestFetchUsesItsOwnCircuit()
    {
        test::FakeCoordinator a(*m_mixKey);
        QVERIFY(a.listen());
        test::Socks5Relay relay;
        QVERIFY(relay.listen());
        DirectoryConfig c = config();
        c.bootstrap = {instance(QStringLiteral("A"), a.url().toString())};
        c.identity.proxyHost = QStringLiteral("127.0.0.1");
        c.identity.proxyPort = relay.port();
        c.identity.user = QStringLiteral("mix-user");
        c.identity.password = QStringLiteral("mix-password");
        c.minRefreshIntervalMs = 0;
        auto d = directory(c);
        a.clusterBody = signedBody(manifest({proto::ClusterInstance{QStringLiteral("a"), {}, a.url().toString(), {}}}),
                                   m_operator);
        QVERIFY(refresh(*d));
        QVERIFY(!refresh(*d)); // unchanged
        QCOMPARE(relay.credentials.size(), 2);
        QVERIFY(relay.credentials[0].first != c.identity.user);
        QVERIFY(relay.credentials[1].first != c.identity.user);
        QVERIFY(relay.credentials[0] != relay.credentials[1]);
        QCOMPARE(relay.targets, (QList<quint16>{a.front.serverPort(), a.front.serverPort()}));
    }

    void eventHistoryIsBounded()
    {
        auto d = directory(config());
        const QUrl a = normalized(QStringLiteral("https://a.example"));
        for (int i = 0; i < CoordinatorDirectory::kEventHistory + 50; ++i) {
            m_now = kNow + i;
            d->noteConnected(a, QString::number(i));
        }
        QCOMPARE(d->recentEvents().size(), CoordinatorDirectory::kEventHistory);
        QCOMPARE(d->recentEvents().first().origin, QStringLiteral("50"));
        QCOMPARE(d->recentEvents().last().timestampMs, kNow + CoordinatorDirectory::kEventHistory + 49);

        QSignalSpy events(d.get(), &CoordinatorDirectory::event);
        d->noteFailover(a, *d->endpointFor(normalized(QStringLiteral("https://b.example"))), 1234, QStringLiteral("x"));
        const DirectoryEvent e = eventsOf(events)[0];
        QCOMPARE(e.kind, DirectoryEvent::Kind::Failover);
        QCOMPARE(e.instanceName, QStringLiteral("B"));
        QCOMPARE(e.message, QStringLiteral("failover from A to B after 1.2 s"));
        QCOMPARE(directoryEventKindName(e.kind), QStringLiteral("FAILOVER"));
    }
};

QTEST_GUILESS_MAIN(TestCoordinatorDirectory)
#include "tst_coordinatordirectory.moc"
