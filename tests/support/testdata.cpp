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

proto::PoolInfo classicPool01btc()
{
    proto::PoolInfo pool;
    pool.poolId = QStringLiteral("0.01btc");
    pool.denomination = 1'000'000;
    pool.feeValue = 50'000;
    pool.mustMixBalanceMin = 1'000'170;
    pool.mustMixBalanceCap = 1'009'500;
    pool.mustMixBalanceMax = 1'010'000;
    pool.minAnonymitySet = 5;
    pool.minMustMix = 3;
    pool.tx0MaxOutputs = 70;
    pool.mixAnonymitySet = 5;
    return pool;
}

} // namespace wp::test
