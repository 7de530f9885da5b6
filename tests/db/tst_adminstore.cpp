// Admin users, bans and the Tx0 whitelist in a real MariaDB, written by one instance
// and read by another (two Database pools), and read back with the very queries the
// mixing code uses (MixStore::activeBan, MixStore::isWhitelistedTx0).
#include "dbtestconfig.h"
#include <mariadbserver.h>

#include <db/database.h>
#include <db/migrations.h>
#include <mixstore.h>
#include <status/adminstore.h>
#include <status/passwordhash.h>
#include <status/statusreport.h>

#include <QTest>

using namespace wp;
using namespace wp::server;
using namespace wp::server::status;

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

const QString kTxidA = QString(64, QLatin1Char('a'));
const QString kTxidB = QString(64, QLatin1Char('b'));

} // namespace

class TestAdminStore : public QObject {
    Q_OBJECT

    test::MariaDbServer m_server;
    std::unique_ptr<db::Database> m_dbA; ///< "instance A"
    std::unique_ptr<db::Database> m_dbB; ///< "instance B"
    std::unique_ptr<AdminStore> m_a;
    std::unique_ptr<AdminStore> m_b;
    std::unique_ptr<MixStore> m_mixB;

    std::optional<Ban> activeBanOnB(const QStringList &identifiers)
    {
        auto ban = await<std::optional<Ban>>([&](QObject *c, auto done) { m_mixB->activeBan(identifiers, c, done); });
        return ban ? *ban : std::nullopt;
    }

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
        m_a = std::make_unique<AdminStore>(*m_dbA);
        m_b = std::make_unique<AdminStore>(*m_dbB);
        m_mixB = std::make_unique<MixStore>(*m_dbB);
    }

    void addAdminUserAndVerifyPassword()
    {
        const QString hash = hashPassword(u"a long admin password", kPasswordMinIterations);
        auto created = m_dbA->runSync<bool>([&](db::DbConnection &c) { return AdminStore::upsertUser(c, QStringLiteral("root"), hash); });
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        QVERIFY(*created);

        // Instance B reads it, and the password verifies; logins compare case-insensitively.
        for (const QString &login : {QStringLiteral("root"), QStringLiteral("ROOT")}) {
            auto stored = await<std::optional<QString>>([&](QObject *c, auto done) { m_b->passwordHashOf(login, c, done); });
            QVERIFY(stored && stored->has_value());
            QCOMPARE(**stored, hash);
            QVERIFY(verifyPassword(u"a long admin password", **stored));
            QVERIFY(!verifyPassword(u"a long admin passwore", **stored));
        }
        auto unknown = await<std::optional<QString>>([&](QObject *c, auto done) { m_b->passwordHashOf(QStringLiteral("nobody"), c, done); });
        QVERIFY(unknown && !unknown->has_value());

        // The same login again replaces the password.
        const QString second = hashPassword(u"another long password", kPasswordMinIterations);
        auto replaced = m_dbA->runSync<bool>([&](db::DbConnection &c) { return AdminStore::upsertUser(c, QStringLiteral("root"), second); });
        QVERIFY(replaced && !*replaced);
        auto stored = await<std::optional<QString>>([&](QObject *c, auto done) { m_b->passwordHashOf(QStringLiteral("root"), c, done); });
        QVERIFY(stored && stored->has_value());
        QVERIFY(!verifyPassword(u"a long admin password", **stored));
        QVERIFY(verifyPassword(u"another long password", **stored));
        auto count = m_dbA->runSync<qint64>([](db::DbConnection &c) -> Result<qint64> {
            auto row = c.queryOne("SELECT COUNT(*) FROM admin_user");
            if (!row)
                return row.error();
            return (*row)->toInt64(0).value_or(-1);
        });
        QCOMPARE(*count, 1);

        QVERIFY(AdminStore::loginProblem(QStringLiteral("root")).isEmpty());
        QVERIFY(!AdminStore::loginProblem(QString()).isEmpty());
        QVERIFY(!AdminStore::loginProblem(QStringLiteral(" root")).isEmpty());
        QVERIFY(!AdminStore::loginProblem(QStringLiteral("ro\not")).isEmpty());
        QVERIFY(!AdminStore::loginProblem(QString(101, QLatin1Char('x'))).isEmpty());
    }

    void addListAndRemoveBans()
    {
        const QString utxo = kTxidA + QStringLiteral(":3");
        QVERIFY(!activeBanOnB({kTxidA, utxo}));

        // A permanent ban of one input, added on A: B's validation sees it at once.
        BanRequest permanent{utxo, std::nullopt, QStringLiteral("Contact support.")};
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->addBan(permanent, QStringLiteral("root"), c, done); }));
        auto seen = activeBanOnB({kTxidA, utxo});
        QVERIFY(seen);
        QCOMPARE(seen->identifier, utxo);
        QCOMPARE(seen->response, QStringLiteral("Contact support."));
        QVERIFY(!seen->expiresInS); // permanent

        // A timed ban of a whole Tx0.
        BanRequest timed{kTxidB, 90, QString()};
        QVERIFY(await<void>([&](QObject *c, auto done) { m_a->addBan(timed, QStringLiteral("root"), c, done); }));
        auto timedSeen = activeBanOnB({kTxidB, kTxidB + QStringLiteral(":0")});
        QVERIFY(timedSeen && timedSeen->expiresInS);
        QVERIFY(*timedSeen->expiresInS > 89 * 60 && *timedSeen->expiresInS <= 90 * 60);

        // An expired ban is not listed.
        QVERIFY(m_dbA->runSync<db::DbExecResult>([](db::DbConnection &c) {
            return c.exec("INSERT INTO ban (identifier, expiration, response, notes, created)"
                          " VALUES ('old:1', UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL 1 DAY)");
        }));

        auto data = await<AdminData>([&](QObject *c, auto done) { m_b->readAdminData(c, done); });
        QVERIFY2(data, data ? "" : qPrintable(data.error().message));
        QCOMPARE(data->activeBanCount, 2);
        QCOMPARE(data->bans.size(), 2);
        QCOMPARE(data->bans[0].identifier, kTxidB); // newest first
        QVERIFY(data->bans[0].expiresAtUs);
        QCOMPARE(data->bans[1].identifier, utxo);
        QVERIFY(!data->bans[1].expiresAtUs);
        QCOMPARE(data->bans[1].response, QStringLiteral("Contact support."));
        QCOMPARE(data->bans[1].notes, QStringLiteral("manual ban by admin root"));
        QVERIFY(data->bans[1].createdAtUs > 0);

        // The dashboard counts the same active bans.
        auto report = m_dbB->runSync<StatusReport>([](db::DbConnection &c) { return readStatusReport(c, 3'000'000); });
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(report->activeBans, 2);

        // Removing lifts every active ban of the identifier, on every instance at once.
        auto lifted = await<int>([&](QObject *c, auto done) { m_b->liftBan(utxo, QStringLiteral("root"), c, done); });
        QVERIFY(lifted);
        QCOMPARE(*lifted, 1);
        QVERIFY(!activeBanOnB({kTxidA, utxo}));
        auto again = await<int>([&](QObject *c, auto done) { m_b->liftBan(utxo, QStringLiteral("root"), c, done); });
        QCOMPARE(*again, 0);
        auto after = await<AdminData>([&](QObject *c, auto done) { m_a->readAdminData(c, done); });
        QCOMPARE(after->activeBanCount, 1);
        QCOMPARE(after->bans.size(), 1);
        QCOMPARE(after->bans[0].identifier, kTxidB);
        // The lifted row stays, expired, with who lifted it.
        auto notes = m_dbA->runSync<QString>([&](db::DbConnection &c) -> Result<QString> {
            auto row = c.queryOne("SELECT notes FROM ban WHERE identifier = ?", {utxo});
            if (!row)
                return row.error();
            return (*row)->toString(0).value_or(QString());
        });
        QCOMPARE(*notes, QStringLiteral("manual ban by admin root / lifted by admin root"));
    }

    void addListAndRemoveWhitelist()
    {
        auto whitelisted = [&](const QString &txid) {
            auto r = await<bool>([&](QObject *c, auto done) { m_mixB->isWhitelistedTx0(txid, c, done); });
            return r && *r;
        };
        QVERIFY(!whitelisted(kTxidA));
        auto added = await<bool>([&](QObject *c, auto done) { m_a->addWhitelist(kTxidA, c, done); });
        QVERIFY(added && *added);
        QVERIFY(whitelisted(kTxidA));
        QVERIFY(whitelisted(kTxidA.toUpper())); // hex is case-insensitive in the table
        auto twice = await<bool>([&](QObject *c, auto done) { m_a->addWhitelist(kTxidA, c, done); });
        QVERIFY(twice && !*twice);
        auto second = await<bool>([&](QObject *c, auto done) { m_a->addWhitelist(kTxidB, c, done); });
        QVERIFY(second && *second);

        auto data = await<AdminData>([&](QObject *c, auto done) { m_b->readAdminData(c, done); });
        QVERIFY(data);
        QCOMPARE(data->whitelist.size(), 2);
        QStringList txids;
        for (const WhitelistedTx0 &w : data->whitelist) {
            txids.append(w.txid);
            QVERIFY(w.createdAtUs > 0);
        }
        txids.sort();
        QCOMPARE(txids, (QStringList{kTxidA, kTxidB}));

        auto removed = await<bool>([&](QObject *c, auto done) { m_b->removeWhitelist(kTxidA, c, done); });
        QVERIFY(removed && *removed);
        QVERIFY(!whitelisted(kTxidA));
        auto missing = await<bool>([&](QObject *c, auto done) { m_b->removeWhitelist(kTxidA, c, done); });
        QVERIFY(missing && !*missing);
        auto left = await<AdminData>([&](QObject *c, auto done) { m_a->readAdminData(c, done); });
        QCOMPARE(left->whitelist.size(), 1);
        QCOMPARE(left->whitelist[0].txid, kTxidB);
    }
};

QTEST_GUILESS_MAIN(TestAdminStore)
#include "tst_adminstore.moc"
