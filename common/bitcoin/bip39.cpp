#include <bitcoin/bip39.h>

#include <crypto/hash.h>
#include <util/assert.h>

#include <QFile>

#include <algorithm>
#include <vector>

// The wordlist resource lives in wp_common, a static library: make sure its
// registration object is linked and run (a no-op when already registered).
static void initBip39Resources()
{
    Q_INIT_RESOURCE(wp_common_wordlists);
}

namespace wp::btc {

namespace {

constexpr int kWordCount = 2048;

void wipe(QByteArray &bytes)
{
    volatile char *p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

QStringList loadEnglish()
{
    initBip39Resources();
    QFile file(QStringLiteral(":/bip39/english.txt"));
    // A missing or damaged compiled-in resource is a broken build, not bad input.
    WP_ASSERT(file.open(QIODevice::ReadOnly));
    const QStringList words = QString::fromLatin1(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    WP_ASSERT(words.size() == kWordCount);
    WP_ASSERT(std::is_sorted(words.begin(), words.end()));
    return words;
}

bool validWordCount(qsizetype n) { return n >= 12 && n <= 24 && n % 3 == 0; }

} // namespace

const QStringList &bip39EnglishWordlist()
{
    static const QStringList words = loadEnglish();
    return words;
}

int bip39WordIndex(QStringView word)
{
    const QStringList &words = bip39EnglishWordlist();
    const auto it = std::lower_bound(words.begin(), words.end(), word,
                                     [](const QString &a, QStringView b) { return QStringView(a) < b; });
    if (it == words.end() || QStringView(*it) != word)
        return -1;
    return int(it - words.begin());
}

QStringList splitMnemonic(QStringView mnemonic)
{
    const QString normalized = mnemonic.toString().normalized(QString::NormalizationForm_KD);
    QStringList out;
    QString current;
    for (QChar c : normalized) {
        if (c.isSpace()) {
            if (!current.isEmpty())
                out.append(std::exchange(current, QString()));
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

QString normalizeMnemonic(QStringView mnemonic) { return splitMnemonic(mnemonic).join(u' '); }

Result<QString> entropyToMnemonic(QByteArrayView entropy)
{
    const qsizetype n = entropy.size();
    if (n < 16 || n > 32 || n % 4 != 0)
        return hdFail(HdError::BadEntropy, QStringLiteral("entropy is %1 bytes, BIP39 needs 16, 20, 24, 28 or 32").arg(n));
    const QByteArray hash = crypto::sha256(entropy);
    const int entBits = int(n) * 8;
    const int wordCount = (entBits + entBits / 32) / 11;
    const auto bit = [&](int pos) -> int {
        const unsigned char byte = pos < entBits ? static_cast<unsigned char>(entropy[pos / 8])
                                                 : static_cast<unsigned char>(hash[(pos - entBits) / 8]);
        return (byte >> (7 - pos % 8)) & 1;
    };
    const QStringList &words = bip39EnglishWordlist();
    QStringList out;
    for (int w = 0; w < wordCount; ++w) {
        int index = 0;
        for (int b = 0; b < 11; ++b)
            index = (index << 1) | bit(w * 11 + b);
        out.append(words[index]);
    }
    return out.join(u' ');
}

Result<crypto::SecureBytes> mnemonicToEntropy(QStringView mnemonic)
{
    const QStringList words = splitMnemonic(mnemonic);
    if (!validWordCount(words.size()))
        return hdFail(HdError::BadWordCount,
                      QStringLiteral("mnemonic has %1 words, expected 12, 15, 18, 21 or 24").arg(words.size()));
    std::vector<int> indexes;
    indexes.reserve(std::size_t(words.size()));
    for (qsizetype i = 0; i < words.size(); ++i) {
        const int index = bip39WordIndex(words[i]);
        if (index < 0)
            return hdFail(HdError::UnknownWord,
                          QStringLiteral("unknown word \"%1\" at position %2").arg(words[i].left(32)).arg(i + 1));
        indexes.push_back(index);
    }
    const int totalBits = int(words.size()) * 11;
    const int checksumBits = totalBits / 33;
    const int entBits = totalBits - checksumBits;
    crypto::SecureBytes entropy(std::size_t(entBits / 8));
    std::fill(entropy.data(), entropy.data() + entropy.size(), 0);
    int checksum = 0;
    for (int pos = 0; pos < totalBits; ++pos) {
        const int bit = (indexes[std::size_t(pos / 11)] >> (10 - pos % 11)) & 1;
        if (pos < entBits)
            entropy.data()[pos / 8] |= static_cast<unsigned char>(bit << (7 - pos % 8));
        else
            checksum = (checksum << 1) | bit;
    }
    std::fill(indexes.begin(), indexes.end(), 0);
    const QByteArray hash = crypto::sha256(entropy.view());
    const int expected = static_cast<unsigned char>(hash[0]) >> (8 - checksumBits);
    if (checksum != expected)
        return hdFail(HdError::BadChecksum, QStringLiteral("mnemonic checksum does not match (mistyped or reordered word?)"));
    return entropy;
}

Result<void> validateMnemonic(QStringView mnemonic)
{
    Result<crypto::SecureBytes> entropy = mnemonicToEntropy(mnemonic);
    if (!entropy)
        return entropy.error();
    return {};
}

crypto::SecureBytes mnemonicToSeed(QStringView mnemonic, QStringView passphrase)
{
    QByteArray password = mnemonic.toString().normalized(QString::NormalizationForm_KD).toUtf8();
    QByteArray salt = (QStringLiteral("mnemonic") + passphrase.toString()).normalized(QString::NormalizationForm_KD).toUtf8();
    QByteArray seed = crypto::pbkdf2HmacSha512(password, salt, kBip39Iterations, 64);
    crypto::SecureBytes out{QByteArrayView(seed)};
    wipe(seed);
    wipe(password);
    wipe(salt);
    return out;
}

} // namespace wp::btc
