// Issue #3 end to end: real whirlpool-coordinator process, real MariaDB, real
// bcoin, clients of the real client library. Mixes complete and are mined; a
// client that stops before signing is blamed and banned; postmix addresses are
// never reused, except those of a failed mix.
#include "testwallet.h"

#include "../client/socks5relay.h"

#include <bitcoin/address.h>
#include <bitcoin/bip39.h>
#include <crypto/random.h>
#include <db/dbconnection.h>

using namespace wp;
using client::Utxo;
using client::WalletAccount;

namespace {

struct Outcome {
    bool done = false;
    QString txid;               ///< on success
    client::MixFailReason reason = client::MixFailReason::Cancel;
    QString message;
    int code = 0;
};

} // namespace

class TestMixing : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    test::CoordinatorProcess m_coordinator;
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets; ///< 0 mines; 1..5 mix; 6 and 7 misbehave

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }
    int tip() { return m_node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    void mine(int n = 1) { QVERIFY(m_node.generateToAddress(n, w(0).miningAddress())); }

    /// Runs one session per (wallet, coin) at once and waits until all have ended.
    QList<Outcome> runMix(const QList<QPair<int, Utxo>> &participants, int timeoutMs = 60000,
                          std::optional<client::NetworkIdentity> outputIdentity = std::nullopt,
                          std::function<void()> whileMixing = {})
    {
        QList<Outcome> outcomes(participants.size());
        std::vector<std::unique_ptr<client::MixSession>> sessions;
        const int height = tip();
        for (qsizetype i = 0; i < participants.size(); ++i) {
            sessions.push_back(w(participants[i].first).session(participants[i].second, m_coordinator.url(), height, outputIdentity));
            client::MixSession *s = sessions.back().get();
            connect(s, &client::MixSession::succeeded, this, [&outcomes, i](const QString &txid) {
                outcomes[i].done = true;
                outcomes[i].txid = txid;
            });
            connect(s, &client::MixSession::failed, this,
                    [&outcomes, i](client::MixFailReason r, const QString &m, int code) {
                        outcomes[i].done = true;
                        outcomes[i].reason = r;
                        outcomes[i].message = m;
                        outcomes[i].code = code;
                    });
            s->start();
        }
        if (whileMixing)
            whileMixing();
        if (!QTest::qWaitFor([&] { return std::all_of(outcomes.begin(), outcomes.end(), [](const Outcome &o) { return o.done; }); },
                             timeoutMs))
            qWarning("mix did not end in time; coordinator log:\n%s", qPrintable(m_coordinator.logText().right(3000)));
        return outcomes;
    }

    /// A confirmed coin of wallet @p i in @p account whose transaction is not in @p usedTxids
    /// (a mix takes at most one input per transaction, protocol reference §3.5).
    QPair<int, Utxo> pick(int i, WalletAccount account, QSet<QString> &usedTxids)
    {
        for (const Utxo &u : w(i).coins(account)) {
            if (!usedTxids.contains(u.outpoint.txid.toHex())) {
                usedTxids.insert(u.outpoint.txid.toHex());
                return {i, u};
            }
        }
        qFatal("wallet %d has no coin of a new transaction in that account", i);
    }

    std::unique_ptr<server::db::DbConnection> db()
    {
        auto c = std::make_unique<server::db::DbConnection>(test::dbConfigForCoordinator(m_db.address()));
        if (!c->connect())
            qFatal("cannot connect to the test database");
        return c;
    }

    /// True once @p sql finds a row (rows are written asynchronously by the coordinator).
    static bool hasRow(server::db::DbConnection &c, const char *sql, const server::db::DbParams &params)
    {
        auto row = c.queryOne(sql, params);
        return row && row->has_value();
    }

    /// POST /rest/checkOutput for an address of wallet @p i: the server's error message, or empty if accepted.
    QString checkOutput(int i, const QString &address)
    {
        const auto script = btc::Address::fromString(address, btc::networkParams(btc::Network::Regtest))->scriptPubKey();
        const auto path = w(i).book().find(script);
        const QString signature = crypto::signMessage(*w(i).book().keys().privKey(*path), address.toUtf8());
        client::CoordinatorRestClient rest(QUrl(m_coordinator.url()), {});
        std::optional<Result<void>> result;
        QObject ctx;
        rest.checkOutput({address, signature}, &ctx, [&](Result<void> r) { result.emplace(r); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
            return QStringLiteral("no answer");
        return *result ? QString() : result->error().message;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        for (int i = 0; i <= 7; ++i)
            m_wallets.push_back(std::make_unique<test::TestWallet>(*btc::entropyToMnemonic(crypto::randomBytes(16)), m_node));
        QVERIFY(m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, w(0).miningAddress()));
        for (int i = 1; i <= 7; ++i)
            QVERIFY(m_node.generateToAddress(1, w(i).miningAddress()));
        mine(100); // coinbase maturity

        test::CoordinatorProcess::Config config = test::coordinatorConfig(QStringLiteral("test"), m_db, m_node);
        config.extraIni = QStringLiteral("[General]\npools = 0.01btc\n"
                                         "[node]\ntip-refresh-ms = 500\n"
                                         "[timings]\nconfirm-tick-ms = 500\nregister-output-ms = 10000\n"
                                         "reveal-output-ms = 2000\nsigning-ms = 3000\n"
                                         "[ban]\nblames = 1\n"
                                         "[pool.0.01btc]\nanonymity-set = 5\nmin-must-mix = 2\nmin-liquidity = 0\n");
        auto started = m_coordinator.start(config);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));

        for (int i = 1; i <= 7; ++i) {
            auto tx0 = w(i).tx0(m_coordinator.url(), QStringLiteral("0.01btc"), i <= 5 ? 6 : 2);
            QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
        }
        mine();
    }

    void cleanup()
    {
        // A crash of the coordinator is the first thing to know about.
        QVERIFY2(m_coordinator.isRunning(), qPrintable(m_coordinator.logText().right(3000)));
    }

    void tx0CoinsMix()
    {
        // Three mixes of five premix coins, one per wallet (so one per Tx0) in each.
        for (int round = 0; round < 3; ++round) {
            QSet<QString> used;
            QList<QPair<int, Utxo>> participants;
            for (int i = 1; i <= 5; ++i)
                participants.append(pick(i, WalletAccount::Premix, used));
            const QList<Outcome> outcomes = runMix(participants);
            for (const Outcome &o : outcomes) {
                QVERIFY2(!o.txid.isEmpty(), qPrintable(o.message));
                QCOMPARE(o.txid, outcomes.first().txid);
            }
            mine();
        }
    }

    void twoMustMixAndThreeLiquidityMixAndAreMined()
    {
        // Two premix coins and three remixes of the three earlier mixes.
        QSet<QString> used;
        QList<QPair<int, Utxo>> participants;
        participants.append(pick(1, WalletAccount::Premix, used));
        participants.append(pick(2, WalletAccount::Premix, used));
        for (int i = 3; i <= 5; ++i) {
            participants.append(pick(i, WalletAccount::Postmix, used));
            QCOMPARE(participants.last().second.value, 1'000'000);
        }
        const QList<Outcome> outcomes = runMix(participants);
        for (const Outcome &o : outcomes)
            QVERIFY2(!o.txid.isEmpty() && o.txid == outcomes.first().txid, qPrintable(o.message));
        const QString txid = outcomes.first().txid;

        // The mix row says success, with its composition; the remix provenance is recorded.
        auto conn = db();
        server::db::DbConnection &c = *conn;
        // (The row is written just after the clients hear of the success.)
        QTRY_VERIFY_WITH_TIMEOUT(hasRow(c, "SELECT 1 FROM mix_txid WHERE txid = ?", {txid}), 5000);
        auto row = c.queryOne("SELECT m.mix_status, m.nb_must_mix, m.nb_liquidities, m.anonymity_set"
                                 " FROM mix m JOIN mix_log l ON l.mix_id = m.id WHERE l.txid = ?", {txid});
        QVERIFY(row && row->has_value());
        QCOMPARE((*row)->toString(0), QStringLiteral("SUCCESS"));
        QCOMPARE((*row)->toInt64(1), 2);
        QCOMPARE((*row)->toInt64(2), 3);
        QCOMPARE((*row)->toInt64(3), 5);
        auto provenance = c.queryOne("SELECT denomination FROM mix_txid WHERE txid = ?", {txid});
        QVERIFY(provenance && provenance->has_value());

        // In a block, with five outputs of the pool denomination.
        mine();
        auto tx = m_node.rpc(QStringLiteral("getrawtransaction"), {txid, 1});
        QVERIFY(tx);
        QVERIFY(tx->toObject().value(QStringLiteral("confirmations")).toInt() >= 1);
        const auto decoded = btc::Transaction::deserialize(*util::fromHex(tx->toObject().value(QStringLiteral("hex")).toString()));
        QVERIFY(decoded);
        QCOMPARE(decoded->inputs.size(), 5);
        QCOMPARE(decoded->outputs.size(), 5);
        for (const btc::TxOut &o : decoded->outputs)
            QCOMPARE(o.value, 1'000'000);
    }

    void usedAddressIsRefusedAndAnotherIsTaken()
    {
        // Wallet 3 first offers an address an earlier mix already used (wallet 5's, not an
        // input of this mix): refused, then wallet 3 takes a fresh one.
        const QString used = w(5).mixWallet->addressesGiven.first();
        QCOMPARE(checkOutput(5, used), QStringLiteral("Output already registered"));
        w(3).mixWallet->forcedAddresses = {used};
        QSet<QString> txids;
        QList<QPair<int, Utxo>> participants;
        for (int i = 3; i <= 5; ++i)
            participants.append(pick(i, WalletAccount::Premix, txids));
        for (int i = 1; i <= 2; ++i)
            participants.append(pick(i, WalletAccount::Postmix, txids));
        const int given = int(w(3).mixWallet->addressesGiven.size());
        const QList<Outcome> outcomes = runMix(participants);
        for (const Outcome &o : outcomes)
            QVERIFY2(!o.txid.isEmpty(), qPrintable(o.message));
        QVERIFY(w(3).mixWallet->addressesGiven.size() >= given + 2);
        QCOMPARE(w(3).mixWallet->addressesGiven.at(given), used);
        mine();
    }

    void replayedBordereauIsRefused()
    {
        // Output registrations go through a relay that records them; wallet 7 never registers its
        // output, which keeps the mix in REGISTER_OUTPUT while the test replays a recorded one.
        test::Socks5Relay relay;
        QVERIFY(relay.listen());
        w(7).mixWallet->silentOutput = true;
        QSet<QString> used;
        QList<QPair<int, Utxo>> participants{pick(7, WalletAccount::Premix, used), pick(2, WalletAccount::Premix, used)};
        for (int i = 3; i <= 5; ++i)
            participants.append(pick(i, WalletAccount::Postmix, used));
        QString replayed;
        QString replayedElsewhere;
        const QList<Outcome> outcomes = runMix(
            participants, 60000, client::NetworkIdentity{QStringLiteral("127.0.0.1"), relay.port(), QString(), QString()},
            [&] {
                QByteArray body;
                (void)QTest::qWaitFor([&] {
                    for (const QByteArray &stream : relay.sent)
                        if (stream.startsWith("POST /rest/registerOutput"))
                            body = stream.mid(stream.indexOf("\r\n\r\n") + 4);
                    return !body.isEmpty();
                }, 20000);
                auto original = proto::RegisterOutputRequest::fromJson(body);
                if (!original)
                    return;
                client::CoordinatorRestClient rest(QUrl(m_coordinator.url()), {});
                QObject ctx;
                std::optional<Result<void>> same;
                rest.registerOutput(*original, &ctx, [&](Result<void> r) { same.emplace(r); });
                proto::RegisterOutputRequest other = *original;
                other.receiveAddress = *w(2).book().keys().address({WalletAccount::Postmix, btc::AddressChain::Receive, 101});
                std::optional<Result<void>> elsewhere;
                rest.registerOutput(other, &ctx, [&](Result<void> r) { elsewhere.emplace(r); });
                (void)QTest::qWaitFor([&] { return same && elsewhere; }, 10000);
                replayed = same && !*same ? same->error().message : QStringLiteral("accepted!");
                replayedElsewhere = elsewhere && !*elsewhere ? elsewhere->error().message : QStringLiteral("accepted!");
            });
        QCOMPARE(replayed, QStringLiteral("Bordereau already registered"));
        QCOMPARE(replayedElsewhere, QStringLiteral("Bordereau already registered"));
        // The silent client is blamed for the failed mix; the others re-register as usual.
        for (qsizetype i = 1; i < outcomes.size(); ++i)
            QCOMPARE(outcomes[i].reason, client::MixFailReason::MixFailed);
        auto conn = db();
        QTRY_VERIFY_WITH_TIMEOUT(hasRow(*conn, "SELECT 1 FROM blame WHERE identifier = ?",
                                        {participants.first().second.outpoint.txid.toHex()}),
                                 5000);
        auto blame = conn->queryOne("SELECT reason FROM blame WHERE identifier = ?",
                                    {participants.first().second.outpoint.txid.toHex()});
        QVERIFY(blame && blame->has_value());
        QCOMPARE((*blame)->toString(0), QStringLiteral("REGISTER_OUTPUT"));
        // Only the silent one: the others revealed their outputs.
        auto blamed = conn->queryOne("SELECT COUNT(*) FROM blame WHERE mix_id = "
                                     "(SELECT mix_id FROM blame WHERE identifier = ?)",
                                     {participants.first().second.outpoint.txid.toHex()});
        QCOMPARE((*blamed)->toInt64(0), 1);
    }

    void clientStoppingBeforeSigningIsBlamedAndBanned()
    {
        w(6).mixWallet->neverSign = true;
        const QList<Utxo> premix6 = w(6).coins(WalletAccount::Premix);
        QCOMPARE(premix6.size(), 2);
        // With an honest premix coin (a mix needs two) and three remixes.
        QSet<QString> used{premix6.first().outpoint.txid.toHex()};
        QList<QPair<int, Utxo>> participants{{6, premix6.first()}};
        participants.append(pick(1, WalletAccount::Premix, used));
        for (int i = 2; i <= 4; ++i)
            participants.append(pick(i, WalletAccount::Postmix, used));
        const QList<Outcome> outcomes = runMix(participants);
        for (qsizetype i = 1; i < outcomes.size(); ++i) // the honest ones saw the mix fail
            QCOMPARE(outcomes[i].reason, client::MixFailReason::MixFailed);

        // Blamed (SIGNING) and, with a threshold of 1, banned: the whole Tx0 (mustMix blame is by txid).
        auto conn = db();
        server::db::DbConnection &c = *conn;
        const QString tx0 = premix6.first().outpoint.txid.toHex();
        QTRY_VERIFY_WITH_TIMEOUT(hasRow(c, "SELECT 1 FROM ban WHERE identifier = ?", {tx0}), 5000);
        auto blame = c.queryOne("SELECT reason FROM blame WHERE identifier = ?", {tx0});
        QVERIFY(blame && blame->has_value());
        QCOMPARE((*blame)->toString(0), QStringLiteral("SIGNING"));
        auto ban = c.queryOne("SELECT COUNT(*) FROM ban WHERE identifier = ?", {tx0});
        QCOMPARE((*ban)->toInt64(0), 1);
        // Nobody else was blamed in that mix.
        auto others = c.queryOne("SELECT COUNT(*) FROM blame WHERE identifier <> ? AND mix_id = "
                                 "(SELECT mix_id FROM blame WHERE identifier = ?)", {tx0, tx0});
        QCOMPARE((*others)->toInt64(0), 0);

        // The honest outputs of the failed mix are free again.
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(checkOutput(i, w(i).mixWallet->addressesGiven.last()), QString());

        // Its next registration (the other output of the same Tx0) is refused with 612.
        w(6).mixWallet->neverSign = false;
        const QList<Outcome> again = runMix({{6, premix6.last()}}, 20000);
        QCOMPARE(again.first().reason, client::MixFailReason::InputRejected);
        QCOMPARE(again.first().code, 612);
        QVERIFY(again.first().message.startsWith(QStringLiteral("Banned from service")));
    }
};

QTEST_GUILESS_MAIN(TestMixing)
#include "tst_mixing.moc"
