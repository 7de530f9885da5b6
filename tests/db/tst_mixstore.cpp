// The shared state every instance reads and writes, against a real MariaDB:
// address reuse, remix provenance, mix history, blames and bans, seen by two
// independent Database pools as two instances would; and the lease fence of
// every write an owner makes (issue #11): written only while the pool_lease row
// of the fence is current, otherwise nothing is written and the call says
// kLeaseLost.
#include "dbtestconfig.h"
#include <mariadbserver.h>

#include <db/database.h>
#include <db/migrations.h>
#include <mixstore.h>

#include <QCryptographicHash>
#include <QTest>

using namespace wp;
using namespace wp::server;

namespace {

template <typename T, typename Start>
Result<T> await(Start start)
{
    std::optional<Result<T>> out;
    QObject context;
    start(&context, [&](Result<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
        return fail(QStringLiteral("no answer"));
    return std::move(*out);
}

const QString kInstanceA = QString(32, QLatin1Char('a'));
const QString kInstanceB = QString(32, QLatin1Char('b'));
/// Instance A owns 0.01btc under epoch 7, instance B owns 0.001btc under epoch 3.
const LeaseFence kFenceA{QStringLiteral("0.01btc"), kInstanceA, 7};
const LeaseFence kFenceB{QStringLiteral("0.001btc"), kInstanceB, 3};

/// Row counts of every table an owner writes.
using Counts = QMap<QString, qint64>;

} // namespace

class TestMixStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        const auto config = test::dbConfigFor(m_server.address());
        m_dbA = std::make_unique<db::Database>(config);
        m_dbB = std::make_unique<db::Database>(config);
        auto migrated = m_dbA->runSync<QList<int>>(&db::Migrations::applyEmbedded);
        QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().message));
        m_a = std::make_unique<MixStore>(*m_dbA);
        m_b = std::make_unique<MixStore>(*m_dbB);
        QVERIFY(setLease(kFenceA, 3600));
        QVERIFY(setLease(kFenceB, 3600));
    }

    void addressReuseAcrossInstances()
    {
        const QString address = QStringLiteral("bcrt1qreuse0000000000000000000000000000000");
        auto first = await<bool>([&](QObject *c, auto done) { m_a->insertOutput(kFenceA, address, QStringLiteral("mix-a"), c, done); });
        QVERIFY(first && *first);
        // The other instance, at once: refused (also in another letter case: bech32 is case-insensitive).
        auto second = await<bool>([&](QObject *c, auto done) { m_b->insertOutput(kFenceB, address.toUpper(), QStringLiteral("mix-b"), c, done); });
        QVERIFY(second && !*second);
        auto used = await<bool>([&](QObject *c, auto done) { m_b->isOutputUsed(address, c, done); });
        QVERIFY(used && *used);
        // The mix failed: its outputs are free again.
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->deleteOutputs(kFenceA, QStringLiteral("mix-a"), c, done); }));
        auto again = await<bool>([&](QObject *c, auto done) { m_b->insertOutput(kFenceB, address, QStringLiteral("mix-b"), c, done); });
        QVERIFY(again && *again);
    }

    void successfulMixGivesRemixProvenance()
    {
        MixRecord record;
        record.instanceId = kFenceA.instanceId;
        record.epoch = kFenceA.epoch;
        record.poolId = kFenceA.poolId;
        record.mixId = QStringLiteral("mix-success");
        record.denomination = 1000000;
        record.anonymitySet = 5;
        record.status = QStringLiteral("SUCCESS");
        record.txid = QString(64, QLatin1Char('c'));
        record.rawTx = QByteArray("\x01\x02", 2);
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->saveMix(kFenceA, record, c, done); }));
        auto denomination = await<std::optional<qint64>>([&](QObject *c, auto done) { m_b->mixTxidDenomination(record.txid, c, done); });
        QVERIFY(denomination && denomination->has_value());
        QCOMPARE(**denomination, 1000000);

        record.mixId = QStringLiteral("mix-failed");
        record.status = QStringLiteral("FAIL");
        record.failReason = QStringLiteral("FAIL_SIGNING");
        record.txid = QString(64, QLatin1Char('d'));
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->saveMix(kFenceA, record, c, done); }));
        auto none = await<std::optional<qint64>>([&](QObject *c, auto done) { m_b->mixTxidDenomination(record.txid, c, done); });
        QVERIFY(none && !none->has_value()); // a failed mix proves nothing

        // Saving the same mix twice is refused (unique mix id), nothing half-written; the
        // lease is current, so this is not a lease loss.
        auto twice = await<void>([&](QObject *c, auto done) { m_a->saveMix(kFenceA, record, c, done); });
        QVERIFY(!twice);
        QVERIFY(twice.error().code != MixStore::kLeaseLost);

        // Provenance recorded before the broadcast (an instance may die right after it), on
        // any instance, and again by saveMix() after the success: idempotent.
        const QString early = QString(64, QLatin1Char('e'));
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->recordMixTxid(kFenceA, early, 100000, c, done); }));
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->recordMixTxid(kFenceA, early, 100000, c, done); }));
        auto recorded = await<std::optional<qint64>>([&](QObject *c, auto done) { m_b->mixTxidDenomination(early, c, done); });
        QVERIFY(recorded && recorded->has_value());
        QCOMPARE(**recorded, 100000);
        record.mixId = QStringLiteral("mix-early");
        record.status = QStringLiteral("SUCCESS");
        record.failReason.clear();
        record.txid = early;
        record.instanceId = kFenceB.instanceId; // saved by the owner of another pool
        record.poolId = kFenceB.poolId;
        record.epoch = kFenceB.epoch;
        QVERIFY(await<void>([&](QObject *c, auto done) { m_b->saveMix(kFenceB, record, c, done); }));
    }

    void blamesBanAtTheThresholdAndEscalate()
    {
        const mix::BanPolicy policy{3, 7200, 600, 2};
        const QString txid(64, QLatin1Char('e'));
        const QList<mix::Blame> one{{txid, mix::BlameReason::Signing}};
        for (int i = 0; i < 2; ++i) {
            auto banned = await<QStringList>([&](QObject *c, auto done) { m_a->blame(kFenceA, one, QStringLiteral("m"), policy, c, done); });
            QVERIFY(banned && banned->isEmpty());
        }
        auto banned = await<QStringList>([&](QObject *c, auto done) { m_a->blame(kFenceA, one, QStringLiteral("m"), policy, c, done); });
        QVERIFY(banned);
        QCOMPARE(*banned, QStringList{txid});

        // Visible on the other instance at once, by txid or by txid:index.
        auto ban = await<std::optional<Ban>>([&](QObject *c, auto done) {
            m_b->activeBan({txid + QStringLiteral(":3"), txid}, c, done);
        });
        QVERIFY(ban && ban->has_value());
        QCOMPARE((*ban)->identifier, txid);
        QVERIFY((*ban)->expiresInS && *(*ban)->expiresInS > 590 && *(*ban)->expiresInS <= 600);

        // Let the ban expire, then ban again: twice as long (recidivism).
        QVERIFY(await<void>([&](QObject *c, auto done) {
            m_dbA->run<void>(c, [txid](db::DbConnection &conn) -> Result<void> {
                auto r = conn.exec("UPDATE ban SET created = created - INTERVAL 1 HOUR,"
                                   " expiration = expiration - INTERVAL 1 HOUR WHERE identifier = ?", {txid});
                if (!r)
                    return r.error();
                return {};
            }, done);
        }));
        auto expired = await<std::optional<Ban>>([&](QObject *c, auto done) { m_b->activeBan({txid}, c, done); });
        QVERIFY(expired && !expired->has_value());
        auto rebanned = await<QStringList>([&](QObject *c, auto done) { m_b->blame(kFenceB, one, QStringLiteral("m2"), policy, c, done); });
        QVERIFY(rebanned && rebanned->size() == 1);
        auto longer = await<std::optional<Ban>>([&](QObject *c, auto done) { m_a->activeBan({txid}, c, done); });
        QVERIFY(longer && longer->has_value());
        QVERIFY(*(*longer)->expiresInS > 1190 && *(*longer)->expiresInS <= 1200);
    }

    void writesNeedTheCurrentLease_data()
    {
        QTest::addColumn<QString>("poolId");
        QTest::addColumn<QString>("instanceId");
        QTest::addColumn<qint64>("epoch");
        QTest::addColumn<bool>("current");
        // Lease rows (set by the test): 0.05btc held by A under epoch 5 for an hour;
        // 0.5btc held by A under epoch 5 but expired a second ago.
        QTest::newRow("current lease") << QStringLiteral("0.05btc") << kInstanceA << qint64(5) << true;
        QTest::newRow("stale epoch") << QStringLiteral("0.05btc") << kInstanceA << qint64(4) << false;
        QTest::newRow("newer epoch") << QStringLiteral("0.05btc") << kInstanceA << qint64(6) << false;
        QTest::newRow("another instance") << QStringLiteral("0.05btc") << kInstanceB << qint64(5) << false;
        QTest::newRow("expired lease") << QStringLiteral("0.5btc") << kInstanceA << qint64(5) << false;
        QTest::newRow("no lease row") << QStringLiteral("2btc") << kInstanceA << qint64(5) << false;
    }

    void writesNeedTheCurrentLease()
    {
        QFETCH(QString, poolId);
        QFETCH(QString, instanceId);
        QFETCH(qint64, epoch);
        QFETCH(bool, current);
        QVERIFY(setLease({QStringLiteral("0.05btc"), kInstanceA, 5}, 3600));
        QVERIFY(setLease({QStringLiteral("0.5btc"), kInstanceA, 5}, -1));
        const LeaseFence fence{poolId, instanceId, epoch};

        // Names unique to this row.
        const QByteArray tag = QTest::currentDataTag();
        const auto hex64 = [&](const char *what) {
            return QString::fromLatin1(QCryptographicHash::hash(tag + what, QCryptographicHash::Sha256).toHex());
        };
        const QString mixId = QStringLiteral("fence-") + hex64("mix").left(20);
        const QString usedAddress = QStringLiteral("bcrt1qused") + hex64("used").left(30);
        const QString newAddress = QStringLiteral("bcrt1qnew") + hex64("new").left(30);
        const QString txid = hex64("txid");
        const QString identifier = hex64("blame");
        // An output of this mix already stored (by its owner, before).
        QVERIFY(sql("INSERT INTO mix_output (address, mix_id, created) VALUES (?, ?, UTC_TIMESTAMP(6))",
                    {usedAddress, mixId}));

        const auto lost = [](const auto &r) { return !r && r.error().code == MixStore::kLeaseLost; };
        const std::optional<Counts> before = counts();
        QVERIFY(before);

        // insertOutput: an address used before is "false" only under the current lease.
        auto reused = await<bool>([&](QObject *c, auto done) { m_a->insertOutput(fence, usedAddress, mixId, c, done); });
        QVERIFY(current ? (reused && !*reused) : lost(reused));
        auto inserted = await<bool>([&](QObject *c, auto done) { m_a->insertOutput(fence, newAddress, mixId, c, done); });
        QVERIFY(current ? (inserted && *inserted) : lost(inserted));

        auto deleted = await<void>([&](QObject *c, auto done) { m_a->deleteOutputs(fence, mixId, c, done); });
        QVERIFY(current ? bool(deleted) : lost(deleted));

        auto recorded = await<void>([&](QObject *c, auto done) { m_a->recordMixTxid(fence, txid, 1000000, c, done); });
        QVERIFY(current ? bool(recorded) : lost(recorded));

        MixRecord record;
        record.instanceId = fence.instanceId;
        record.epoch = fence.epoch;
        record.poolId = fence.poolId;
        record.mixId = mixId;
        record.denomination = 1000000;
        record.anonymitySet = 5;
        record.status = QStringLiteral("SUCCESS");
        record.txid = txid;
        record.rawTx = QByteArray("\x01\x02", 2);
        auto saved = await<void>([&](QObject *c, auto done) { m_a->saveMix(fence, record, c, done); });
        QVERIFY(current ? bool(saved) : lost(saved));

        const mix::BanPolicy banAtOnce{1, 7200, 600, 2};
        const QList<mix::Blame> blames{{identifier, mix::BlameReason::Signing}};
        auto banned = await<QStringList>([&](QObject *c, auto done) { m_a->blame(fence, blames, mixId, banAtOnce, c, done); });
        QVERIFY(current ? (banned && *banned == QStringList{identifier}) : lost(banned));

        const std::optional<Counts> after = counts();
        QVERIFY(after);
        if (!current) {
            QCOMPARE(*after, *before); // nothing written anywhere
            QVERIFY(lost(banned));
            QVERIFY(banned.error().message.contains(fence.poolId));
            return;
        }
        Counts expected = *before;
        expected[QStringLiteral("mix_output")] -= 1; // one inserted, then both of the mix deleted
        expected[QStringLiteral("mix")] += 1;
        expected[QStringLiteral("mix_log")] += 1;
        expected[QStringLiteral("mix_txid")] += 1; // recorded once: saveMix() finds it there
        expected[QStringLiteral("blame")] += 1;
        expected[QStringLiteral("ban")] += 1;
        QCOMPARE(*after, expected);
        // Idempotent under the current lease: nothing to delete, already recorded.
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->deleteOutputs(fence, mixId, c, done); }));
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->recordMixTxid(fence, txid, 1000000, c, done); }));
        QCOMPARE(*counts(), expected);
    }

    void leaseTakenOverFencesTheOldOwnerOut()
    {
        // A owns 1btc under epoch 1; B takes it over (epoch 2): A's writes stop at once.
        const LeaseFence oldOwner{QStringLiteral("1btc"), kInstanceA, 1};
        const LeaseFence newOwner{QStringLiteral("1btc"), kInstanceB, 2};
        QVERIFY(setLease(oldOwner, 3600));
        const QString address = QStringLiteral("bcrt1qtakeover000000000000000000000000000");
        auto first = await<bool>([&](QObject *c, auto done) { m_a->insertOutput(oldOwner, address, QStringLiteral("mix-old"), c, done); });
        QVERIFY(first && *first);
        QVERIFY(setLease(newOwner, 3600));
        const std::optional<Counts> before = counts();
        QVERIFY(before);
        auto late = await<void>([&](QObject *c, auto done) { m_a->deleteOutputs(oldOwner, QStringLiteral("mix-old"), c, done); });
        QVERIFY(!late);
        QCOMPARE(late.error().code, MixStore::kLeaseLost);
        QCOMPARE(*counts(), *before);
        // The new owner sees the address as used, and may free it.
        auto used = await<bool>([&](QObject *c, auto done) { m_b->insertOutput(newOwner, address, QStringLiteral("mix-new"), c, done); });
        QVERIFY(used && !*used);
        QVERIFY(await<void>([&](QObject *c, auto done) { m_b->deleteOutputs(newOwner, QStringLiteral("mix-old"), c, done); }));
        QCOMPARE((*counts())[QStringLiteral("mix_output")], (*before)[QStringLiteral("mix_output")] - 1);
    }

    void unknownIdentifiersAreNotBanned()
    {
        auto ban = await<std::optional<Ban>>([&](QObject *c, auto done) { m_a->activeBan({QStringLiteral("nobody")}, c, done); });
        QVERIFY(ban && !ban->has_value());
        auto whitelisted = await<bool>([&](QObject *c, auto done) { m_a->isWhitelistedTx0(QString(64, QLatin1Char('f')), c, done); });
        QVERIFY(whitelisted && !*whitelisted);
    }

    void deadDatabaseGivesErrorsNotHangs()
    {
        m_server.stop();
        auto r = await<bool>([&](QObject *c, auto done) { m_a->isOutputUsed(QStringLiteral("x"), c, done); });
        QVERIFY(!r);
    }

