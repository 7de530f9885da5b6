// One PoolService in process, on a real MariaDB and a real bcoin regtest node. Its clients
// are scripted through the SessionMessenger seam (the interface the STOMP controller
// implements): every message to a session is recorded, and each scripted client answers
// as a real one would (confirm with a blinded bordereau, register an output through
// PoolService::registerOutput, reveal, sign with its real key). The coins are real P2WPKH
// outputs of the pool's value, one funding transaction each, so invitations pass the ban
// and spent checks and the mix transaction is accepted by the node.
#include "../e2e/e2ehelpers.h"

#include <db/database.h>
#include <db/dbconnection.h>
#include <db/migrations.h>
#include <mixstore.h>
#include <poolservice.h>

#include <bitcoin/address.h>
#include <crypto/random.h>
#include <crypto/rsablind.h>
#include <net/noderpcclient.h>
#include <protocol/z85.h>

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <memory>

using namespace wp;
using namespace wp::server;

namespace {

constexpr btc::Amount kDenomination = 1'000'000;
/// What each premix coin pays above the denomination (the mix's miner fee share).
constexpr btc::Amount kOverpay = 300;
constexpr btc::Amount kFundingFee = 2'000;
constexpr int kCoins = 30;
constexpr int kBordereauLength = 30;
const QString kPoolId = QStringLiteral("0.01btc");

mix::PoolConfig testPool()
{
    mix::PoolConfig p;
    p.poolId = kPoolId;
    p.denomination = kDenomination;
    p.feeValue = 50'000;
    p.minerFeeMin = 200;
    p.minerFeeCap = 10'000;
    p.minerFeeMax = 20'000;
    p.anonymitySet = 3;
    p.minMustMix = 2;
    p.minLiquidity = 0;
    return p;
}

mix::MixTimings testTimings()
{
    mix::MixTimings t;
    t.confirmTickMs = 80;
    t.confirmDeadlineMs = 700;
    t.registerOutputMs = 5'000;
    t.revealOutputMs = 2'000;
    t.signingMs = 5'000;
    return t;
}

/// A premix coin of the pool's value and its key.
struct Coin {
    btc::OutPoint outpoint;
    btc::TxOut output;
    crypto::PrivKey key;
};

QString freshAddress()
{
    const crypto::PrivKey key = crypto::PrivKey::generate();
    return *btc::scriptToAddress(test::p2wpkhOf(key.pubKey()), btc::networkParams(btc::Network::Regtest));
}

/// One message the pool sent to a session.
struct Received {
    QString type; ///< short class name, e.g. "ConfirmInputMixStatusNotification"
    QJsonObject body;
    qint64 atMs = 0;
};

/// A client of one session, answering the pool as the real client does (each answer
/// one event-loop turn later, as if it had crossed the network).
struct ScriptedClient {
    ScriptedClient(QString session, Coin c) : sessionId(std::move(session)), coin(std::move(c)) {}

    QString sessionId;
    Coin coin;
    bool confirm = true;       ///< answer invitations
    bool rejoinOnFail = true;  ///< register the input again after a FAIL, as real clients do
    QString userPreHash = util::toHex(crypto::randomBytes(16));

    QList<Received> received;
    QString invitedMixId;
    std::optional<crypto::RsaPublicKey> mixKey;
    std::optional<crypto::BlindingContext> blinding;
    QString confirmedMixId;
    QByteArray unblindedSignature;
    QString outputAddress;
    std::optional<Result<void>> outputAnswer;
    QStringList successes;
    QStringList failures;

