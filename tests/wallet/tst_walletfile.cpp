// The desktop wallet's encrypted file: scrypt (RFC 7914 vectors) and AES-256-GCM
// (GCM specification vectors) through our wrappers; round trip, wrong password,
// every single-byte corruption and every truncation of a real file refused as
// damaged (never as a wrong password, never accepted), GCM catching altered
// bytes even behind a recomputed checksum, garbage, a future version, password
// change, app state saves, refusal to overwrite, and the async wrappers.

#include <wallet/walletfile.h>

#include <crypto/aesgcm.h>
#include <crypto/hash.h>
#include <crypto/scrypt.h>
#include <util/hex.h>

#include <testdata.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <sys/stat.h>
#include <unistd.h>

using namespace wp;
using namespace wp::client;

namespace {

constexpr char kMnemonic[] = "legal winner thank year wave sausage worth useful legal winner thank yellow";
const crypto::ScryptParams kKdf = WalletFileFormat::kTestKdf;

QJsonArray vectors(const char *group)
{
    static const QJsonObject doc = test::loadJson(QStringLiteral("scrypt_aesgcm_vectors.json")).object();
    const QJsonArray list = doc[QLatin1String(group)].toObject()[QLatin1String("vectors")].toArray();
    if (list.isEmpty())
        qFatal("scrypt_aesgcm_vectors.json: group %s is missing", group);
    return list;
}

WalletContents sampleContents()
{
    QJsonObject state{{QStringLiteral("mixCounts"), QJsonObject{{QStringLiteral("ab:0"), 3}}},
                      {QStringLiteral("settings"), QJsonObject{{QStringLiteral("pool"), QStringLiteral("0.01btc")}}}};
    return WalletContents::fromText(QString::fromLatin1(kMnemonic), QStringLiteral("TREZOR ünïcode"),
                                    btc::Network::Regtest, 4321, state);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

/// The file bytes for @p o with a correct checksum (what a writer of that content would produce).
QByteArray withChecksum(QJsonObject o)
{
    o.remove(QStringLiteral("checksum"));
    const QByteArray body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    o.insert(QStringLiteral("checksum"), util::toHex(crypto::sha256(body)));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

/// The file's permission bits (st_mode & 0777).
int modeBits(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

int code(WalletFileError e)
{
    return int(e);
}

} // namespace

class TestWalletFile : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// One real wallet file (created once; the corruption tests only parse it).
    QByteArray m_file;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto created = EncryptedWalletFile::create(path(QStringLiteral("base.wallet")), sampleContents(),
                                                   u"correct horse", kKdf);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        m_file = readAll(path(QStringLiteral("base.wallet")));
        QVERIFY(!m_file.isEmpty());
    }

    // --- crypto wrappers against published vectors ---------------------------

    void scryptRfc7914_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<quint64>("n");
        QTest::addColumn<quint32>("r");
        QTest::addColumn<quint32>("p");
        QTest::addColumn<QByteArray>("dk");
        for (const QJsonValue &v : vectors("scrypt")) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(o[QLatin1String("id")].toString()))
                << o[QLatin1String("password")].toString().toUtf8() << o[QLatin1String("salt")].toString().toUtf8()
                << quint64(o[QLatin1String("n")].toInteger()) << quint32(o[QLatin1String("r")].toInt())
                << quint32(o[QLatin1String("p")].toInt()) << test::hex(o[QLatin1String("dk")].toString());
        }
    }
    void scryptRfc7914()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, salt);
        QFETCH(quint64, n);
        QFETCH(quint32, r);
        QFETCH(quint32, p);
        QFETCH(QByteArray, dk);
        auto out = crypto::scrypt(password, salt, {n, r, p}, std::size_t(dk.size()));
        QVERIFY2(out, out ? "" : qPrintable(out.error().message));
        QCOMPARE(out->toByteArray().toHex(), dk.toHex());
        // A shorter output is the prefix (PBKDF2 output blocks).
        auto prefix = crypto::scrypt(password, salt, {n, r, p}, 32);
        QVERIFY(prefix);
        QCOMPARE(prefix->toByteArray(), dk.left(32));
    }

    void scryptRefusesBadParameters()
    {
        QVERIFY(!crypto::scrypt("pw", "salt", {1000, 8, 1}, 32));              // not a power of two
        QVERIFY(!crypto::scrypt("pw", "salt", {1, 8, 1}, 32));                 // N = 1
        QVERIFY(!crypto::scrypt("pw", "salt", {1024, 0, 1}, 32));              // r = 0
        QVERIFY(!crypto::scrypt("pw", "salt", {1024, 8, 0}, 32));              // p = 0
        QVERIFY(!crypto::scrypt("pw", "salt", {std::uint64_t(1) << 21, 8, 1}, 32)); // 2 GiB
        QVERIFY(!crypto::scrypt("pw", "salt", {1024, 8, 1}, 0));
        QVERIFY(crypto::scrypt("pw", "salt", {1024, 8, 1}, 32));
    }

    void aesGcmVectors_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("iv");
        QTest::addColumn<QByteArray>("pt");
        QTest::addColumn<QByteArray>("aad");
        QTest::addColumn<QByteArray>("sealed");
        for (const QJsonValue &v : vectors("aes256gcm")) {
            const QJsonObject o = v.toObject();
            auto h = [&](const char *k) { return test::hex(o[QLatin1String(k)].toString()); };
            QTest::newRow(qPrintable(o[QLatin1String("id")].toString()))
                << h("key") << h("iv") << h("pt") << h("aad") << (h("ct") + h("tag"));
        }
    }
    void aesGcmVectors()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, iv);
        QFETCH(QByteArray, pt);
        QFETCH(QByteArray, aad);
        QFETCH(QByteArray, sealed);
        QCOMPARE(crypto::aes256GcmEncrypt(key, iv, pt, aad).toHex(), sealed.toHex());
        auto opened = crypto::aes256GcmDecrypt(key, iv, sealed, aad);
        QVERIFY(opened);
        QCOMPARE(opened->toByteArray(), pt);
        // Any flipped bit of ciphertext or tag, another AAD, key or IV: refused.
        for (qsizetype i = 0; i < sealed.size(); ++i) {
            QByteArray bad = sealed;
            bad[i] = char(bad[i] ^ 0x01);
            QVERIFY(!crypto::aes256GcmDecrypt(key, iv, bad, aad));
        }
        QVERIFY(!crypto::aes256GcmDecrypt(key, iv, sealed, aad + 'x'));
        QByteArray otherKey = key;
        otherKey[31] = char(otherKey[31] ^ 0x80);
        QVERIFY(!crypto::aes256GcmDecrypt(otherKey, iv, sealed, aad));
        QByteArray otherIv = iv;
        otherIv[0] = char(otherIv[0] ^ 0x01);
        QVERIFY(!crypto::aes256GcmDecrypt(key, otherIv, sealed, aad));
        QVERIFY(!crypto::aes256GcmDecrypt(key, iv, sealed.left(15), aad)); // shorter than a tag
    }

    // --- the wallet file -------------------------------------------------------

    void roundTrip()
    {
        const QString p = path(QStringLiteral("roundtrip.wallet"));
        const WalletContents contents = sampleContents();
        auto created = EncryptedWalletFile::create(p, contents, u"pässword", kKdf);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        QCOMPARE(created->contents(), contents);
        QCOMPARE(modeBits(p), 0600);

        const QByteArray bytes = readAll(p);
        QVERIFY(bytes.endsWith("}\n"));
        QCOMPARE(bytes.count('\n'), 1);
        // No secret or plain field in the clear.
        for (const char *clear : {"legal", "winner", "TREZOR", "mixCounts", "0.01btc", "regtest"})
            QVERIFY2(!bytes.contains(clear), clear);
        const QJsonObject o = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(o[QLatin1String("format")].toString(), QStringLiteral("whirlpool-wallet"));
        QCOMPARE(o[QLatin1String("version")].toInt(), 1);
        const QJsonObject kdf = o[QLatin1String("kdf")].toObject();
        QCOMPARE(kdf[QLatin1String("name")].toString(), QStringLiteral("scrypt"));
        QCOMPARE(kdf[QLatin1String("n")].toInteger(), 32768);
        QCOMPARE(kdf[QLatin1String("r")].toInt(), 8);
        QCOMPARE(kdf[QLatin1String("p")].toInt(), 1);
        QCOMPARE(QByteArray::fromBase64(kdf[QLatin1String("salt")].toString().toLatin1()).size(), 16);
        QCOMPARE(o[QLatin1String("cipher")].toObject()[QLatin1String("name")].toString(), QStringLiteral("aes-256-gcm"));
        QCOMPARE(QByteArray::fromBase64(o[QLatin1String("cipher")].toObject()[QLatin1String("nonce")].toString().toLatin1()).size(), 12);

        auto opened = EncryptedWalletFile::open(p, u"pässword");
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(opened->contents(), contents);
        QCOMPARE(opened->contents().mnemonicText(), QString::fromLatin1(kMnemonic));
        QCOMPARE(opened->contents().passphraseText(), QStringLiteral("TREZOR ünïcode"));
        QCOMPARE(opened->contents().network, btc::Network::Regtest);
        QCOMPARE(opened->contents().birthdayHeight, 4321);
        QCOMPARE(opened->contents().appState, contents.appState);
        QCOMPARE(opened->kdfParams(), kKdf);

        // The password is NFKD-normalized: the decomposed form opens it too.
        QVERIFY(EncryptedWalletFile::open(p, QStringLiteral("pa\u0308ssword")));

        // Same contents and password, fresh salt and nonce: different files.
        const QString p2 = path(QStringLiteral("roundtrip2.wallet"));
        QVERIFY(EncryptedWalletFile::create(p2, contents, u"pässword", kKdf));
        QVERIFY(readAll(p2) != bytes);
    }

    void wrongPasswordIsRefused()
    {
        const QString p = path(QStringLiteral("base.wallet"));
        for (const QString &pw : {QStringLiteral("correct horsE"), QStringLiteral("correct horse "), QString(),
                                  QStringLiteral("x")}) {
            auto opened = EncryptedWalletFile::open(p, pw);
            QVERIFY(!opened);
            QCOMPARE(opened.error().code, code(WalletFileError::WrongPassword));
            QCOMPARE(opened.error().message, QStringLiteral("wrong password"));
        }
        QCOMPARE(readAll(p), m_file); // never touched
        QVERIFY(EncryptedWalletFile::open(p, u"correct horse"));
    }

    void everySingleByteCorruptionIsDetected()
    {
        // Every byte of the file, replaced by several other values: parse() refuses it
        // as damaged before any key derivation (so never "wrong password"), except the
        // version digit, which can only turn into an unsupported (or invalid) version.
        const qsizetype versionDigit = m_file.indexOf("\"version\":1") + int(qstrlen("\"version\":"));
        QVERIFY(versionDigit > 10);
        int checked = 0;
        for (qsizetype i = 0; i < m_file.size(); ++i) {
            for (const int delta : {0x01, 0x02, 0x20, 0x80, 0xff}) {
                QByteArray bad = m_file;
                bad[i] = char(bad[i] ^ delta);
                auto env = WalletFileFormat::parse(bad);
                QVERIFY2(!env, qPrintable(QStringLiteral("byte %1 ^ %2 accepted").arg(i).arg(delta)));
                if (i == versionDigit && env.error().code == code(WalletFileError::UnsupportedVersion))
                    continue;
                QVERIFY2(env.error().code == code(WalletFileError::Damaged),
                         qPrintable(QStringLiteral("byte %1: %2").arg(i).arg(env.error().message)));
                QVERIFY(env.error().message.startsWith(QStringLiteral("the wallet file is damaged: ")));
                ++checked;
            }
        }
        QVERIFY(checked > 5 * 300);

        // Through open(): the file is reported damaged and left as it is.
        const QString p = path(QStringLiteral("corrupt.wallet"));
        QByteArray bad = m_file;
        bad[bad.size() / 2] = char(bad[bad.size() / 2] ^ 0x04);
        writeAll(p, bad);
        auto opened = EncryptedWalletFile::open(p, u"correct horse");
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, code(WalletFileError::Damaged));
        QCOMPARE(readAll(p), bad);
    }

    void gcmCatchesAlterationsBehindARecomputedChecksum()
    {
        // Someone who recomputes the checksum still cannot change a byte of the
        // ciphertext, tag, nonce, salt or KDF parameters: GCM (ciphertext + header
        // as associated data) refuses it.
        auto env = WalletFileFormat::parse(m_file);
        QVERIFY(env);
        auto key = WalletFileFormat::deriveKey(u"correct horse", env->kdf, env->salt);
        QVERIFY(key);
        QVERIFY(WalletFileFormat::decrypt(*env, *key));

        const QJsonObject o = QJsonDocument::fromJson(m_file).object();
        auto reparse = [](const QJsonObject &altered) { return WalletFileFormat::parse(withChecksum(altered)); };
        const QByteArray sealed = env->sealed;
        for (qsizetype i = 0; i < sealed.size(); ++i) {
            QByteArray bad = sealed;
            bad[i] = char(bad[i] ^ 0x01);
            QJsonObject altered = o;
            altered[QStringLiteral("ciphertext")] = QString::fromLatin1(bad.toBase64());
            auto badEnv = reparse(altered);
            QVERIFY2(badEnv, badEnv ? "" : qPrintable(badEnv.error().message));
            auto decrypted = WalletFileFormat::decrypt(*badEnv, *key);
            QVERIFY(!decrypted);
            QCOMPARE(decrypted.error().code, code(WalletFileError::WrongPassword));
        }
        for (qsizetype i = 0; i < env->nonce.size(); ++i) {
            QByteArray bad = env->nonce;
            bad[i] = char(bad[i] ^ 0x10);
            QJsonObject altered = o;
            QJsonObject cipher = o[QLatin1String("cipher")].toObject();
            cipher[QStringLiteral("nonce")] = QString::fromLatin1(bad.toBase64());
            altered[QStringLiteral("cipher")] = cipher;
            auto badEnv = reparse(altered);
            QVERIFY(badEnv);
            QVERIFY(!WalletFileFormat::decrypt(*badEnv, *key));
        }
        // The header is associated data: another salt or cost with the same key fails.
        QJsonObject altered = o;
        QJsonObject kdf = o[QLatin1String("kdf")].toObject();
        QByteArray salt = env->salt;
        salt[0] = char(salt[0] ^ 0x01);
        kdf[QStringLiteral("salt")] = QString::fromLatin1(salt.toBase64());
        altered[QStringLiteral("kdf")] = kdf;
        QVERIFY(!WalletFileFormat::decrypt(*reparse(altered), *key));
        kdf = o[QLatin1String("kdf")].toObject();
        kdf[QStringLiteral("n")] = 65536;
        altered[QStringLiteral("kdf")] = kdf;
        QVERIFY(!WalletFileFormat::decrypt(*reparse(altered), *key));
    }

    void truncatedFileIsDamaged()
    {
        for (qsizetype n = 0; n < m_file.size(); ++n) {
            auto env = WalletFileFormat::parse(m_file.left(n));
            QVERIFY2(!env, qPrintable(QStringLiteral("prefix of %1 bytes accepted").arg(n)));
            QCOMPARE(env.error().code, code(WalletFileError::Damaged));
        }
        const QString p = path(QStringLiteral("truncated.wallet"));
        writeAll(p, m_file.left(m_file.size() / 3));
        auto opened = EncryptedWalletFile::open(p, u"correct horse");
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, code(WalletFileError::Damaged));
        QVERIFY2(opened.error().message.contains(QStringLiteral("truncated")), qPrintable(opened.error().message));
        QCOMPARE(readAll(p), m_file.left(m_file.size() / 3));
    }

    void garbageIsDamaged_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("brace") << QByteArray("{") << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[1,2]\n") << QStringLiteral("not a JSON object");
        QTest::newRow("null") << QByteArray("null") << QStringLiteral("not valid JSON");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe garbage", 14) << QStringLiteral("not valid JSON");
        QTest::newRow("object") << QByteArray("{}\n") << QStringLiteral("not a whirlpool wallet file");
        QTest::newRow("cli wallet")
            << QByteArray("{\"mnemonic\":\"abandon\",\"network\":\"regtest\",\"version\":1}\n")
            << QStringLiteral("not a whirlpool wallet file");
        QTest::newRow("version text") << QByteArray("{\"format\":\"whirlpool-wallet\",\"version\":\"1\"}\n")
                                      << QStringLiteral("\"version\" is not a positive integer");
        QTest::newRow("version 0") << QByteArray("{\"format\":\"whirlpool-wallet\",\"version\":0}\n")
                                   << QStringLiteral("\"version\" is not a positive integer");
        QTest::newRow("no fields") << QByteArray("{\"format\":\"whirlpool-wallet\",\"version\":1}\n")
                                   << QStringLiteral("has no \"checksum\" field");
        QTest::newRow("too large") << QByteArray(WalletFileFormat::kMaxFileSize + 1, ' ') << QStringLiteral("larger than");
    }
    void garbageIsDamaged()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        auto env = WalletFileFormat::parse(bytes);
        QVERIFY(!env);
        QCOMPARE(env.error().code, code(WalletFileError::Damaged));
        QVERIFY2(env.error().message.contains(reason), qPrintable(env.error().message));

        const QString p = path(QStringLiteral("garbage.wallet"));
        writeAll(p, bytes);
        auto opened = EncryptedWalletFile::open(p, u"correct horse");
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, code(WalletFileError::Damaged));
        QCOMPARE(readAll(p), bytes);
    }

    void structuralDamageIsNamed()
    {
        // Valid checksums over wrong contents (what a buggy writer would produce).
        const QJsonObject o = QJsonDocument::fromJson(m_file).object();
        auto damagedWith = [&](QJsonObject altered, const QString &reason) {
            auto env = WalletFileFormat::parse(withChecksum(std::move(altered)));
            if (env || env.error().code != code(WalletFileError::Damaged) || !env.error().message.contains(reason)) {
                qWarning("expected damage '%s', got: %s", qPrintable(reason), env ? "ok" : qPrintable(env.error().message));
                return false;
            }
            return true;
        };
        QJsonObject a = o;
        a.insert(QStringLiteral("extra"), 1);
        QVERIFY(damagedWith(a, QStringLiteral("unexpected field \"extra\"")));
        a = o;
        a.remove(QStringLiteral("ciphertext"));
        QVERIFY(damagedWith(a, QStringLiteral("no \"ciphertext\" field")));
        QJsonObject kdf = o[QLatin1String("kdf")].toObject();
        kdf[QStringLiteral("name")] = QStringLiteral("argon2id");
        a = o;
        a[QStringLiteral("kdf")] = kdf;
        QVERIFY(damagedWith(a, QStringLiteral("unknown key derivation \"argon2id\"")));
        kdf = o[QLatin1String("kdf")].toObject();
        kdf[QStringLiteral("n")] = 1000;
        a[QStringLiteral("kdf")] = kdf;
        QVERIFY(damagedWith(a, QStringLiteral("outside the accepted bounds")));
        kdf[QStringLiteral("n")] = 1 << 22;
        a[QStringLiteral("kdf")] = kdf;
        QVERIFY(damagedWith(a, QStringLiteral("scrypt parameters")));
        kdf = o[QLatin1String("kdf")].toObject();
        kdf[QStringLiteral("salt")] = QStringLiteral("AAAA");
        a[QStringLiteral("kdf")] = kdf;
        QVERIFY(damagedWith(a, QStringLiteral("salt is not 16 bytes")));
        a = o;
        QJsonObject cipher = o[QLatin1String("cipher")].toObject();
        cipher[QStringLiteral("name")] = QStringLiteral("chacha20-poly1305");
        a[QStringLiteral("cipher")] = cipher;
        QVERIFY(damagedWith(a, QStringLiteral("unknown cipher")));
        a = o;
        a[QStringLiteral("ciphertext")] = QStringLiteral("AAAA");
        QVERIFY(damagedWith(a, QStringLiteral("ciphertext is too short")));
        a[QStringLiteral("ciphertext")] = QStringLiteral("not base64!");
        QVERIFY(damagedWith(a, QStringLiteral("ciphertext is not canonical base64")));
        // Spacing changes are refused too (the file must be in canonical form).
        QByteArray spaced = m_file;
        spaced.replace("\"version\":1", "\"version\": 1");
        auto env = WalletFileFormat::parse(spaced);
        QVERIFY(!env);
        QVERIFY(env.error().message.contains(QStringLiteral("canonical form")));
    }

    void futureVersionIsRefused()
    {
        QJsonObject future = QJsonDocument::fromJson(m_file).object();
        future[QStringLiteral("version")] = 2;
        future[QStringLiteral("kdf")] = QJsonObject{{QStringLiteral("name"), QStringLiteral("argon2id")}};
        const QByteArray bytes = withChecksum(future);
        auto env = WalletFileFormat::parse(bytes);
        QVERIFY(!env);
        QCOMPARE(env.error().code, code(WalletFileError::UnsupportedVersion));
        QVERIFY2(env.error().message.contains(QStringLiteral("format version 2")), qPrintable(env.error().message));
        QVERIFY(env.error().message.contains(QStringLiteral("newer version")));

        const QString p = path(QStringLiteral("future.wallet"));
        writeAll(p, bytes);
        auto opened = EncryptedWalletFile::open(p, u"correct horse");
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, code(WalletFileError::UnsupportedVersion));
        QCOMPARE(readAll(p), bytes);
        // And creating a wallet there does not replace it.
        auto created = EncryptedWalletFile::create(p, sampleContents(), u"pw", kKdf);
        QVERIFY(!created);
        QCOMPARE(created.error().code, code(WalletFileError::AlreadyExists));
        QCOMPARE(readAll(p), bytes);
    }

    void notFoundAndUnreadable()
    {
        auto opened = EncryptedWalletFile::open(path(QStringLiteral("missing.wallet")), u"pw");
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, code(WalletFileError::NotFound));
        if (::geteuid() != 0) { // root reads anything
            const QString p = path(QStringLiteral("unreadable.wallet"));
            writeAll(p, m_file);
            QFile::setPermissions(p, QFileDevice::WriteOwner);
            opened = EncryptedWalletFile::open(p, u"correct horse");
            QVERIFY(!opened);
            QCOMPARE(opened.error().code, code(WalletFileError::Io));
        }
    }

    void createValidatesAndNeverReplaces()
    {
        const QString p = path(QStringLiteral("new.wallet"));
        WalletContents bad = sampleContents();
        bad.mnemonic = crypto::SecureBytes(QByteArrayView("legal winner thank year wave sausage worth useful legal winner thank thank"));
        auto created = EncryptedWalletFile::create(p, bad, u"pw", kKdf);
        QVERIFY(!created);
        QCOMPARE(created.error().code, code(WalletFileError::BadContents));
        QVERIFY2(created.error().message.contains(QStringLiteral("recovery phrase")), qPrintable(created.error().message));
        bad = sampleContents();
        bad.birthdayHeight = 0;
        QCOMPARE(EncryptedWalletFile::create(p, bad, u"pw", kKdf).error().code, code(WalletFileError::BadContents));
        QCOMPARE(EncryptedWalletFile::create(p, sampleContents(), u"", kKdf).error().code,
                 code(WalletFileError::BadContents));
        QCOMPARE(EncryptedWalletFile::create(p, sampleContents(), u"pw", {512, 8, 1}).error().code,
                 code(WalletFileError::BadContents));
        // 2^20 x r 8 = 1 GiB: above the 512 MiB a wallet file may ask for.
        QCOMPARE(EncryptedWalletFile::create(p, sampleContents(), u"pw", {std::uint64_t(1) << 20, 8, 1}).error().code,
                 code(WalletFileError::BadContents));
        QVERIFY(!QFile::exists(p));

        // The file is created in a missing folder; a second create is refused.
        const QString nested = path(QStringLiteral("sub/dir/new.wallet"));
        QVERIFY(EncryptedWalletFile::create(nested, sampleContents(), u"pw", kKdf));
        const QByteArray first = readAll(nested);
        created = EncryptedWalletFile::create(nested, sampleContents(), u"other", kKdf);
        QVERIFY(!created);
        QCOMPARE(created.error().code, code(WalletFileError::AlreadyExists));
        QCOMPARE(readAll(nested), first);
        // No temporary file is left behind.
        QCOMPARE(QDir(path(QStringLiteral("sub/dir"))).entryList(QDir::Files), QStringList{QStringLiteral("new.wallet")});
    }

    void passwordChange()
    {
        const QString p = path(QStringLiteral("change.wallet"));
        QVERIFY(EncryptedWalletFile::create(p, sampleContents(), u"old password", kKdf));
        const QByteArray before = readAll(p);

        auto refused = EncryptedWalletFile::changePassword(p, u"not it", u"new password", kKdf);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, code(WalletFileError::WrongPassword));
        QCOMPARE(EncryptedWalletFile::changePassword(p, u"old password", u"", kKdf).error().code,
                 code(WalletFileError::BadContents));
        QCOMPARE(readAll(p), before);

        auto changed = EncryptedWalletFile::changePassword(p, u"old password", u"new password", kKdf);
        QVERIFY2(changed, changed ? "" : qPrintable(changed.error().message));
        QCOMPARE(changed->contents(), sampleContents());
        QCOMPARE(modeBits(p), 0600);
        const QByteArray after = readAll(p);
        QVERIFY(after != before);
        // A fresh salt.
        QVERIFY(WalletFileFormat::parse(after)->salt != WalletFileFormat::parse(before)->salt);

        auto old = EncryptedWalletFile::open(p, u"old password");
        QVERIFY(!old);
        QCOMPARE(old.error().code, code(WalletFileError::WrongPassword));
        auto reopened = EncryptedWalletFile::open(p, u"new password");
        QVERIFY(reopened);
        QCOMPARE(reopened->contents(), sampleContents());

        // The object returned keeps saving under the new password.
        changed->setAppState(QJsonObject{{QStringLiteral("after"), true}});
        QVERIFY(changed->save());
        reopened = EncryptedWalletFile::open(p, u"new password");
        QVERIFY(reopened);
        QCOMPARE(reopened->contents().appState, (QJsonObject{{QStringLiteral("after"), true}}));
    }

    void saveAppStateWithoutThePassword()
    {
        const QString p = path(QStringLiteral("state.wallet"));
        auto file = EncryptedWalletFile::create(p, sampleContents(), u"pw", kKdf);
        QVERIFY(file);
        QJsonObject state{{QStringLiteral("mixCounts"), QJsonObject{{QStringLiteral("cd:1"), 7}}}};
        file->setAppState(state);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(file->save());
        QVERIFY2(timer.elapsed() < 2000, "save() must not run the KDF");
        QCOMPARE(modeBits(p), 0600);
        auto reopened = EncryptedWalletFile::open(p, u"pw");
        QVERIFY(reopened);
        QCOMPARE(reopened->contents().appState, state);
        QCOMPARE(reopened->contents().birthdayHeight, 4321);
        // Two saves of the same state use fresh nonces.
        const QByteArray once = readAll(p);
        QVERIFY(file->save());
        QVERIFY(readAll(p) != once);
    }

    void saveNeverOverwritesAFileChangedByOthers()
    {
        const QString p = path(QStringLiteral("shared.wallet"));
        QVERIFY(EncryptedWalletFile::create(p, sampleContents(), u"pw", kKdf));
        auto a = EncryptedWalletFile::open(p, u"pw");
        auto b = EncryptedWalletFile::open(p, u"pw");
        QVERIFY(a && b);
        a->setAppState(QJsonObject{{QStringLiteral("by"), QStringLiteral("a")}});
        QVERIFY(a->save());
        const QByteArray written = readAll(p);
        b->setAppState(QJsonObject{{QStringLiteral("by"), QStringLiteral("b")}});
        auto saved = b->save();
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, code(WalletFileError::ChangedOnDisk));
        QCOMPARE(readAll(p), written);

        // A damaged file is not replaced by save() either.
        writeAll(p, written.left(40));
        saved = a->save();
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, code(WalletFileError::ChangedOnDisk));
        QCOMPARE(readAll(p), written.left(40));

        // Nor recreated once removed.
        QVERIFY(QFile::remove(p));
        saved = a->save();
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, code(WalletFileError::ChangedOnDisk));
        QVERIFY(!QFile::exists(p));
    }

    void asyncWrappersAnswerOnTheCallersThread()
    {
        const QString p = path(QStringLiteral("async.wallet"));
        QObject context;
        std::optional<Result<EncryptedWalletFile>> created;
        QThread *answeredOn = nullptr;
        QElapsedTimer timer;
        timer.start();
        EncryptedWalletFile::createAsync(&context, p, sampleContents(), QStringLiteral("async pw"), kKdf,
                                         [&](Result<EncryptedWalletFile> r) {
                                             answeredOn = QThread::currentThread();
                                             created.emplace(std::move(r));
                                         });
        QVERIFY(!created); // returned at once; the KDF runs on the pool
        QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 30000);
        QVERIFY(*created);
        QCOMPARE(answeredOn, QThread::currentThread());

        std::optional<Result<EncryptedWalletFile>> opened;
        EncryptedWalletFile::openAsync(&context, p, QStringLiteral("wrong"),
                                       [&](Result<EncryptedWalletFile> r) { opened.emplace(std::move(r)); });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 30000);
        QCOMPARE(opened->error().code, code(WalletFileError::WrongPassword));

        std::optional<Result<EncryptedWalletFile>> changed;
        EncryptedWalletFile::changePasswordAsync(&context, p, QStringLiteral("async pw"), QStringLiteral("new async"),
                                                 kKdf, [&](Result<EncryptedWalletFile> r) { changed.emplace(std::move(r)); });
        QTRY_VERIFY_WITH_TIMEOUT(changed.has_value(), 30000);
        QVERIFY(*changed);

        opened.reset();
        EncryptedWalletFile::openAsync(&context, p, QStringLiteral("new async"),
                                       [&](Result<EncryptedWalletFile> r) { opened.emplace(std::move(r)); });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 30000);
        QVERIFY(*opened);
        QCOMPARE((*opened)->contents(), sampleContents());

        // A context destroyed before the answer: the callback never runs.
        bool called = false;
        {
            QObject shortLived;
            EncryptedWalletFile::openAsync(&shortLived, p, QStringLiteral("new async"),
                                           [&](Result<EncryptedWalletFile>) { called = true; });
        }
        QThreadPool::globalInstance()->waitForDone(30000);
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void defaultKdfCost()
    {
        // The interactive default: n = 2^17, r = 8 (128 MiB); measured once.
        QElapsedTimer timer;
        timer.start();
        auto key = WalletFileFormat::deriveNewKey(u"pw", WalletFileFormat::kDefaultKdf);
        QVERIFY(key);
        qInfo("scrypt N=2^17 r=8 p=1: %lld ms", timer.elapsed());
        QCOMPARE(key->params, WalletFileFormat::kDefaultKdf);
        QCOMPARE(key->key.size(), std::size_t(32));
    }
};

QTEST_GUILESS_MAIN(TestWalletFile)
#include "tst_walletfile.moc"
