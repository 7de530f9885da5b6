// The desktop client's model layer without services: the pure rules (balances,
// pools of coins, mixable coins, Tx0 coin choice, settings JSON and checks, mix
// history, event log), and a WalletController's wallet file life cycle in a
// temporary folder: create / lock / open round trip, wrong password, refusals,
// settings and the mixing switch kept in the encrypted file, password change,
// and errors that surface (unreachable node and coordinators) instead of silence.

#include <app/apptext.h>
#include <app/appsettings.h>
#include <app/eventlog.h>
#include <app/mixhistory.h>
#include <app/walletcontroller.h>
#include <app/walletmodel.h>

#include <wallet/walletfile.h>
#include <wallet/walletkeys.h>

#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip47.h>
#include <crypto/hash.h>
#include <protocol/feeopreturn.h>
#include <protocol/feepayload.h>
#include <protocol/z85.h>

#include <testdata.h>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;
using btc::Amount;

namespace {

constexpr char kMnemonic[] = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const QString kPassword = QStringLiteral("correct horse");

/// A TCP port nothing listens on (bound, then released).
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot bind a local port");
    return server.serverPort();
}

/// The classic test pool (whirlpool-fixtures.json).
proto::PoolInfo testPool() { return test::classicPool01btc(); }

proto::PoolInfo smallPool()
{
    proto::PoolInfo pool = testPool();
    pool.poolId = QStringLiteral("0.001btc");
    pool.denomination = 100'000;
    pool.feeValue = 5'000;
    pool.mustMixBalanceMin = 100'170;
    pool.mustMixBalanceCap = 109'500;
    pool.mustMixBalanceMax = 110'000;
    return pool;
}

/// The payment code of the V1 secret wallet of the classic server's tests (whirlpool-vectors.json).
QString feePaymentCode()
{
    for (const QJsonValue &v : test::loadJson(QStringLiteral("whirlpool-vectors.json")).object().value(QStringLiteral("feeOpReturn")).toArray()) {
        const QJsonObject account = v.toObject().value(QStringLiteral("secret_account")).toObject();
        if (account.value(QStringLiteral("words")).toString().endsWith(QLatin1String("junk")))
            return account.value(QStringLiteral("payment_code")).toString();
    }
    qFatal("no V1 secret account in whirlpool-vectors.json");
}

} // namespace

