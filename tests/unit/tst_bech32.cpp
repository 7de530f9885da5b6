// Bech32 (BIP173) and Bech32m (BIP350): every test vector of both BIPs,
// strings and segwit addresses, plus hostile input.

#include <bitcoin/bech32.h>
#include <util/hex.h>

#include "testdata.h"

#include <QRandomGenerator>
#include <QTest>

using namespace wp;
using namespace wp::btc;
using wp::test::hex;

namespace {

QJsonObject bip(const char *name)
{
    return wp::test::loadJson(QStringLiteral("bech32.json")).object().value(QLatin1String(name)).toObject();
}

Bech32Variant variantOf(const QString &name)
{
    return name == u"bech32m" ? Bech32Variant::Bech32m : Bech32Variant::Bech32;
}

// Human-readable part of an address: everything before the last '1', lowercased.
QString hrpOf(const QString &address)
{
    return address.left(address.lastIndexOf(QLatin1Char('1'))).toLower();
}

// scriptPubKey of a witness program: OP_n, push of the program.
QString scriptOf(const WitnessProgram &wp)
{
    const int op = wp.version == 0 ? 0 : 0x50 + wp.version;
    return util::toHex(QByteArray(1, char(op)) + QByteArray(1, char(wp.program.size())) + wp.program);
}

void addRows(const char *list, const char *field)
{
    for (const char *name : {"bip173", "bip350"}) {
        int n = 0;
        for (const QJsonValue &v : bip(name).value(QLatin1String(list)).toArray()) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(QStringLiteral("%1 #%2 %3").arg(QLatin1String(name)).arg(++n).arg(
                              o.value(QLatin1String(field)).toString().left(24))))
                << o;
        }
    }
}

} // namespace