    mix::RegisteredInput registeredInput() const
    {
        mix::RegisteredInput input;
        input.sessionId = sessionId;
        input.outpoint = coin.outpoint;
        input.prevout = coin.output;
        input.liquidity = false;
        return input;
    }
    QString blameIdentifier() const { return coin.outpoint.txid.toHex(); }
    int count(const QString &type) const
    {
        return int(std::count_if(received.begin(), received.end(), [&](const Received &r) { return r.type == type; }));
    }
    QList<Received> all(const QString &type) const
    {
        QList<Received> out;
        for (const Received &r : received)
            if (r.type == type)
                out.append(r);
        return out;
    }
    QList<int> errorCodes() const
    {
        QList<int> out;
        for (const Received &r : all(QStringLiteral("ErrorResponse")))
            out.append(r.body.value(QStringLiteral("errorCode")).toInt());
        return out;
    }
};

/// The SessionMessenger of the test: records every message per session and lets the
/// scripted client of that session answer through the PoolService's public API.
/// Thread affinity: the test thread.
class ScriptedMessenger : public QObject, public mix::SessionMessenger {
public:
    void setPool(PoolService *pool) { m_pool = pool; }
    /// Runs when a client reads a message, before it answers (one event-loop turn after the pool sent it).
    void setOnRead(std::function<void(ScriptedClient &, const QString &type)> hook) { m_onRead = std::move(hook); }
    ScriptedClient &addClient(const Coin &coin)
    {
        auto client = std::make_shared<ScriptedClient>(QStringLiteral("session-%1").arg(++m_nextSession), coin);
        m_clients.insert(client->sessionId, client);
        return *client;
    }

    void sendToSession(const QString &sessionId, const char *messageType, const QJsonObject &body) override
    {
        auto client = m_clients.value(sessionId);
        QVERIFY2(client, qPrintable(QStringLiteral("a message to unknown session %1").arg(sessionId)));
        const QString type = proto::messageTypeShortName(QString::fromLatin1(messageType));
        client->received.append({type, body, m_clock.elapsed()});
        // The answer crosses the network: never from inside the pool's own call.
        QTimer::singleShot(0, this, [this, client, type, body] { answer(*client, type, body); });
    }

private:
    void answer(ScriptedClient &c, const QString &type, const QJsonObject &body)
    {
        if (m_onRead)
            m_onRead(c, type);
        if (!m_pool)
            return;
        const QByteArray json = proto::toJsonBytes(body);
        if (type == QLatin1String("ConfirmInputMixStatusNotification")) {
            auto n = proto::ConfirmInputMixStatusNotification::fromJson(json);
            QVERIFY(n);
            c.invitedMixId = n->mixId;
            const auto der = proto::decodeZ85(n->publicKey64);
            QVERIFY(der);
            c.mixKey = crypto::RsaPublicKey::fromDer(*der);
            QVERIFY(c.mixKey);
            if (!c.confirm)
                return;
            auto blinded = crypto::blind(*c.mixKey, crypto::randomBytes(kBordereauLength));
            QVERIFY(blinded);
            c.blinding = *blinded;
            proto::ConfirmInputRequest request;
            request.mixId = n->mixId;
            request.blindedBordereau64 = proto::encodeZ85(c.blinding->blinded());
            request.userHash = util::toHex(crypto::sha256((n->mixId + c.userPreHash).toUtf8()));
            m_pool->confirmInput(c.sessionId, request);
        } else if (type == QLatin1String("ConfirmInputResponse")) {
            auto r = proto::ConfirmInputResponse::fromJson(json);
            QVERIFY(r && c.blinding && c.mixKey);
            const auto blindSignature = proto::decodeZ85(r->signedBordereau64);
            QVERIFY(blindSignature);
            auto unblinded = crypto::unblind(*c.mixKey, *c.blinding, *blindSignature);
            QVERIFY2(unblinded, "the pool's blind signature does not unblind to a valid signature");
            c.unblindedSignature = *unblinded;
            c.confirmedMixId = r->mixId;
        } else if (type == QLatin1String("RegisterOutputMixStatusNotification")) {
            auto n = proto::RegisterOutputMixStatusNotification::fromJson(json);
            QVERIFY(n && n->mixId == c.confirmedMixId && c.blinding);
            c.outputAddress = freshAddress();
            proto::RegisterOutputRequest request;
            request.inputsHash = n->inputsHash;
            request.unblindedSignedBordereau64 = proto::encodeZ85(c.unblindedSignature);
            request.receiveAddress = c.outputAddress;
            request.bordereau64 = proto::encodeZ85(c.blinding->message());
            QVERIFY(m_pool->ownsInputsHash(n->inputsHash));
            m_pool->registerOutput(request, this, [&c](Result<void> r) { c.outputAnswer = r; });
        } else if (type == QLatin1String("RevealOutputMixStatusNotification")) {
            m_pool->revealOutput(c.sessionId, proto::RevealOutputRequest{c.confirmedMixId, c.outputAddress});
        } else if (type == QLatin1String("SigningMixStatusNotification")) {
            auto n = proto::SigningMixStatusNotification::fromJson(json);
            QVERIFY(n);
            const auto raw = proto::decodeZ85(n->transaction64);
            QVERIFY(raw);
            auto tx = btc::Transaction::deserialize(*raw);
            QVERIFY(tx);
            qsizetype index = -1;
            for (qsizetype i = 0; i < tx->inputs.size(); ++i)
                if (tx->inputs[i].prevout == c.coin.outpoint)
                    index = i;
            QVERIFY2(index >= 0, "our input is not in the mix transaction");
            QVERIFY(btc::signP2wpkhInput(*tx, index, c.coin.output.value, c.coin.key));
            proto::SigningRequest request;
            request.mixId = n->mixId;
            for (const QByteArray &item : tx->inputs[index].witness)
                request.witnesses64.append(proto::encodeZ85(item));
            m_pool->signing(c.sessionId, request);
        } else if (type == QLatin1String("SuccessMixStatusNotification")) {
            c.successes.append(body.value(QStringLiteral("mixId")).toString());
        } else if (type == QLatin1String("FailMixStatusNotification")) {
            c.failures.append(body.value(QStringLiteral("mixId")).toString());
            c.confirmedMixId.clear();
            c.blinding.reset();
            if (c.rejoinOnFail)
                m_pool->registerInput(c.registeredInput());
        }
    }

