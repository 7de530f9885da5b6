#include <crypto/signedmessage.h>

#include <crypto/hash.h>
#include <util/assert.h>

#include <QtEndian>

namespace wp::crypto {

namespace {

constexpr char kMessageMagic[] = "Bitcoin Signed Message:\n";
constexpr int kCompactSignatureSize = 65;
/// 65 bytes are 88 base64 characters (one '=' of padding).
constexpr qsizetype kBase64Length = 88;

/// Bitcoin's CompactSize encoding of @p n.
void appendCompactSize(QByteArray &out, quint64 n)
{
    if (n < 0xfd) {
        out.append(char(n));
    } else if (n <= 0xffff) {
        out.append(char(0xfd));
        char le[2];
        qToLittleEndian(quint16(n), le);
        out.append(le, 2);
    } else if (n <= 0xffffffffu) {
        out.append(char(0xfe));
        char le[4];
        qToLittleEndian(quint32(n), le);
        out.append(le, 4);
    } else {
        out.append(char(0xff));
        char le[8];
        qToLittleEndian(n, le);
        out.append(le, 8);
    }
}

Error error(SignedMessageError code, const char *message)
{
    return fail(int(code), QString::fromLatin1(message));
}

} // namespace

QByteArray messageHash(QByteArrayView message)
{
    const QByteArrayView magic(kMessageMagic, qsizetype(sizeof(kMessageMagic) - 1));
    QByteArray data;
    data.reserve(1 + magic.size() + 9 + message.size());
    appendCompactSize(data, quint64(magic.size()));
    data.append(magic);
    appendCompactSize(data, quint64(message.size()));
    data.append(message);
    return sha256d(data);
}

QString signMessage(const PrivKey &key, QByteArrayView message, bool compressed)
{
    const QByteArray signature = key.signCompact(messageHash(message), compressed);
    WP_ASSERT(signature.size() == kCompactSignatureSize);
    return QString::fromLatin1(signature.toBase64());
}

Result<RecoveredSigner> recoverMessageSigner(QByteArrayView message, QStringView signatureBase64)
{
    // Canonical padded base64 only (as Bitcoin Core's DecodeBase64): no
    // whitespace, no missing padding, '=' only at the end, zero padding bits.
    const qsizetype size = signatureBase64.size();
    if (size == 0 || size % 4 != 0)
        return error(SignedMessageError::MalformedBase64, "Malformed base64 encoding");
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t u = signatureBase64[i].unicode();
        const bool data = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '+'
                          || u == '/';
        const bool padding = u == '=' && (i == size - 1 || (i == size - 2 && signatureBase64[size - 1] == u'='));
        if (!data && !padding)
            return error(SignedMessageError::MalformedBase64, "Malformed base64 encoding");
    }
    if (size != kBase64Length) // well-formed base64 of some other number of bytes
        return error(SignedMessageError::WrongLength, "Signature must be 65 bytes");
    const QByteArray ascii = signatureBase64.toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(ascii, QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok || decoded.decoded.toBase64() != ascii)
        return error(SignedMessageError::MalformedBase64, "Malformed base64 encoding");
    const QByteArray &signature = decoded.decoded;
    if (signature.size() != kCompactSignatureSize) // 88 characters ending in "=="
        return error(SignedMessageError::WrongLength, "Signature must be 65 bytes");
    const int header = uchar(signature[0]);
    if (header < 27 || header > 34)
        return error(SignedMessageError::BadHeader, "Signature header byte must be 27..34");

    bool compressed = false;
    auto pubKey = recoverCompact(messageHash(message), signature, &compressed);
    if (!pubKey)
        return error(SignedMessageError::RecoveryFailed, "No public key recovers from this signature");
    return RecoveredSigner{*pubKey, compressed};
}

} // namespace wp::crypto
