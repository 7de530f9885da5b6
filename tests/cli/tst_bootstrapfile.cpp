// whirlpool-cli's bootstrap list file: the instances a client starts from.
#include <mixer/bootstrapfile.h>

#include <QTemporaryDir>
#include <QTest>

using namespace wp;
using client::BootstrapList;

namespace {

/// JSON text written with ' for " (readable test data).
QByteArray json(const char *text) { return QByteArray(text).replace('\'', '"'); }

} // namespace

class TestBootstrapFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesInstancesAndOperatorAddress()
    {
        const auto list = BootstrapList::fromJson(
            json("{'instances': ["
                 " {'name': 'alpha', 'urlClear': 'http://127.0.0.1:8080'},"
                 " {'name': 'beta', 'id': 'b', 'urlClear': 'https://beta.example.org', 'urlOnion': 'http://abcdef.onion'},"
                 " {'urlOnion': 'http://xyz.onion'}],"
                 " 'operatorAddress': ' bcrt1qoperator ', 'comment': 'ignored'}"));
        QVERIFY2(list, list ? "" : qPrintable(list.error().message));
        QCOMPARE(list->instances.size(), 3);
        QCOMPARE(list->instances[0].name, QStringLiteral("alpha"));
        QCOMPARE(list->instances[0].urlClear, QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(list->instances[1].id, QStringLiteral("b"));
        QCOMPARE(list->instances[1].urlOnion, QStringLiteral("http://abcdef.onion"));
        QCOMPARE(list->instances[2].name, QString());
        QCOMPARE(list->operatorAddress, QStringLiteral("bcrt1qoperator")); // checked by the directory, not here
    }

    void operatorAddressIsOptional()
    {
        const auto list = BootstrapList::fromJson(json("{'instances': [{'urlClear': 'http://127.0.0.1:1'}]}"));
        QVERIFY(list);
        QCOMPARE(list->operatorAddress, QString());
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        QTest::newRow("not-json") << QByteArray("{instances") << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
        QTest::newRow("no-instances") << QByteArray("{}") << QStringLiteral("instances must be a non-empty list");
        QTest::newRow("empty") << json("{'instances': []}") << QStringLiteral("instances must be a non-empty list");
        QTest::newRow("not-object") << json("{'instances': ['http://a']}") << QStringLiteral("instance 1 is not an object");
        QTest::newRow("no-url") << json("{'instances': [{'name': 'alpha'}]}")
                                << QStringLiteral("instance 'alpha' has neither urlClear nor urlOnion");
        QTest::newRow("bad-url") << json("{'instances': [{'name': 'a', 'urlClear': 'ftp://x'}]}")
                                 << QStringLiteral("instance 'a': ");
        QTest::newRow("onion-as-clear") << json("{'instances': [{'urlClear': 'http://abc.onion'}]}")
                                        << QStringLiteral("instance 1: ");
        QTest::newRow("clear-as-onion") << json("{'instances': [{'urlOnion': 'http://example.org'}]}")
                                        << QStringLiteral("instance 1: ");
        QTest::newRow("address-type") << json("{'instances': [{'urlClear': 'http://a.b'}], 'operatorAddress': 5}")
                                      << QStringLiteral("operatorAddress must be a string");
    }
    void refusesBadFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        const auto list = BootstrapList::fromJson(json);
        QVERIFY(!list);
        QVERIFY2(list.error().message.startsWith(why), qPrintable(list.error().message));
    }

    void loadNamesTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cluster.json"));
        auto missing = BootstrapList::load(path);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json("{'instances': [{'name': 'alpha'}]}"));
        file.close();
        auto bad = BootstrapList::load(path);
        QVERIFY(!bad);
        QCOMPARE(bad.error().message, QStringLiteral("bootstrap list %1: instance 'alpha' has neither urlClear nor urlOnion").arg(path));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json("{'instances': [{'name': 'alpha', 'urlClear': 'http://127.0.0.1:8080'}]}"));
        file.close();
        auto good = BootstrapList::load(path);
        QVERIFY(good);
        QCOMPARE(good->instances.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBootstrapFile)
#include "tst_bootstrapfile.moc"
