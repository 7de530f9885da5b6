#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/network.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <util/hex.h>

#include <testdata.h>

#include <QTest>

using namespace wp;
using namespace wp::btc;

class TestBip39 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wordlist()
    {
        const QStringList &words = bip39EnglishWordlist();
        QCOMPARE(words.size(), 2048);
        QCOMPARE(words.front(), QStringLiteral("abandon"));
        QCOMPARE(words.back(), QStringLiteral("zoo"));
        // Byte-identical to bitcoin/bips bip-0039/english.txt.
        QCOMPARE(util::toHex(crypto::sha256((words.join(u'\n') + u'\n').toLatin1())),
                 QStringLiteral("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"));
        QCOMPARE(bip39WordIndex(u"abandon"), 0);
        QCOMPARE(bip39WordIndex(u"zoo"), 2047);
        QCOMPARE(bip39WordIndex(u"legal"), 1019);
        QCOMPARE(bip39WordIndex(u"xyz"), -1);
        QCOMPARE(bip39WordIndex(u""), -1);
        QCOMPARE(bip39WordIndex(u"Abandon"), -1);
        QCOMPARE(bip39WordIndex(u"zoos"), -1);
    }

    void english_data()
    {
        QTest::addColumn<QByteArray>("entropy");
        QTest::addColumn<QString>("mnemonic");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QString>("xprv");
        const QJsonObject doc = test::loadJson(QStringLiteral("bip39_vectors.json")).object();
        const QString passphrase = doc.value(QStringLiteral("passphrase")).toString();
        QCOMPARE(passphrase, QStringLiteral("TREZOR"));
        const QJsonArray vectors = doc.value(QStringLiteral("english")).toArray();
        QCOMPARE(vectors.size(), 24);
        int n = 0;
        for (const QJsonValue &v : vectors) {
            const QJsonArray e = v.toArray();
            QTest::newRow(qPrintable(QStringLiteral("english-%1 %2").arg(n++, 2, 10, QLatin1Char('0')).arg(e[0].toString())))
                << test::hex(e[0].toString()) << e[1].toString() << passphrase << test::hex(e[2].toString())
                << e[3].toString();
        }
    }

    void english()
    {
        QFETCH(QByteArray, entropy);
        QFETCH(QString, mnemonic);
        QFETCH(QString, passphrase);
        QFETCH(QByteArray, seed);
        QFETCH(QString, xprv);

        Result<QString> words = entropyToMnemonic(entropy);
        QVERIFY(words);
        QCOMPARE(*words, mnemonic);

        Result<crypto::SecureBytes> back = mnemonicToEntropy(mnemonic);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QCOMPARE(back->toByteArray(), entropy);
        QVERIFY(validateMnemonic(mnemonic));

        const crypto::SecureBytes computed = mnemonicToSeed(mnemonic, passphrase);
        QCOMPARE(computed.toByteArray(), seed);

        Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(computed.view());
        QVERIFY(master);
        QCOMPARE(master->serialize(networkParams(Network::Main).xprvVersion), xprv);
    }

    void japaneseNfkd_data()
    {
        QTest::addColumn<QString>("mnemonic");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QString>("xprv");
        const QJsonObject doc = test::loadJson(QStringLiteral("bip39_vectors.json")).object();
        const QJsonArray vectors = doc.value(QStringLiteral("japanese")).toObject().value(QStringLiteral("vectors")).toArray();
        QCOMPARE(vectors.size(), 24);
        int n = 0;
        for (const QJsonValue &v : vectors) {
            const QJsonObject e = v.toObject();
            QTest::newRow(qPrintable(QStringLiteral("japanese-%1 %2").arg(n++, 2, 10, QLatin1Char('0'))
                                         .arg(e.value(QStringLiteral("entropy")).toString())))
                << e.value(QStringLiteral("mnemonic")).toString() << e.value(QStringLiteral("passphrase")).toString()
                << test::hex(e.value(QStringLiteral("seed")).toString())
                << e.value(QStringLiteral("bip32_xprv")).toString();
        }
    }

    // The Japanese vectors are deliberately NOT normalized (ideographic spaces, composed kana,
    // a passphrase full of compatibility characters): they only pass with NFKD on both inputs.
    void japaneseNfkd()
    {
        QFETCH(QString, mnemonic);
        QFETCH(QString, passphrase);
        QFETCH(QByteArray, seed);
        QFETCH(QString, xprv);
        QVERIFY(mnemonic.normalized(QString::NormalizationForm_KD) != mnemonic);
        QVERIFY(passphrase.normalized(QString::NormalizationForm_KD) != passphrase);
        const crypto::SecureBytes computed = mnemonicToSeed(mnemonic, passphrase);
        QCOMPARE(computed.toByteArray(), seed);
        QCOMPARE(ExtendedPrivKey::fromSeed(computed.view())->serialize(networkParams(Network::Main).xprvVersion), xprv);
        // Not English words: validation against the English list refuses it.
        QCOMPARE(validateMnemonic(mnemonic).error().code, int(HdError::UnknownWord));
    }

    void passphraseNormalization()
    {
        const QString m = QStringLiteral("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        // Precomposed and decomposed forms of the same passphrase give the same seed.
        QCOMPARE(mnemonicToSeed(m, u"caf\u00e9"), mnemonicToSeed(m, u"cafe\u0301"));
        QVERIFY(!(mnemonicToSeed(m, u"caf\u00e9") == mnemonicToSeed(m, u"cafe")));
        // Empty passphrase is the default.
        QCOMPARE(mnemonicToSeed(m), mnemonicToSeed(m, u""));
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("mnemonic");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("messagePart");
        const QString a11 = QStringLiteral("abandon ").repeated(11);
        QTest::newRow("unknown word xyz") << a11 + QStringLiteral("xyz") << int(HdError::UnknownWord) << QStringLiteral("\"xyz\" at position 12");
        QTest::newRow("unknown first word") << QStringLiteral("xyz ") + a11.trimmed() << int(HdError::UnknownWord)
                                            << QStringLiteral("position 1");
        QTest::newRow("capitalised") << QStringLiteral("Abandon ") + a11.trimmed() << int(HdError::UnknownWord)
                                     << QStringLiteral("Abandon");
        QTest::newRow("punctuation") << a11 + QStringLiteral("about.") << int(HdError::UnknownWord) << QStringLiteral("about.");
        QTest::newRow("prefix only") << a11 + QStringLiteral("abou") << int(HdError::UnknownWord) << QStringLiteral("abou");
        QTest::newRow("bad checksum") << a11 + QStringLiteral("abandon") << int(HdError::BadChecksum) << QStringLiteral("checksum");
        QTest::newRow("swapped words")
            << QStringLiteral("legal winner thank year wave sausage worth useful legal winner yellow thank")
            << int(HdError::BadChecksum) << QStringLiteral("checksum");
        QTest::newRow("24 words bad checksum") << QStringLiteral("zoo ").repeated(24).trimmed() << int(HdError::BadChecksum)
                                               << QStringLiteral("checksum");
        QTest::newRow("empty") << QString() << int(HdError::BadWordCount) << QStringLiteral("0 words");
        QTest::newRow("blank") << QStringLiteral(" \t\n ") << int(HdError::BadWordCount) << QStringLiteral("0 words");
        QTest::newRow("11 words") << a11.trimmed() << int(HdError::BadWordCount) << QStringLiteral("11 words");
        QTest::newRow("13 words") << a11 + QStringLiteral("abandon about") << int(HdError::BadWordCount) << QStringLiteral("13 words");
        QTest::newRow("25 words") << QStringLiteral("zoo ").repeated(25) << int(HdError::BadWordCount) << QStringLiteral("25 words");
        QTest::newRow("27 words") << QStringLiteral("zoo ").repeated(27) << int(HdError::BadWordCount) << QStringLiteral("27 words");
        QTest::newRow("9 words") << QStringLiteral("zoo ").repeated(9) << int(HdError::BadWordCount) << QStringLiteral("9 words");
        QTest::newRow("glued words") << QStringLiteral("abandonabandon ").repeated(12) << int(HdError::UnknownWord)
                                     << QStringLiteral("abandonabandon");
        QTest::newRow("long garbage") << QString(5000, u'x') << int(HdError::BadWordCount) << QStringLiteral("1 words");
    }

    void invalid()
    {
        QFETCH(QString, mnemonic);
        QFETCH(int, code);
        QFETCH(QString, messagePart);
        Result<void> result = validateMnemonic(mnemonic);
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
        QVERIFY(!mnemonicToEntropy(mnemonic));
    }

    void whitespace()
    {
        const QString canonical = QStringLiteral(
            "legal winner thank year wave sausage worth useful legal winner thank yellow");
        const QString messy = QStringLiteral(
            "  legal\twinner  thank\nyear wave\r\nsausage worth\u3000useful legal winner thank yellow \n");
        QVERIFY(validateMnemonic(messy));
        QCOMPARE(normalizeMnemonic(messy), canonical);
        QCOMPARE(splitMnemonic(messy).size(), 12);
        QCOMPARE(mnemonicToEntropy(messy)->toByteArray(), test::hex(QStringLiteral("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f")));
        // The seed is computed from the sentence as given (BIP39): normalise user input first.
        QCOMPARE(mnemonicToSeed(normalizeMnemonic(messy), u"TREZOR").toByteArray(),
                 test::hex(QStringLiteral("2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607")));
    }

    void entropyLengths()
    {
        for (int n : {0, 1, 12, 15, 17, 18, 33, 36, 64}) {
            Result<QString> r = entropyToMnemonic(QByteArray(n, '\0'));
            QVERIFY2(!r, qPrintable(QString::number(n)));
            QCOMPARE(r.error().code, int(HdError::BadEntropy));
        }
        for (int n : {16, 20, 24, 28, 32}) {
            const QByteArray entropy = crypto::randomBytes(n);
            Result<QString> words = entropyToMnemonic(entropy);
            QVERIFY(words);
            QCOMPARE(splitMnemonic(*words).size(), n * 3 / 4);
            QCOMPARE(mnemonicToEntropy(*words)->toByteArray(), entropy);
        }
    }
};

QTEST_GUILESS_MAIN(TestBip39)
#include "tst_bip39.moc"
