#include <util/hex.h>
#include <util/result.h>

#include <QTest>

using namespace wp;

class TestHex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        const QByteArray bytes("\x00\x01\xab\xff", 4);
        QCOMPARE(util::toHex(bytes), QStringLiteral("0001abff"));
        QCOMPARE(*util::fromHex(QStringView(u"0001ABff")), bytes);
    }
    void rejectsMalformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("odd") << QStringLiteral("abc");
        QTest::newRow("non-hex") << QStringLiteral("zz");
        QTest::newRow("prefix") << QStringLiteral("0x00");
        QTest::newRow("space") << QStringLiteral("00 11");
        QTest::newRow("unicode") << QStringLiteral("0\u00e9");
    }
    void rejectsMalformed()
    {
        QFETCH(QString, text);
        QVERIFY(!util::fromHex(QStringView(text)).has_value());
    }
    void reversed() { QCOMPARE(util::reversed(QByteArray("abc")), QByteArray("cba")); }
    void result()
    {
        Result<int> ok = 5;
        QVERIFY(ok);
        QCOMPARE(*ok, 5);
        Result<int> bad = fail(601, QStringLiteral("Invalid signature"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, 601);
        QCOMPARE(bad.value_or(7), 7);
        Result<void> v;
        QVERIFY(v);
    }
};

QTEST_GUILESS_MAIN(TestHex)
#include "tst_hex.moc"
