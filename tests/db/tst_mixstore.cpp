// The shared state every instance reads and writes (DESIGN §2.3), against a real
// MariaDB: address reuse, remix provenance, mix history, blames and bans, seen
// by two independent Database pools as two instances would.
#include "dbtestconfig.h"
#include <mariadbserver.h>

#include <db/database.h>
#include <db/migrations.h>
#include <mixstore.h>

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
    }

    void addressReuseAcrossInstances()
    {
        const QString address = QStringLiteral("bcrt1qreuse0000000000000000000000000000000");
        auto first = await<bool>([&](QObject *c, auto done) { m_a->insertOutput(address, QStringLiteral("mix-a"), c, done); });
        QVERIFY(first && *first);
        // The other instance, at once: refused (also in another letter case: bech32 is case-insensitive).
        auto second = await<bool>([&](QObject *c, auto done) { m_b->insertOutput(address.toUpper(), QStringLiteral("mix-b"), c, done); });
        QVERIFY(second && !*second);
        auto used = await<bool>([&](QObject *c, auto done) { m_b->isOutputUsed(address, c, done); });
        QVERIFY(used && *used);
        // The mix failed: its outputs are free again.
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->deleteOutputs(QStringLiteral("mix-a"), c, done); }));
        auto again = await<bool>([&](QObject *c, auto done) { m_b->insertOutput(address, QStringLiteral("mix-b"), c, done); });
        QVERIFY(again && *again);
    }

    void successfulMixGivesRemixProvenance()
    {
        MixRecord record;
        record.instanceId = QString(32, QLatin1Char('a'));
        record.epoch = 7;
        record.poolId = QStringLiteral("0.01btc");
        record.mixId = QStringLiteral("mix-success");
        record.denomination = 1000000;
        record.anonymitySet = 5;
        record.status = QStringLiteral("SUCCESS");
        record.txid = QString(64, QLatin1Char('c'));
        record.rawTx = QByteArray("\x01\x02", 2);
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->saveMix(record, c, done); }));
        auto denomination = await<std::optional<qint64>>([&](QObject *c, auto done) { m_b->mixTxidDenomination(record.txid, c, done); });
        QVERIFY(denomination && denomination->has_value());
        QCOMPARE(**denomination, 1000000);

        record.mixId = QStringLiteral("mix-failed");
        record.status = QStringLiteral("FAIL");
        record.failReason = QStringLiteral("FAIL_SIGNING");
        record.txid = QString(64, QLatin1Char('d'));
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->saveMix(record, c, done); }));
        auto none = await<std::optional<qint64>>([&](QObject *c, auto done) { m_b->mixTxidDenomination(record.txid, c, done); });
        QVERIFY(none && !none->has_value()); // a failed mix proves nothing

        // Saving the same mix twice is refused (unique mix id), nothing half-written.
        QVERIFY(!await<void>([&](QObject *c, auto done) { m_a->saveMix(record, c, done); }));

        // Provenance recorded before the broadcast (an instance may die right after it), on
        // any instance, and again by saveMix() after the success: idempotent.
        const QString early = QString(64, QLatin1Char('e'));
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->recordMixTxid(early, 100000, c, done); }));
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->recordMixTxid(early, 100000, c, done); }));
        auto recorded = await<std::optional<qint64>>([&](QObject *c, auto done) { m_b->mixTxidDenomination(early, c, done); });
        QVERIFY(recorded && recorded->has_value());
        QCOMPARE(**recorded, 100000);
        record.mixId = QStringLiteral("mix-early");
        record.status = QStringLiteral("SUCCESS");
        record.failReason.clear();
        record.txid = early;
        QVERIFY(await<void>([&](QObject *c, auto done) { m_b->saveMix(record, c, done); }));
    }

    void blamesBanAtTheThresholdAndEscalate()
    {
        const mix::BanPolicy policy{3, 7200, 600, 2};
        const QString txid(64, QLatin1Char('e'));
        const QList<mix::Blame> one{{txid, mix::BlameReason::Signing}};
        for (int i = 0; i < 2; ++i) {
            auto banned = await<QStringList>([&](QObject *c, auto done) { m_a->blame(one, QStringLiteral("m"), policy, c, done); });
            QVERIFY(banned && banned->isEmpty());
        }
        auto banned = await<QStringList>([&](QObject *c, auto done) { m_a->blame(one, QStringLiteral("m"), policy, c, done); });
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
        auto rebanned = await<QStringList>([&](QObject *c, auto done) { m_b->blame(one, QStringLiteral("m2"), policy, c, done); });
        QVERIFY(rebanned && rebanned->size() == 1);
        auto longer = await<std::optional<Ban>>([&](QObject *c, auto done) { m_a->activeBan({txid}, c, done); });
        QVERIFY(longer && longer->has_value());
        QVERIFY(*(*longer)->expiresInS > 1190 && *(*longer)->expiresInS <= 1200);
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
    test::MariaDbServer m_server;
    std::unique_ptr<db::Database> m_dbA;
    std::unique_ptr<db::Database> m_dbB;
    std::unique_ptr<MixStore> m_a;
    std::unique_ptr<MixStore> m_b;
};

QTEST_GUILESS_MAIN(TestMixStore)
#include "tst_mixstore.moc"