    QPointer<PoolService> m_pool;
    std::function<void(ScriptedClient &, const QString &)> m_onRead;
    QHash<QString, std::shared_ptr<ScriptedClient>> m_clients;
    int m_nextSession = 0;
    QElapsedTimer m_clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
};

} // namespace

class TestPoolService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto dbStarted = m_dbServer.start();
        QVERIFY2(dbStarted, dbStarted ? "" : qPrintable(dbStarted.error().message));
        const db::DbConfig config = test::dbConfigForCoordinator(m_dbServer.address());
        m_database = std::make_unique<db::Database>(config);
        auto migrated = m_database->runSync<QList<int>>(&db::Migrations::applyEmbedded);
        QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().message));
        m_store = std::make_unique<MixStore>(*m_database);
        m_sql = std::make_unique<db::DbConnection>(config);
        auto connected = m_sql->connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));

        auto nodeStarted = m_node.start();
        QVERIFY2(nodeStarted, nodeStarted ? "" : qPrintable(nodeStarted.error().message));
        m_rpc = std::make_unique<net::NodeRpcClient>(
            net::NodeRpcConfig{QUrl(m_node.url()), QStringLiteral("x"), m_node.apiKey(), {}, 10000});
        fundCoins();
    }

    void init()
    {
        m_messenger = std::make_unique<ScriptedMessenger>();
        m_leaseHeld = true;
        m_instanceId = util::toHex(crypto::randomBytes(16));
        PoolService::Deps deps{*m_messenger, *m_store, *m_rpc, btc::Network::Regtest, m_instanceId, mix::BanPolicy{}, 0};
        m_pool = std::make_unique<PoolService>(testPool(), testTimings(), std::move(deps));
        m_pool->setLeaseGuard([this] { return m_leaseHeld; });
        m_messenger->setPool(m_pool.get());
        connect(m_pool.get(), &PoolService::mixStarted, this, [this](const QString &id) { m_started.append(id); });
        connect(m_pool.get(), &PoolService::mixFinished, this, [this](const MixRecord &r) { m_finished.append(r); });
    }

    /// Gives this test's instance the pool's lease under @p epoch in the database (every write
    /// the pool makes is fenced by it), then starts the pool.
    void startUnderLease(qint64 epoch)
    {
        auto leased = m_sql->exec("INSERT INTO pool_lease (pool_id, instance_id, epoch, expires_at)"
                                  " VALUES (?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)"
                                  " ON DUPLICATE KEY UPDATE instance_id = VALUES(instance_id), epoch = VALUES(epoch),"
                                  " expires_at = VALUES(expires_at)",
                                  {testPool().poolId, m_instanceId, epoch});
        QVERIFY2(leased, leased ? "" : qPrintable(leased.error().message));
        m_pool->start(epoch);
    }

    void cleanup()
    {
        m_pool.reset();
        m_messenger.reset();
        m_started.clear();
        m_finished.clear();
    }

    void fullMixIsBroadcast()
    {
        QList<ScriptedClient *> clients = registerClients(3);
        startUnderLease(0);
        QTRY_COMPARE_WITH_TIMEOUT(m_finished.size(), 1, 20000);
        const MixRecord record = m_finished.first();
        QCOMPARE(record.status, QStringLiteral("SUCCESS"));
        QCOMPARE(record.anonymitySet, 3);
        QCOMPARE(record.amountIn, 3 * (kDenomination + kOverpay));
        QCOMPARE(record.amountOut, 3 * kDenomination);
        QCOMPARE(record.poolId, kPoolId);
        for (ScriptedClient *c : clients) {
            QTRY_COMPARE(c->successes, QStringList{record.mixId});
            QVERIFY(c->outputAnswer && *c->outputAnswer);
            QCOMPARE(c->count(QStringLiteral("ErrorResponse")), 0);
        }
        // The node took the mix: it is in the mempool, and pays every registered output.
        auto mempool = m_node.rpc(QStringLiteral("getrawmempool"));
        QVERIFY(mempool);
        QVERIFY2(mempool->toArray().contains(record.txid), qPrintable(record.txid));
        auto tx = btc::Transaction::deserialize(record.rawTx);
        QVERIFY(tx);
        QCOMPARE(tx->outputs.size(), 3);
        for (ScriptedClient *c : clients) {
            const auto script = btc::addressToScript(c->outputAddress, btc::networkParams(btc::Network::Regtest));
            QVERIFY(script);
            QVERIFY(std::any_of(tx->outputs.begin(), tx->outputs.end(), [&](const btc::TxOut &o) {
                return o.scriptPubKey == *script && o.value == kDenomination;
            }));
        }
        // Recorded: the mix row, its transaction, the remix provenance.
        QTRY_COMPARE(mixStatus(record.mixId), QStringLiteral("SUCCESS"));
        auto txid = m_sql->queryOne("SELECT txid FROM mix_txid WHERE txid = ?", {record.txid});
        QVERIFY(txid && txid->has_value());
        // The next mix started, with a new key.
        QTRY_COMPARE(m_started.size(), 2);
        QVERIFY(m_started.last() != record.mixId);
        mine(); // the next tests start from an empty mempool
    }

    void disconnectAfterConfirmIsBlamedAndTheNextMixStartsAtOnce()
    {
        // Two of three inputs: the mix waits in CONFIRM_INPUT with both confirmed.
        QList<ScriptedClient *> clients = registerClients(2);
        ScriptedClient &leaver = *clients[0];
        ScriptedClient &honest = *clients[1];
        leaver.rejoinOnFail = false; // its session is closed
        startUnderLease(0);
        QTRY_VERIFY_WITH_TIMEOUT(!leaver.confirmedMixId.isEmpty() && !honest.confirmedMixId.isEmpty(), 10000);
        const QString mixId = leaver.confirmedMixId;
        QCOMPARE(m_pool->currentMix()->mixId(), mixId);
        QCOMPARE(m_pool->currentMix()->phase(), mix::MixPhase::ConfirmInput);
        const int startedBefore = int(m_started.size());

        // It holds a blind signature and leaves: blamed, and the mix fails at once; the next
        // one starts with a fresh key as soon as the key is ready (no phase timeout, no
        // tick: the key prefetched since the last mix started, or still being generated).
        QElapsedTimer clock;
        clock.start();
        m_pool->sessionClosed(leaver.sessionId);
        QCOMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().status, QStringLiteral("FAIL"));
        QCOMPARE(m_finished.first().failReason, QStringLiteral("DISCONNECT"));
        QTRY_COMPARE_WITH_TIMEOUT(int(m_started.size()), startedBefore + 1, 3000);
        qInfo("next mix started %lld ms after the disconnect", qint64(clock.elapsed()));
        QVERIFY(m_started.last() != mixId);
        QVERIFY(m_pool->currentMix());
        QCOMPARE(m_pool->currentMix()->mixId(), m_started.last());
        QVERIFY(m_pool->currentMix()->key().fingerprint() != leaver.mixKey->fingerprint());

        QTRY_COMPARE(blames(leaver.blameIdentifier()), QStringList{QStringLiteral("DISCONNECT ") + mixId});
        QCOMPARE(blames(honest.blameIdentifier()), QStringList{});
        QTRY_COMPARE(honest.failures, QStringList{mixId});
        QTRY_COMPARE(mixStatus(mixId), QStringLiteral("FAIL"));
        // The innocent input registers again and is invited into the next mix.
        QTRY_COMPARE_WITH_TIMEOUT(honest.confirmedMixId, m_started.last(), 5000);

        // A confirmation of the mix that failed, arriving late from a session that is in the
        // next mix by now, is ignored: it must not end that honest client's session.
        const int errorsBefore = honest.count(QStringLiteral("ErrorResponse"));
        proto::ConfirmInputRequest late;
        late.mixId = mixId;
        late.blindedBordereau64 = proto::encodeZ85(crypto::randomBytes(256));
        late.userHash = QStringLiteral("late");
        m_pool->confirmInput(honest.sessionId, late);
        QTest::qWait(50);
        QCOMPARE(honest.count(QStringLiteral("ErrorResponse")), errorsBefore);
    }

    void inputSpentBeforeRegisterOutputIsBlamedSpent()
    {
        QList<ScriptedClient *> clients = registerClients(2);
        ScriptedClient &spender = *clients[0];
        spender.rejoinOnFail = false;
        startUnderLease(0);
        QTRY_VERIFY_WITH_TIMEOUT(!clients[0]->confirmedMixId.isEmpty() && !clients[1]->confirmedMixId.isEmpty(), 10000);
        const QString mixId = spender.confirmedMixId;
        // It holds its blind signature, then spends its coin elsewhere (mined).
        doubleSpend(spender.coin);
        // The third input completes the mix: the spend is found before REGISTER_OUTPUT.
        ScriptedClient &third = *registerClients(1).first();
        QTRY_COMPARE_WITH_TIMEOUT(m_finished.size(), 1, 10000);
        QCOMPARE(m_finished.first().mixId, mixId);
        QCOMPARE(m_finished.first().status, QStringLiteral("FAIL"));
        QCOMPARE(m_finished.first().failReason, QStringLiteral("SPENT"));
        for (ScriptedClient *c : clients)
            QCOMPARE(c->count(QStringLiteral("RegisterOutputMixStatusNotification")), 0);
        QTRY_COMPARE(blames(spender.blameIdentifier()), QStringList{QStringLiteral("SPENT ") + mixId});
        QCOMPARE(blames(clients[1]->blameIdentifier()), QStringList{});
        QCOMPARE(blames(third.blameIdentifier()), QStringList{});
        QTRY_COMPARE(mixStatus(mixId), QStringLiteral("FAIL"));
    }

    void bannedInputIsNeverInvited()
    {
        ScriptedClient &banned = m_messenger->addClient(takeCoin());
        QVERIFY(m_sql->exec("INSERT INTO ban (identifier, expiration, response, notes, created)"
                            " VALUES (?, NULL, 'Test ban.', 'tst_poolservice', UTC_TIMESTAMP(6))",
                            {banned.blameIdentifier()}));
        m_pool->registerInput(banned.registeredInput());
        QList<ScriptedClient *> honest = registerClients(2);
        // Three inputs for three slots: the banned one is picked, and refused before its invitation.
        startUnderLease(0);
        QTRY_COMPARE_WITH_TIMEOUT(banned.errorCodes(), QList<int>{proto::error::kInputBanned}, 10000);
        QVERIFY(banned.all(QStringLiteral("ErrorResponse")).first().body.value(QStringLiteral("message")).toString()
                    .contains(QStringLiteral("Test ban.")));
        honest.append(registerClients(1));
        QTRY_COMPARE_WITH_TIMEOUT(m_finished.size(), 1, 20000);
        QCOMPARE(m_finished.first().status, QStringLiteral("SUCCESS"));
        QCOMPARE(banned.count(QStringLiteral("ConfirmInputMixStatusNotification")), 0);
        for (ScriptedClient *c : honest)
            QTRY_COMPARE(c->successes.size(), 1);
        mine();
    }

    void silentInputLosesItsSlotThenIsBlamed()
    {
        ScriptedClient &silent = m_messenger->addClient(takeCoin());
        silent.confirm = false;
        m_pool->registerInput(silent.registeredInput());
        QList<ScriptedClient *> honest = registerClients(2);
        startUnderLease(0);
        // Invited, silent past the confirm deadline: its slot is freed, and it is invited again
        // only because no other input waits.
        QTRY_COMPARE_WITH_TIMEOUT(silent.count(QStringLiteral("ConfirmInputMixStatusNotification")), 2, 10000);
        const QList<Received> invitations = silent.all(QStringLiteral("ConfirmInputMixStatusNotification"));
        // (the invitation goes out after the ban and spent checks: allow for their latency)
        QVERIFY2(invitations[1].atMs - invitations[0].atMs >= testTimings().confirmDeadlineMs - 150,
                 qPrintable(QStringLiteral("invited again after %1 ms").arg(invitations[1].atMs - invitations[0].atMs)));
        QVERIFY(m_pool->currentMix()->isConfirming(silent.sessionId));
        QCOMPARE(blames(silent.blameIdentifier()), QStringList{});
        // Silent again: refused and blamed CONFIRM_TIMEOUT; the mix goes on without it.
        QTRY_COMPARE_WITH_TIMEOUT(silent.errorCodes(), QList<int>{proto::error::kInputRejected}, 5000);
        const QString mixId = m_pool->currentMix()->mixId();
        QTRY_COMPARE(blames(silent.blameIdentifier()), QStringList{QStringLiteral("CONFIRM_TIMEOUT ") + mixId});
        QVERIFY(!m_pool->currentMix()->isConfirming(silent.sessionId));
        QCOMPARE(m_pool->queuedInputs(), 0);
        QCOMPARE(m_pool->currentMix()->nbInputs(), 2);
        QCOMPARE(m_finished.size(), 0); // nobody else is charged: the mix still collects inputs
        for (ScriptedClient *c : honest)
            QCOMPARE(blames(c->blameIdentifier()), QStringList{});
    }

    /// The local guard still says the lease is ours, but the database gave it to another
    /// instance (a clock or fence error): the first write of the mix (its first output) is
    /// fenced out in SQL, the pool stops at once, and nothing of the mix is recorded.
    void writeRefusedByTheLeaseStopsThePool()
    {
        QList<ScriptedClient *> clients = registerClients(3);
        for (ScriptedClient *c : clients)
            c->rejoinOnFail = false;
        startUnderLease(7);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(),
                                             [](ScriptedClient *c) { return !c->confirmedMixId.isEmpty(); }),
                                 10000);
        const QString mixId = clients.first()->confirmedMixId;
        auto moved = m_sql->exec("UPDATE pool_lease SET instance_id = ?, epoch = epoch + 1 WHERE pool_id = ?",
                                 {util::toHex(crypto::randomBytes(16)), testPool().poolId});
        QVERIFY(moved && moved->affectedRows == 1);
        QTRY_VERIFY_WITH_TIMEOUT(!m_pool->isRunning(), 10000);
        QVERIFY(m_leaseHeld); // the local guard never said so: the database did
        QTRY_COMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().failReason, QStringLiteral("COORDINATOR"));
        QCOMPARE(mixStatus(mixId), QString()); // no row: the epoch is over
        auto outputs = m_sql->queryOne("SELECT COUNT(*) FROM mix_output WHERE mix_id = ?", {mixId});
        QVERIFY(outputs && outputs->has_value());
        QCOMPARE((*outputs)->toInt64(0).value_or(-1), 0);
        for (ScriptedClient *c : clients)
            QCOMPARE(blames(c->blameIdentifier()), QStringList{});
    }

    void leaseGuardTurningFalseStopsThePool()
    {
        QList<ScriptedClient *> inMix = registerClients(2);
        for (ScriptedClient *c : inMix)
            c->rejoinOnFail = false; // their clients would be redirected to the next owner
        startUnderLease(5);
        QTRY_VERIFY_WITH_TIMEOUT(!inMix[0]->confirmedMixId.isEmpty() && !inMix[1]->confirmedMixId.isEmpty(), 10000);
        const QString mixId = inMix[0]->confirmedMixId;
        QCOMPARE(m_pool->epoch(), 5);

        // The lease deadline passes; an input queued meanwhile is never invited.
        m_leaseHeld = false;
        ScriptedClient &queued = *registerClients(1).first();
        QTRY_VERIFY_WITH_TIMEOUT(!m_pool->isRunning(), 5000);
        QCOMPARE(queued.errorCodes(), QList<int>{proto::error::kPoolUnavailable});
        QCOMPARE(queued.count(QStringLiteral("ConfirmInputMixStatusNotification")), 0);
        QCOMPARE(m_pool->queuedInputs(), 0);
        QVERIFY(!m_pool->currentMix());
        QCOMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().failReason, QStringLiteral("COORDINATOR"));
        for (ScriptedClient *c : inMix)
            QTRY_COMPARE(c->failures, QStringList{mixId});

        // Stopped: no mix starts and nothing more is sent over several ticks, nobody is
        // blamed, and the epoch that is over records nothing.
        const int started = int(m_started.size());
        const QList<ScriptedClient *> everyone = inMix + QList<ScriptedClient *>{&queued};
        QList<qsizetype> counts;
        for (ScriptedClient *c : everyone)
            counts.append(c->received.size());
        QTest::qWait(5 * testTimings().confirmTickMs); // the absence of an event: nothing to wait for
        QCOMPARE(int(m_started.size()), started);
        for (qsizetype i = 0; i < everyone.size(); ++i)
            QCOMPARE(everyone[i]->received.size(), counts[i]);
        for (ScriptedClient *c : inMix) {
            QCOMPARE(c->count(QStringLiteral("ConfirmInputMixStatusNotification")), 1);
            QCOMPARE(blames(c->blameIdentifier()), QStringList{});
        }
        QCOMPARE(mixStatus(mixId), QString());
    }

    void drainWaitsForTheMixAndItsRecord()
    {
        QList<ScriptedClient *> clients = registerClients(3);
        QString mixId;
        QString statusWhenDrained;
        bool drained = false;
        ScriptedClient *late = nullptr;
        // Past input registration (the first client reads REGISTER_OUTPUT): the mix runs to
        // its end, and the pool is released only once that mix is recorded under this epoch.
        m_messenger->setOnRead([&](ScriptedClient &, const QString &type) {
            if (type != QLatin1String("RegisterOutputMixStatusNotification") || !mixId.isEmpty())
                return;
            mixId = m_pool->currentMix()->mixId();
            QCOMPARE(m_pool->currentMix()->phase(), mix::MixPhase::RegisterOutput);
            late = registerClients(1).first();
            m_pool->drain([&] {
                drained = true;
                statusWhenDrained = mixStatus(mixId);
            });
            QVERIFY(m_pool->isDraining());
        });
        startUnderLease(9);
        QTRY_VERIFY_WITH_TIMEOUT(late, 10000);
        QCOMPARE(late->errorCodes(), QList<int>{proto::error::kPoolUnavailable}); // queued: handed over
        QTRY_VERIFY_WITH_TIMEOUT(drained, 20000);
        QCOMPARE(statusWhenDrained, QStringLiteral("SUCCESS"));
        QVERIFY(!m_pool->isRunning());
        QCOMPARE(m_finished.size(), 1);
        QCOMPARE(m_finished.first().epoch, 9);
        for (ScriptedClient *c : clients)
            QCOMPARE(c->successes, QStringList{mixId});
        QCOMPARE(m_started.size(), 1); // no mix after the drain
        auto epoch = m_sql->queryOne("SELECT epoch FROM mix WHERE mix_id = ?", {mixId});
        QVERIFY(epoch && epoch->has_value());
        QCOMPARE((*epoch)->toInt64(0).value_or(-1), 9);
        mine();
    }

    void cleanupTestCase()
    {
        m_rpc.reset();
        m_node.stop();
        m_sql.reset();
        m_store.reset();
        m_database.reset();
        m_dbServer.stop();
    }

