#include "testdata.h"

#include <util/hex.h>

#include <QFile>

namespace wp::test {

QString dataPath(const QString &relative)
{
    return QStringLiteral(WP_TEST_DATA_DIR "/") + relative;
}

QJsonDocument loadJson(const QString &relative)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test vector file %s", qPrintable(file.fileName()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (doc.isNull())
        qFatal("malformed test vector file %s: %s", qPrintable(file.fileName()), qPrintable(error.errorString()));
    return doc;
}

QByteArray hex(const QString &hexText)
{
    const auto bytes = util::fromHex(QStringView(hexText));
    if (!bytes)
        qFatal("invalid hex in test vector: %s", qPrintable(hexText));
    return *bytes;
}

} // namespace wp::test