private:
    /// Runs one statement on instance A's pool.
    bool sql(const char *statement, const db::DbParams &params)
    {
        const QString text = QString::fromLatin1(statement);
        return bool(await<void>([&](QObject *c, auto done) {
            m_dbA->run<void>(
                c,
                [text, params](db::DbConnection &conn) -> Result<void> {
                    auto r = conn.exec(text, params);
                    if (!r)
                        return r.error();
                    return {};
                },
                done);
        }));
    }

    /// Writes the pool_lease row of @p fence, expiring in @p expiresInS seconds (negative: expired).
    bool setLease(const LeaseFence &fence, int expiresInS)
    {
        return sql("INSERT INTO pool_lease (pool_id, instance_id, epoch, expires_at)"
                   " VALUES (?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL ? SECOND)"
                   " ON DUPLICATE KEY UPDATE instance_id = VALUES(instance_id), epoch = VALUES(epoch),"
                   " expires_at = VALUES(expires_at)",
                   {fence.poolId, fence.instanceId, fence.epoch, expiresInS});
    }

    /// Row counts of every table an owner writes.
    std::optional<Counts> counts()
    {
        auto row = await<std::optional<db::DbRow>>([&](QObject *c, auto done) {
            m_dbA->run<std::optional<db::DbRow>>(
                c,
                [](db::DbConnection &conn) {
                    return conn.queryOne("SELECT (SELECT COUNT(*) FROM mix_output), (SELECT COUNT(*) FROM mix),"
                                         " (SELECT COUNT(*) FROM mix_log), (SELECT COUNT(*) FROM mix_txid),"
                                         " (SELECT COUNT(*) FROM blame), (SELECT COUNT(*) FROM ban)");
                },
                done);
        });
        if (!row || !row->has_value())
            return std::nullopt;
        Counts out;
        const QStringList tables{QStringLiteral("mix_output"), QStringLiteral("mix"), QStringLiteral("mix_log"),
                                 QStringLiteral("mix_txid"), QStringLiteral("blame"), QStringLiteral("ban")};
        for (int i = 0; i < tables.size(); ++i)
            out.insert(tables[i], (*row)->toInt64(i).value_or(-1));
        return out;
    }

    test::MariaDbServer m_server;
    std::unique_ptr<db::Database> m_dbA;
    std::unique_ptr<db::Database> m_dbB;
    std::unique_ptr<MixStore> m_a;
    std::unique_ptr<MixStore> m_b;
};

QTEST_GUILESS_MAIN(TestMixStore)
#include "tst_mixstore.moc"