private:
    /// Mines past segwit activation to the test's key, then funds kCoins premix coins,
    /// each in a transaction of its own (a mix takes one input per transaction).
    void fundCoins()
    {
        m_minerKey = crypto::PrivKey::generate();
        m_minerScript = test::p2wpkhOf(m_minerKey->pubKey());
        m_minerAddress = test::bcoinAddress(m_minerScript);
        auto mined = m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, m_minerAddress);
        QVERIFY2(mined, mined ? "" : qPrintable(mined.error().message));
        QList<btc::Txid> funding;
        for (int i = 0; i < kCoins; ++i) {
            const test::TestCoin coinbase = test::coinbaseCoin(m_node, 1 + i, m_minerScript);
            Coin coin{{}, {}, crypto::PrivKey::generate()}; // outpoint and output: once signed
            btc::Transaction tx;
            tx.inputs.append(btc::TxIn{coinbase.outpoint, {}, btc::kSequenceFinal, {}});
            tx.outputs.append(btc::TxOut{kDenomination + kOverpay, test::p2wpkhOf(coin.key.pubKey())});
            tx.outputs.append(
                btc::TxOut{coinbase.output.value - kDenomination - kOverpay - kFundingFee, m_minerScript});
            QVERIFY(btc::signP2wpkhInput(tx, 0, coinbase.output.value, *m_minerKey));
            auto sent = m_node.rpc(QStringLiteral("sendrawtransaction"), {QString::fromLatin1(tx.serialize().toHex())});
            QVERIFY2(sent, sent ? "" : qPrintable(sent.error().message));
            coin.outpoint = btc::OutPoint{tx.txid(), 0};
            coin.output = tx.outputs[0];
            m_coins.append(coin);
            funding.append(tx.txid());
        }
        for (const btc::Txid &txid : funding)
            QVERIFY2(m_node.waitForMempool(txid.toHex()), "the node refused a funding transaction");
        mine();
    }

    Coin takeCoin()
    {
        if (m_coins.isEmpty())
            qFatal("tst_poolservice: kCoins is too small");
        return m_coins.takeFirst();
    }

    /// @p n fresh clients, each with its input registered in the pool.
    QList<ScriptedClient *> registerClients(int n)
    {
        QList<ScriptedClient *> out;
        for (int i = 0; i < n; ++i) {
            ScriptedClient &c = m_messenger->addClient(takeCoin());
            m_pool->registerInput(c.registeredInput());
            out.append(&c);
        }
        return out;
    }

    void mine() { QVERIFY(m_node.generateToAddress(1, m_minerAddress)); }

    /// Spends @p coin to the miner in a transaction of its own, and mines it.
    void doubleSpend(const Coin &coin)
    {
        btc::Transaction tx;
        tx.inputs.append(btc::TxIn{coin.outpoint, {}, btc::kSequenceFinal, {}});
        tx.outputs.append(btc::TxOut{coin.output.value - kFundingFee, m_minerScript});
        QVERIFY(btc::signP2wpkhInput(tx, 0, coin.output.value, coin.key));
        QVERIFY2(test::sendAndMine(m_node, tx, m_minerAddress), "the double spend was refused");
    }

    /// "REASON mixId" of every blame of @p identifier, oldest first.
    QStringList blames(const QString &identifier)
    {
        QStringList out;
        auto rows = m_sql->query("SELECT reason, mix_id FROM blame WHERE identifier = ? ORDER BY id", {identifier});
        if (!rows)
            qFatal("blame query failed: %s", qPrintable(rows.error().message));
        for (const db::DbRow &row : *rows)
            out.append(row.toString(0).value_or(QString()) + QLatin1Char(' ') + row.toString(1).value_or(QString()));
        return out;
    }

    /// The mix_status of @p mixId's row, empty when it was not recorded.
    QString mixStatus(const QString &mixId)
    {
        auto row = m_sql->queryOne("SELECT mix_status FROM mix WHERE mix_id = ?", {mixId});
        if (!row)
            qFatal("mix query failed: %s", qPrintable(row.error().message));
        return row->has_value() ? (*row)->toString(0).value_or(QString()) : QString();
    }

    test::MariaDbServer m_dbServer;
    test::BcoinNode m_node;
    std::unique_ptr<db::Database> m_database;
    std::unique_ptr<MixStore> m_store;
    std::unique_ptr<db::DbConnection> m_sql;
    std::unique_ptr<net::NodeRpcClient> m_rpc;
    std::optional<crypto::PrivKey> m_minerKey;
    btc::Script m_minerScript;
    QString m_minerAddress;
    QList<Coin> m_coins;

    std::unique_ptr<ScriptedMessenger> m_messenger;
    std::unique_ptr<PoolService> m_pool;
    bool m_leaseHeld = true;
    QString m_instanceId;
    QStringList m_started;
    QList<MixRecord> m_finished;
};

QTEST_GUILESS_MAIN(TestPoolService)
#include "tst_poolservice.moc"
