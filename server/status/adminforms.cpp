#include <status/adminforms.h>

#include <QStringConverter>
#include <QStringDecoder>

#include <algorithm>

namespace wp::server::status {

namespace {

std::optional<QString> decodeComponent(QByteArrayView raw)
{
    QByteArray bytes = raw.toByteArray();
    bytes.replace('+', ' ');
    bytes = QByteArray::fromPercentEncoding(bytes);
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return std::nullopt;
    return text;
}

bool isHex(QStringView s)
{
    return std::all_of(s.begin(), s.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
               (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
    });
}

bool hasControlCharacters(QStringView s)
{
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

std::optional<QHash<QString, QString>> parseFormUrlEncoded(QByteArrayView body)
{
    QHash<QString, QString> out;
    if (body.isEmpty())
        return out;
    const QList<QByteArray> fields = body.toByteArray().split('&');
    if (fields.size() > 64)
        return std::nullopt;
    for (const QByteArray &field : fields) {
        if (field.isEmpty())
            continue;
        const qsizetype eq = field.indexOf('=');
        const auto name = decodeComponent(eq < 0 ? QByteArrayView(field) : QByteArrayView(field).first(eq));
        const auto value = decodeComponent(eq < 0 ? QByteArrayView() : QByteArrayView(field).sliced(eq + 1));
        if (!name || !value)
            return std::nullopt;
        if (!out.contains(*name))
            out.insert(*name, *value);
    }
    return out;
}

QByteArray cookieValue(QByteArrayView cookieHeader, QByteArrayView name)
{
    for (const QByteArray &part : cookieHeader.toByteArray().split(';')) {
        const QByteArray item = part.trimmed();
        const qsizetype eq = item.indexOf('=');
        if (eq > 0 && QByteArrayView(item).first(eq).trimmed() == name)
            return item.mid(eq + 1).trimmed();
    }
    return {};
}

Result<QString> normalizeTxid(const QString &text)
{
    const QString t = text.trimmed();
    if (t.size() != 64 || !isHex(t))
        return fail(QStringLiteral("a txid is 64 hexadecimal characters"));
    return t.toLower();
}

Result<QString> normalizeBanIdentifier(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(QStringLiteral("enter a utxo as txid:index (or a bare txid to ban a whole Tx0)"));
    const qsizetype colon = t.indexOf(QLatin1Char(':'));
    auto txid = normalizeTxid(colon < 0 ? t : t.left(colon));
    if (!txid)
        return fail(QStringLiteral("'%1' is not txid:index: %2").arg(t.left(80), txid.error().message));
    if (colon < 0)
        return *txid;
    const QString index = t.mid(colon + 1);
    bool ok = false;
    const qulonglong n = index.toULongLong(&ok);
    const bool digits = !index.isEmpty() && index.size() <= 10 &&
                        std::all_of(index.begin(), index.end(), [](QChar c) { return c.isDigit() && c.unicode() < 128; });
    if (!ok || !digits || n > 0xffffffffULL)
        return fail(QStringLiteral("'%1' is not txid:index: the index must be a number from 0 to 4294967295").arg(t.left(80)));
    return QStringLiteral("%1:%2").arg(*txid).arg(n);
}

Result<BanRequest> parseBanForm(const QHash<QString, QString> &form)
{
    BanRequest ban;
    auto identifier = normalizeBanIdentifier(form.value(QStringLiteral("utxo")));
    if (!identifier)
        return identifier.error();
    ban.identifier = *identifier;
    const QString expiry = form.value(QStringLiteral("expiry")).trimmed();
    if (!expiry.isEmpty()) {
        bool ok = false;
        const int minutes = expiry.toInt(&ok);
        if (!ok || minutes < 1 || minutes > kBanMaxMinutes)
            return fail(QStringLiteral("the expiry is a number of minutes from 1 to %1 (empty: permanent)").arg(kBanMaxMinutes));
        ban.expiryMinutes = minutes;
    }
    ban.response = form.value(QStringLiteral("response")).trimmed();
    if (ban.response.size() > kBanResponseMaxLength)
        return fail(QStringLiteral("the response text has at most %1 characters").arg(kBanResponseMaxLength));
    if (hasControlCharacters(ban.response))
        return fail(QStringLiteral("the response text must be one line of printable text"));
    return ban;
}

} // namespace wp::server::status