class TestWalletController : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const WalletKeys> m_keys;
    quint16 m_nodePort = 0;
    quint16 m_coordinatorPort = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    AppSettings settings() const
    {
        AppSettings s = AppSettings::defaults(btc::Network::Regtest);
        s.nodeUrl = QStringLiteral("http://127.0.0.1:%1").arg(m_nodePort);
        s.bootstrap = {proto::ClusterInstance{{}, QStringLiteral("alpha"),
                                              QStringLiteral("http://127.0.0.1:%1").arg(m_coordinatorPort), {}}};
        return s;
    }

    static WalletControllerOptions options()
    {
        WalletControllerOptions o;
        o.kdf = WalletFileFormat::kTestKdf;
        o.syncIntervalMs = 60000;
        o.poolsRefreshMs = 60000;
        o.poolsRetryMs = 60000;
        o.saveDelayMs = 10;
        o.nodeTimeoutMs = 3000;
        o.restTimeoutMs = 3000;
        return o;
    }

    NewWalletRequest request(const QString &name, const QString &passphrase = {}) const
    {
        NewWalletRequest r;
        r.path = path(name);
        r.mnemonic = QString::fromLatin1(kMnemonic);
        r.passphrase = passphrase;
        r.password = kPassword;
        r.network = btc::Network::Regtest;
        r.birthdayHeight = 150;
        return r;
    }

    QString address(std::uint32_t index) const
    {
        return *m_keys->address({WalletAccount::Deposit, AddressChain::Receive, index});
    }

    Utxo coin(WalletAccount account, Amount value, int confirmations, AddressChain chain = AddressChain::Receive,
              std::uint32_t index = 0, bool coinbase = false) const
    {
        static int serial = 0;
        Utxo u;
        u.outpoint = {*btc::Txid::fromBytes(crypto::sha256("coin" + QByteArray::number(++serial))), 0};
        u.value = value;
        u.path = {account, chain, index};
        u.script = *m_keys->script(u.path);
        u.confirmations = confirmations;
        u.blockHeight = confirmations > 0 ? 500 : 0;
        u.coinbase = coinbase;
        return u;
    }

    /// Opens (or creates) and waits; returns the failure message, empty on success.
    static QString waitOpened(WalletController &c, const std::function<void()> &start)
    {
        QSignalSpy opened(&c, &WalletController::walletOpened);
        QSignalSpy failed(&c, &WalletController::walletOpenFailed);
        start();
        if (!QTest::qWaitFor([&] { return !opened.isEmpty() || !failed.isEmpty(); }, 20000))
            return QStringLiteral("timeout");
        return failed.isEmpty() ? QString() : failed.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto keys = WalletKeys::fromMnemonic(QString::fromLatin1(kMnemonic), {}, btc::Network::Regtest);
        QVERIFY(keys);
        m_keys = std::make_shared<const WalletKeys>(std::move(*keys));
        m_nodePort = closedPort();
        m_coordinatorPort = closedPort();
    }

    // ---- pure rules -------------------------------------------------------------

    void generateMnemonic()
    {
        for (int words : {12, 24}) {
            const QString m = WalletController::generateMnemonic(words);
            QCOMPARE(btc::splitMnemonic(m).size(), words);
            QVERIFY(btc::validateMnemonic(m));
        }
        QCOMPARE(btc::splitMnemonic(WalletController::generateMnemonic(7)).size(), 12);
        QVERIFY(WalletController::generateMnemonic() != WalletController::generateMnemonic());
        QCOMPARE(WalletController::defaultRestoreHeight(btc::Network::Main), 481824);
        QCOMPARE(WalletController::defaultRestoreHeight(btc::Network::Regtest), 1);
    }

    void balancesFromCoins()
    {
        const QList<Utxo> utxos{
            coin(WalletAccount::Deposit, 50'000, 3),
            coin(WalletAccount::Deposit, 20'000, 0),
            coin(WalletAccount::Deposit, 5'000'000'000, 10, AddressChain::Receive, 1, true), // immature coinbase
            coin(WalletAccount::Deposit, 7'000, 150, AddressChain::Receive, 2, true),        // mature coinbase
            coin(WalletAccount::Premix, 1'001'686, 1),
            coin(WalletAccount::Premix, 1'001'686, 1),
            coin(WalletAccount::Postmix, 1'000'000, 4),
            coin(WalletAccount::Postmix, 1'000'000, 0),
            coin(WalletAccount::Badbank, 12'345, 2, AddressChain::Change),
        };
        const WalletBalances b = WalletBalances::fromUtxos(utxos);
        const AccountBalance &deposit = b.account(WalletAccount::Deposit);
        QCOMPARE(deposit.confirmed, Amount(57'000));
        QCOMPARE(deposit.confirmedCoins, 2);
        QCOMPARE(deposit.unconfirmed, Amount(20'000));
        QCOMPARE(deposit.unconfirmedCoins, 1);
        QCOMPARE(deposit.immature, Amount(5'000'000'000));
        QCOMPARE(deposit.immatureCoins, 1);
        QCOMPARE(deposit.coins(), 4);
        QCOMPARE(b.account(WalletAccount::Premix).confirmed, Amount(2'003'372));
        QCOMPARE(b.account(WalletAccount::Premix).confirmedCoins, 2);
        QCOMPARE(b.account(WalletAccount::Postmix).confirmed, Amount(1'000'000));
        QCOMPARE(b.account(WalletAccount::Postmix).unconfirmed, Amount(1'000'000));
        QCOMPARE(b.account(WalletAccount::Badbank).total(), Amount(12'345));
        QCOMPARE(b.total(), Amount(57'000 + 20'000 + 5'000'000'000 + 2'003'372 + 2'000'000 + 12'345));
        QCOMPARE(WalletBalances::fromUtxos({}), WalletBalances{});
    }

    void poolsOfCoins()
    {
        const QList<proto::PoolInfo> pools{testPool(), smallPool()};
        // Premix: [denomination, mustMixBalanceMax] of a pool.
        QCOMPARE(poolForCoin(coin(WalletAccount::Premix, 1'001'686, 1), pools), QStringLiteral("0.01btc"));
        QCOMPARE(poolForCoin(coin(WalletAccount::Premix, 1'010'000, 1), pools), QStringLiteral("0.01btc"));
        QCOMPARE(poolForCoin(coin(WalletAccount::Premix, 1'010'001, 1), pools), QString());
        QCOMPARE(poolForCoin(coin(WalletAccount::Premix, 100'500, 1), pools), QStringLiteral("0.001btc"));
        // Postmix: a mix output (receive chain) of exactly a denomination.
        QCOMPARE(poolForCoin(coin(WalletAccount::Postmix, 1'000'000, 1), pools), QStringLiteral("0.01btc"));
        QCOMPARE(poolForCoin(coin(WalletAccount::Postmix, 1'000'001, 1), pools), QString());
        QCOMPARE(poolForCoin(coin(WalletAccount::Postmix, 1'000'000, 1, AddressChain::Change), pools), QString());
        // Deposit and badbank coins belong to no pool.
        QCOMPARE(poolForCoin(coin(WalletAccount::Deposit, 1'000'000, 1), pools), QString());
        QCOMPARE(poolForCoin(coin(WalletAccount::Badbank, 1'000'000, 1), pools), QString());
        QCOMPARE(poolForCoin(coin(WalletAccount::Premix, 1'001'686, 1), {}), QString());

        const Utxo premix = coin(WalletAccount::Premix, 1'001'686, 1);
        const Utxo unconfirmedPremix = coin(WalletAccount::Premix, 1'001'686, 0);
        const Utxo postmix = coin(WalletAccount::Postmix, 100'000, 2);
        const QList<MixableCoin> mixable =
            mixableCoins({premix, unconfirmedPremix, postmix, coin(WalletAccount::Deposit, 1'001'686, 5)}, pools);
        QCOMPARE(mixable.size(), 2);
        QCOMPARE(mixable[0], (MixableCoin{premix.outpoint, premix.value, premix.script, QStringLiteral("0.01btc"), false}));
        QCOMPARE(mixable[1], (MixableCoin{postmix.outpoint, postmix.value, postmix.script, QStringLiteral("0.001btc"), true}));
        QCOMPARE(mixableCoins({unconfirmedPremix}, pools, 0).size(), 1);

        // Why a coin does not mix, in words (never a silent "waiting").
        QVERIFY(AppText::whyNotMixing(premix, pools, 1).isEmpty());
        QVERIFY(AppText::whyNotMixing(postmix, pools, 1).isEmpty());
        QVERIFY(AppText::whyNotMixing(unconfirmedPremix, pools, 1).contains(QStringLiteral("confirmation")));
        QVERIFY(AppText::whyNotMixing(coin(WalletAccount::Deposit, 5, 1), pools, 1).contains(QStringLiteral("Tx0")));
        QVERIFY(AppText::whyNotMixing(coin(WalletAccount::Badbank, 5, 1), pools, 1).contains(QStringLiteral("never")));
        QVERIFY(AppText::whyNotMixing(coin(WalletAccount::Premix, 5, 1), pools, 1).contains(QStringLiteral("no pool")));
        QVERIFY(AppText::whyNotMixing(premix, {}, 1).contains(QStringLiteral("pools")));
        QVERIFY(AppText::whyNotMixing(coin(WalletAccount::Postmix, 1'000'000, 1, AddressChain::Change), pools, 1)
                    .contains(QStringLiteral("Change")));
    }

    void poolOwners()
    {
        proto::PoolInfo a = testPool();
        a.ownerUrlClear = QStringLiteral("http://127.0.0.1:8081");
        proto::PoolInfo b = smallPool();
        proto::PoolInfo c = smallPool();
        c.poolId = QStringLiteral("other");
        c.ownerUrlClear = QStringLiteral("http://10.0.0.9:9000");
        DirectoryConfig config;
        config.network = btc::Network::Regtest;
        config.bootstrap = {proto::ClusterInstance{{}, QStringLiteral("beta"), QStringLiteral("http://127.0.0.1:8081"), {}}};
        CoordinatorDirectory directory(config);
        const QList<PoolView> views = PoolView::fromPools({a, b, c}, &directory, false);
        QCOMPARE(views.size(), 3);
        QCOMPARE(views[0].ownerName, QStringLiteral("beta"));
        QVERIFY(views[0].hasOwner());
        QVERIFY(!views[1].hasOwner());
        QCOMPARE(views[1].ownerName, QString());
        QCOMPARE(views[2].ownerName, QStringLiteral("10.0.0.9")); // not a known instance: its host
    }

    void feeRates()
    {
        FeePresets p;
        p.fast.satPerVb = 30;
        p.normal.satPerVb = 12;
        p.slow.satPerVb = 3;
        QCOMPARE(feeRateFor(p, FeeLevel::Fast), Amount(30));
        QCOMPARE(feeRateFor(p, FeeLevel::Normal), Amount(12));
        QCOMPARE(feeRateFor(p, FeeLevel::Slow), Amount(3));
        QCOMPARE(feeRateFor(p, FeeLevel::Slow, 7), Amount(7));
    }

    void tx0InputChoice()
    {
        proto::Tx0Data data;
        data.poolId = QStringLiteral("0.01btc");
        data.feePaymentCode = feePaymentCode();
        data.feeValue = 50'000;
        proto::FeePayloadV1 payload;
        payload.feeIndice = 7;
        data.feePayload64 = proto::encodeZ85(payload.encode(proto::kFeePayloadLengthV1));
        auto other = WalletKeys::fromMnemonic(QStringLiteral("all all all all all all all all all all all all"), {},
                                              btc::Network::Regtest);
        data.feeAddress = *other->address({WalletAccount::Deposit, AddressChain::Receive, 7});
        Tx0Params params;
        params.tx0FeeRate = 2;
        params.mixFeeRate = 10;
        params.maxOutputs = 2;
        const Utxo big = coin(WalletAccount::Deposit, 3'000'000, 2, AddressChain::Receive, 0);
        const Utxo mid = coin(WalletAccount::Deposit, 1'500'000, 2, AddressChain::Receive, 1);
        const Utxo small = coin(WalletAccount::Deposit, 600'000, 2, AddressChain::Receive, 2);
        const Utxo unconfirmed = coin(WalletAccount::Deposit, 9'000'000, 0, AddressChain::Receive, 3);
        const Utxo premix = coin(WalletAccount::Premix, 9'000'000, 3);

        // The largest confirmed deposit coin alone gives the 2 outputs asked for.
        auto one = selectTx0Inputs({small, unconfirmed, big, premix, mid}, testPool(), data, params, btc::Network::Regtest);
        QVERIFY(one);
        QCOMPARE(*one, QList<Utxo>{big});
        // Three outputs need a second coin: the next largest.
        params.maxOutputs = 3;
        auto two = selectTx0Inputs({small, big, mid}, testPool(), data, params, btc::Network::Regtest);
        QVERIFY(two);
        QCOMPARE(*two, (QList<Utxo>{big, mid}));
        // Not enough for one output: the builder's reason.
        auto none = selectTx0Inputs({small}, testPool(), data, params, btc::Network::Regtest);
        QVERIFY(!none);
        QCOMPARE(none.error().code, int(Tx0Error::InsufficientFunds));
        QVERIFY(AppText::tx0Error(none.error()).startsWith(QStringLiteral("Not enough funds")));
        auto empty = selectTx0Inputs({unconfirmed, premix}, testPool(), data, params, btc::Network::Regtest);
        QVERIFY(!empty);
        QCOMPARE(empty.error().code, int(Tx0Error::NoInputs));
    }

    void settingsJson()
    {
        AppSettings s = settings();
        s.bootstrap.append(proto::ClusterInstance{QStringLiteral("b"), QStringLiteral("beta"), QStringLiteral("http://127.0.0.1:2"),
                                                  QStringLiteral("http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvw.onion")});
        s.operatorAddress = QStringLiteral("bcrt1qxyz");
        s.useOnion = true;
        s.proxyHost = QStringLiteral("127.0.0.1");
        s.proxyPort = 9050;
        s.nodeUser = QStringLiteral("u");
        s.nodePassword = QStringLiteral("p");
        s.maxConcurrent = 7;
        s.autoRemix = false;
        s.remixTarget = 4;
        s.feeDefaults = {30, 12, 3};
        auto back = AppSettings::fromJson(s.toJson());
        QVERIFY(back);
        QCOMPARE(*back, s);
        // Missing fields keep defaults; wrong types are refused with the field's name.
        auto partial = AppSettings::fromJson({{QStringLiteral("maxConcurrent"), 2}});
        QVERIFY(partial);
        QCOMPARE(partial->maxConcurrent, 2);
        QVERIFY(partial->autoMix);
        auto wrong = AppSettings::fromJson({{QStringLiteral("useOnion"), QStringLiteral("yes")}});
        QVERIFY(!wrong);
        QVERIFY(wrong.error().message.contains(QStringLiteral("useOnion")));
        QVERIFY(!AppSettings::fromJson({{QStringLiteral("maxConcurrent"), 0}}));
        QVERIFY(!AppSettings::fromJson({{QStringLiteral("bootstrap"), QJsonArray{1, 2}}}));
        QVERIFY(!AppSettings::fromJson({{QStringLiteral("proxyPort"), 70000}}));
        QVERIFY(!AppSettings::fromJson({{QStringLiteral("proxyPort"), 9.01e24}})); // found by fuzzing
        QVERIFY(!AppSettings::fromJson({{QStringLiteral("maxConcurrent"), 2.5}}));
        QVERIFY(!AppSettings::fromJson({{QStringLiteral("feeDefaults"), QJsonArray{20, 10}}}));
        QVERIFY(!AppSettings::fromJson({{QStringLiteral("feeDefaults"), QJsonArray{20, 10, 0.5}}}));
        QCOMPARE(AppSettings::fromJson({})->feeDefaults, (std::array<btc::Amount, 3>{20, 10, 2}));

        // Checks in plain words.
        QVERIFY(settings().validate(btc::Network::Regtest));
        AppSettings bad = settings();
        bad.nodeUrl = QStringLiteral("ftp://x");
        QVERIFY(!bad.validate(btc::Network::Regtest));
        bad = settings();
        bad.bootstrap.clear();
        QVERIFY(!bad.validate(btc::Network::Regtest));
        QVERIFY(bad.validateNode());
        bad = settings();
        bad.useOnion = true;
        QVERIFY(bad.validate(btc::Network::Regtest).error().message.contains(QStringLiteral("proxy")));
        bad = settings();
        bad.operatorAddress = QStringLiteral("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"); // a mainnet address
        QVERIFY(!bad.validate(btc::Network::Regtest));
        bad = settings();
        bad.bootstrap[0].urlClear = QStringLiteral("not a url");
        QVERIFY(!bad.validate(btc::Network::Regtest));
        bad = settings();
        bad.maxConcurrent = 0;
        QVERIFY(!bad.validate(btc::Network::Regtest));
        bad = settings();
        bad.feeDefaults = {5, 10, 2}; // fast below normal
        QVERIFY(!bad.validate(btc::Network::Regtest));
        QCOMPARE(s.feeOptions().defaults, s.feeDefaults);
        // The directory and orchestrator see what the settings say.
        const DirectoryConfig d = s.directoryConfig(btc::Network::Regtest);
        QCOMPARE(d.bootstrap, s.bootstrap);
        QVERIFY(d.useOnion);
        QVERIFY(d.identity.usesProxy());
        const OrchestratorConfig o = s.orchestratorConfig();
        QCOMPARE(o.maxConcurrent, 7);
        QVERIFY(!o.autoRemix);
        QCOMPARE(o.remixTarget, 4);
    }

    void mixHistory()
    {
        QList<MixRecord> h;
        const QString txid(64, QLatin1Char('a'));
        QVERIFY(MixHistory::append(h, MixRecord{txid, QStringLiteral("0.01btc"), 1000, QStringLiteral("alpha"), 1}));
        QVERIFY(!MixHistory::append(h, MixRecord{txid, QStringLiteral("0.01btc"), 2000, QStringLiteral("beta"), 2}));
        QVERIFY(MixHistory::append(h, MixRecord{QString(64, QLatin1Char('b')), QStringLiteral("0.01btc"), 3000,
                                                QStringLiteral("beta"), 3}));
        QCOMPARE(h.size(), 2);
        QVERIFY(!h[0].isRemix());
        QVERIFY(h[1].isRemix());
        QCOMPARE(MixHistory::fromJson(MixHistory::toJson(h)), h);
        // Malformed entries are skipped.
        QJsonArray json = MixHistory::toJson(h);
        json.append(QJsonObject{{QStringLiteral("txid"), QStringLiteral("xyz")}, {QStringLiteral("time"), 1}});
        json.append(42);
        json.append(QJsonObject{{QStringLiteral("txid"), QString(64, QLatin1Char('c'))}, {QStringLiteral("time"), 1e300}});
        json.append(QJsonObject{{QStringLiteral("txid"), QString(64, QLatin1Char('d'))}, {QStringLiteral("time"), -5}});
        QCOMPARE(MixHistory::fromJson(json), h);
        // Capped: the oldest go.
        QList<MixRecord> many;
        for (int i = 0; i < MixHistory::kMaxRecords + 5; ++i)
            MixHistory::append(many, MixRecord{QStringLiteral("%1").arg(i, 64, 10, QLatin1Char('0')), {}, i, {}, 1});
        QCOMPARE(many.size(), MixHistory::kMaxRecords);
        QCOMPARE(many.first().timeMs, qint64(5));
    }

    void eventLog()
    {
        EventLog log(3);
        for (int i = 0; i < 5; ++i)
            log.append(AppEvent{i, AppEvent::Source::Wallet, false, {}, QString::number(i), std::nullopt});
        QCOMPARE(log.events().size(), 3);
        QCOMPARE(log.events().first().message, QStringLiteral("2"));
        log.noteClusterMessage(QStringLiteral("redirected from alpha to beta"), 1000);
        QVERIFY(log.repeatsClusterEvent(QStringLiteral("abcd1234:0: redirected from alpha to beta"), 2000));
        QVERIFY(!log.repeatsClusterEvent(QStringLiteral("abcd1234:0: redirected from alpha to beta"), 20000));
        QVERIFY(!log.repeatsClusterEvent(QStringLiteral("abcd1234:0 mixed in 1234"), 2000));
    }

    void plainWords()
    {
        // Every error code of the lower layers has its own sentence.
        QSet<QString> seen;
        for (int code = 1; code <= int(WalletFileError::BadContents); ++code)
            seen.insert(AppText::walletFileError(Error(code, {})));
        QCOMPARE(seen.size(), int(WalletFileError::BadContents));
        QCOMPARE(AppText::walletFileError(Error(int(WalletFileError::WrongPassword), QStringLiteral("x"))),
                 QStringLiteral("Wrong password."));
        for (int code = 1; code <= int(Tx0Error::SigningFailed); ++code)
            QVERIFY(!AppText::tx0Error(Error(code, QStringLiteral("detail"))).isEmpty());
        for (int code = 1; code <= int(SpendError::SigningFailed); ++code)
            QVERIFY(AppText::spendError(Error(code, QStringLiteral("detail"))).contains(QStringLiteral("detail")) ||
                    code == int(SpendError::NoCoins));
        DirectoryEvent e;
        e.kind = DirectoryEvent::Kind::Failover;
        e.instanceName = QStringLiteral("gamma");
        e.message = QStringLiteral("after 1.2 s");
        QVERIFY(AppText::directoryEvent(e).contains(QStringLiteral("gamma")));
    }

    // ---- the controller ---------------------------------------------------------

    void createLockOpenRoundTrip()
    {
        WalletController c(settings(), options());
        QCOMPARE(c.state(), WalletController::State::Closed);
        QVERIFY(!c.receiveAddress());
        QSignalSpy states(&c, &WalletController::stateChanged);
        QCOMPARE(waitOpened(c, [&] { c.createWallet(request(QStringLiteral("a.wallet"))); }), QString());
        QCOMPARE(states.size(), 2); // Opening, Open
        QVERIFY(c.isOpen());
        QCOMPARE(c.walletPath(), path(QStringLiteral("a.wallet")));
        QCOMPARE(c.network(), btc::Network::Regtest);
        QCOMPARE(c.birthdayHeight(), 150);
        QCOMPARE(*c.receiveAddress(), address(0));
        QCOMPARE(*c.receiveAddress(), address(0)); // stable until used
        QCOMPARE(*c.newReceiveAddress(), address(1)); // address(0) handed out; the next one
        QCOMPARE(*c.receiveAddress(), address(1));
        QVERIFY(c.isMixing());
        QCOMPARE(c.settings(), settings());
        QVERIFY(QFileInfo(path(QStringLiteral("a.wallet"))).exists());

        QSignalSpy locked(&c, &WalletController::walletLocked);
        c.lockWallet();
        QCOMPARE(locked.size(), 1);
        QCOMPARE(c.state(), WalletController::State::Closed);
        QVERIFY(!c.receiveAddress());
        QCOMPARE(c.walletPath(), QString());
        QVERIFY(c.coins().isEmpty());

        QCOMPARE(waitOpened(c, [&] { c.openWallet(path(QStringLiteral("a.wallet")), kPassword); }), QString());
        QCOMPARE(*c.receiveAddress(), address(0));
        QCOMPARE(c.birthdayHeight(), 150);

        // Wrong password: refused in plain words, nothing open, the file intact.
        c.lockWallet();
        QCOMPARE(waitOpened(c, [&] { c.openWallet(path(QStringLiteral("a.wallet")), QStringLiteral("nope")); }),
                 QStringLiteral("Wrong password."));
        QCOMPARE(c.state(), WalletController::State::Closed);
        QCOMPARE(waitOpened(c, [&] { c.openWallet(path(QStringLiteral("missing.wallet")), kPassword); }).isEmpty(), false);
        QCOMPARE(waitOpened(c, [&] { c.openWallet(path(QStringLiteral("a.wallet")), kPassword); }), QString());
        // Only one wallet at a time.
        QVERIFY(waitOpened(c, [&] { c.openWallet(path(QStringLiteral("a.wallet")), kPassword); }).contains(QStringLiteral("Lock")));
        QVERIFY(c.isOpen());
    }

    void passphraseAndRestore()
    {
        WalletController c(settings(), options());
        QCOMPARE(waitOpened(c, [&] { c.createWallet(request(QStringLiteral("p.wallet"), QStringLiteral("extra"))); }),
                 QString());
        const QString withPassphrase = *c.receiveAddress();
        QVERIFY(withPassphrase != address(0));
        c.lockWallet();
        NewWalletRequest r = request(QStringLiteral("r.wallet"));
        r.birthdayHeight = -1; // restore: the network's default
        r.mnemonic = QStringLiteral("  ABANDON abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about ");
        QCOMPARE(waitOpened(c, [&] { c.restoreWallet(r); }), QString());
        QCOMPARE(c.birthdayHeight(), WalletController::defaultRestoreHeight(btc::Network::Regtest));
        QCOMPARE(*c.receiveAddress(), address(0));
    }

    void createRefusals()
    {
        WalletController c(settings(), options());
        QVERIFY(waitOpened(c, [&] { c.createWallet(request(QStringLiteral("x.wallet"))); }).isEmpty());
        c.lockWallet();
        // An existing file is never replaced.
        QVERIFY(waitOpened(c, [&] { c.createWallet(request(QStringLiteral("x.wallet"))); }).contains(QStringLiteral("exists")));
        NewWalletRequest bad = request(QStringLiteral("y.wallet"));
        bad.mnemonic = QStringLiteral("abandon abandon abandon");
        QVERIFY(waitOpened(c, [&] { c.createWallet(bad); }).contains(QStringLiteral("recovery words")));
        bad = request(QStringLiteral("y.wallet"));
        bad.password.clear();
        QVERIFY(waitOpened(c, [&] { c.createWallet(bad); }).contains(QStringLiteral("password")));
        // A new wallet without a birthday needs the node's height: said so when it is down.
        bad = request(QStringLiteral("y.wallet"));
        bad.birthdayHeight = -1;
        QVERIFY(waitOpened(c, [&] { c.createWallet(bad); }).contains(QStringLiteral("node")));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("y.wallet"))));
        QCOMPARE(c.state(), WalletController::State::Closed);
    }

    void settingsPersist()
    {
        const QString file = path(QStringLiteral("s.wallet"));
        AppSettings changed = settings();
        changed.maxConcurrent = 5;
        changed.remixTarget = 3;
        changed.bootstrap.append(proto::ClusterInstance{{}, QStringLiteral("beta"), QStringLiteral("http://127.0.0.1:1"), {}});
        {
            auto c = std::make_unique<WalletController>(settings(), options());
            QCOMPARE(waitOpened(*c, [&] { c->createWallet(request(QStringLiteral("s.wallet"))); }), QString());
            QSignalSpy settingsChanged(c.get(), &WalletController::settingsChanged);
            // Invalid settings are refused in plain words and change nothing.
            AppSettings invalid = changed;
            invalid.nodeUrl.clear();
            auto refused = c->setSettings(invalid);
            QVERIFY(!refused);
            QVERIFY(refused.error().message.contains(QStringLiteral("node")));
            QCOMPARE(c->settings(), settings());
            QVERIFY(c->setSettings(changed));
            QCOMPARE(settingsChanged.size(), 1);
            QCOMPARE(c->settings(), changed);
            QCOMPARE(c->instances().size(), 2);
            c->stopMixing();
            QVERIFY(!c->isMixing());
            // Destroyed while open: the last state is written before the destructor returns.
        }
        // What the file holds.
        auto raw = EncryptedWalletFile::open(file, kPassword);
        QVERIFY(raw);
        const QJsonObject state = raw->contents().appState;
        QCOMPARE(state.value(QStringLiteral("settings")).toObject().value(QStringLiteral("maxConcurrent")).toInt(), 5);
        QCOMPARE(state.value(QStringLiteral("mixing")).toObject().value(QStringLiteral("running")).toBool(true), false);

        // Another controller with other defaults takes the wallet's settings.
        WalletController c(AppSettings::defaults(btc::Network::Regtest), options());
        QCOMPARE(waitOpened(c, [&] { c.openWallet(file, kPassword); }), QString());
        QCOMPARE(c.settings(), changed);
        QVERIFY(!c.isMixing());
        c.startMixing();
        QVERIFY(c.isMixing());
    }

    void changePassword()
    {
        WalletController c(settings(), options());
        QCOMPARE(waitOpened(c, [&] { c.createWallet(request(QStringLiteral("c.wallet"))); }), QString());
        std::optional<Result<void>> answer;
        QObject context;
        c.changePassword(QStringLiteral("wrong"), QStringLiteral("new one"), &context, [&](Result<void> r) { answer = r; });
        QVERIFY(!answer.has_value()); // never inside the call
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 20000);
        QVERIFY(!*answer);
        QCOMPARE(answer->error().message, QStringLiteral("Wrong password."));
        answer.reset();
        c.changePassword(kPassword, QStringLiteral("new one"), &context, [&](Result<void> r) { answer = r; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 20000);
        QVERIFY(*answer);
        // Saving still works under the new key.
        AppSettings s = settings();
        s.remixTarget = 9;
        QVERIFY(c.setSettings(s));
        c.lockWallet();
        QCOMPARE(waitOpened(c, [&] { c.openWallet(path(QStringLiteral("c.wallet")), kPassword); }),
                 QStringLiteral("Wrong password."));
        QCOMPARE(waitOpened(c, [&] { c.openWallet(path(QStringLiteral("c.wallet")), QStringLiteral("new one")); }), QString());
        QCOMPARE(c.settings().remixTarget, 9);
    }

    void errorsSurface()
    {
        // Node and coordinators down: the wallet opens, and says so instead of waiting silently.
        WalletController c(settings(), options());
        QSignalSpy syncFailed(&c, &WalletController::syncFailed);
        QCOMPARE(waitOpened(c, [&] { c.createWallet(request(QStringLiteral("e.wallet"))); }), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!syncFailed.isEmpty(), 15000);
        QVERIFY(!c.nodeStatus().reachable);
        QVERIFY(c.nodeStatus().lastError.contains(QStringLiteral("node")));
        QTRY_VERIFY_WITH_TIMEOUT(!c.clusterStatus().lastError.isEmpty(), 15000);
        QVERIFY(!c.clusterStatus().poolsLoaded);
        QVERIFY(c.clusterStatus().configured);
        const QList<AppEvent> events = c.events();
        QVERIFY(std::any_of(events.begin(), events.end(),
                            [](const AppEvent &e) { return e.source == AppEvent::Source::Node && e.warning; }));
        QVERIFY(std::any_of(events.begin(), events.end(),
                            [](const AppEvent &e) { return e.source == AppEvent::Source::Cluster && e.warning; }));

        // Tx0 and spend say why they cannot run.
        QObject context;
        std::optional<Result<Tx0Plan>> plan;
        c.previewTx0(Tx0Order{QStringLiteral("0.01btc"), {}, FeeLevel::Normal, 0, 0, false}, &context,
                     [&](Result<Tx0Plan> r) { plan.emplace(std::move(r)); });
        QTRY_VERIFY(plan.has_value());
        QVERIFY(!*plan);
        QVERIFY(plan->error().message.contains(QStringLiteral("pools")));
        auto spend = c.previewSpend(SpendOrder{{}, address(5), 1000, false, FeeLevel::Normal, 0});
        QVERIFY(!spend);
        QVERIFY(spend.error().message.contains(QStringLiteral("synced")));
        std::optional<Result<SpendSent>> sent;
        c.sendSpend(SpendOrder{{}, address(5), 1000, false, FeeLevel::Normal, 0}, &context,
                    [&](Result<SpendSent> r) { sent.emplace(std::move(r)); });
        QTRY_VERIFY(sent.has_value());
        QVERIFY(!*sent);

        // A call still waiting when the wallet is locked is answered, not forgotten.
        std::optional<Result<void>> change;
        c.changePassword(kPassword, QStringLiteral("x"), &context, [&](Result<void> r) { change.emplace(r); });
        c.lockWallet();
        QTRY_VERIFY_WITH_TIMEOUT(change.has_value(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestWalletController)
#include "tst_walletcontroller.moc"