class TestBech32 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectorCounts()
    {
        // All of them, as listed in the BIPs.
        QCOMPARE(bip("bip173").value(QLatin1String("validStrings")).toArray().size(), 7);
        QCOMPARE(bip("bip173").value(QLatin1String("invalidStrings")).toArray().size(), 12);
        QCOMPARE(bip("bip173").value(QLatin1String("validAddresses")).toArray().size(), 6);
        QCOMPARE(bip("bip173").value(QLatin1String("invalidAddresses")).toArray().size(), 10);
        QCOMPARE(bip("bip350").value(QLatin1String("validStrings")).toArray().size(), 7);
        QCOMPARE(bip("bip350").value(QLatin1String("invalidStrings")).toArray().size(), 14);
        QCOMPARE(bip("bip350").value(QLatin1String("validAddresses")).toArray().size(), 8);
        QCOMPARE(bip("bip350").value(QLatin1String("invalidAddresses")).toArray().size(), 15);
    }

    void validStrings_data()
    {
        QTest::addColumn<QJsonObject>("v");
        addRows("validStrings", "string");
    }
    void validStrings()
    {
        QFETCH(QJsonObject, v);
        const QString text = v.value(QLatin1String("string")).toString();
        const Bech32Variant variant = variantOf(v.value(QLatin1String("variant")).toString());
        const auto decoded = decodeBech32(text);
        QVERIFY(decoded);
        // A string is valid in exactly one of the two variants.
        QVERIFY(decoded->variant == variant);
        QCOMPARE(decoded->hrp, text.left(text.lastIndexOf(QLatin1Char('1'))).toLower());
        QCOMPARE(encodeBech32(variant, decoded->hrp, decoded->data), text.toLower());
        // Flipping any data character breaks the checksum.
        QString corrupted = text.toLower();
        const qsizetype at = corrupted.size() - 3;
        corrupted[at] = corrupted[at] == QLatin1Char('q') ? QLatin1Char('p') : QLatin1Char('q');
        QVERIFY(!decodeBech32(corrupted));
    }

    void invalidStrings_data()
    {
        QTest::addColumn<QJsonObject>("v");
        addRows("invalidStrings", "reason");
    }
    void invalidStrings()
    {
        QFETCH(QJsonObject, v);
        QVERIFY2(!decodeBech32(v.value(QLatin1String("string")).toString()),
                 qPrintable(v.value(QLatin1String("reason")).toString()));
    }

    void validAddresses_data()
    {
        QTest::addColumn<QJsonObject>("v");
        addRows("validAddresses", "address");
    }
    void validAddresses()
    {
        QFETCH(QJsonObject, v);
        const QString address = v.value(QLatin1String("address")).toString();
        const QString script = v.value(QLatin1String("scriptPubKey")).toString();
        const auto wp = decodeSegwitAddress(hrpOf(address), address);
        // BIP350 changed v1+ addresses to bech32m: BIP173's v1+ examples are now invalid.
        if (!v.value(QLatin1String("validUnderBip350")).toBool(true)) {
            QVERIFY(!wp);
            return;
        }
        QVERIFY(wp);
        QCOMPARE(scriptOf(*wp), script);
        QCOMPARE(encodeSegwitAddress(hrpOf(address), *wp), address.toLower());
        // Another network's prefix never decodes it.
        QVERIFY(!decodeSegwitAddress(hrpOf(address) == u"bc" ? QStringLiteral("tb") : QStringLiteral("bc"), address));
    }

    void invalidAddresses_data()
    {
        QTest::addColumn<QJsonObject>("v");
        addRows("invalidAddresses", "reason");
    }
    void invalidAddresses()
    {
        QFETCH(QJsonObject, v);
        const QString address = v.value(QLatin1String("address")).toString();
        for (const QString &hrp : {QStringLiteral("bc"), QStringLiteral("tb"), QStringLiteral("bcrt")})
            QVERIFY2(!decodeSegwitAddress(hrp, address), qPrintable(v.value(QLatin1String("reason")).toString()));
    }

    void encodeRejectsBadPrograms()
    {
        QVERIFY(encodeSegwitAddress(QStringLiteral("bc"), {0, QByteArray(21, 'x')}).isEmpty());
        QVERIFY(encodeSegwitAddress(QStringLiteral("bc"), {1, QByteArray(1, 'x')}).isEmpty());
        QVERIFY(encodeSegwitAddress(QStringLiteral("bc"), {1, QByteArray(41, 'x')}).isEmpty());
        QVERIFY(encodeSegwitAddress(QStringLiteral("bc"), {17, QByteArray(32, 'x')}).isEmpty());
        QVERIFY(encodeSegwitAddress(QStringLiteral("bc"), {-1, QByteArray(32, 'x')}).isEmpty());
        QVERIFY(!encodeSegwitAddress(QStringLiteral("bc"), {16, QByteArray(40, 'x')}).isEmpty());
    }

    void convertBitsRules()
    {
        const QByteArray bytes = hex(QStringLiteral("751e76e8199196d454941c45d1b3a323f1433bd6"));
        const auto five = convertBits(bytes, 8, 5, true);
        QVERIFY(five);
        QCOMPARE(five->size(), 32);
        QCOMPARE(*convertBits(*five, 5, 8, false), bytes);
        QVERIFY(!convertBits(QByteArray(1, char(32)), 5, 8, false)); // value too large for 5 bits
        QVERIFY(!convertBits(QByteArray(1, char(1)), 5, 8, false));  // non-zero padding
        QCOMPARE(convertBits(QByteArray(2, char(0)), 5, 8, false)->size(), 1);
        QCOMPARE(convertBits(QByteArray(5, char(0)), 5, 8, false)->size(), 3); // 25 bits: 1 bit of padding
        QVERIFY(!convertBits(QByteArray(6, char(0)), 5, 8, false)); // 30 bits: 6 bits of padding (> 4)
    }

    void hostileInput()
    {
        const QString good = QStringLiteral("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
        QVERIFY(decodeSegwitAddress(QStringLiteral("bc"), good));
        // Every truncation fails.
        for (qsizetype n = 0; n < good.size(); ++n)
            QVERIFY(!decodeSegwitAddress(QStringLiteral("bc"), QStringView(good).first(n)));
        // Oversized (more than 90 characters), even with a valid checksum.
        const QString longHrp = QStringLiteral("a").repeated(84);
        const QString tooLong = encodeBech32(Bech32Variant::Bech32, longHrp, QByteArray());
        QCOMPARE(tooLong.size(), 91);
        QVERIFY(!decodeBech32(tooLong));
        const QString maxLen = encodeBech32(Bech32Variant::Bech32, QStringLiteral("a").repeated(83), QByteArray());
        QCOMPARE(maxLen.size(), 90);
        QVERIFY(decodeBech32(maxLen));
        QVERIFY(!decodeBech32(good + QStringLiteral("q").repeated(1000)));
        // Mixed case.
        QString mixed = good;
        mixed[4] = mixed[4].toUpper();
        QVERIFY(!decodeBech32(mixed));
        QVERIFY(decodeBech32(good.toUpper()));
        // Garbage: whitespace, NUL, non-ASCII, separators only.
        for (const QString &bad : {QString(), QStringLiteral("1"), QStringLiteral("11111111"), QStringLiteral(" ") + good,
                                   good + QStringLiteral(" "), QString(good).replace(10, 1, QChar(0)),
                                   QString(good).replace(10, 1, QChar(0x00e9)), QStringLiteral("bc1"),
                                   QStringLiteral("\U0001F600") + good})
            QVERIFY(!decodeBech32(bad));
        QRandomGenerator rng(173);
        for (int i = 0; i < 5000; ++i) {
            QString s;
            const int length = int(rng.bounded(100));
            for (int j = 0; j < length; ++j)
                s.append(QChar(char16_t(rng.bounded(2) ? rng.bounded(33, 127) : rng.bounded(1, 0xffff))));
            if (i % 2)
                s = QStringLiteral("bc1") + s;
            const auto decoded = decodeBech32(s);
            if (decoded)
                QCOMPARE(encodeBech32(decoded->variant, decoded->hrp, decoded->data), s.toLower());
            (void)decodeSegwitAddress(QStringLiteral("bc"), s);
        }
    }
};

QTEST_GUILESS_MAIN(TestBech32)
#include "tst_bech32.moc"
