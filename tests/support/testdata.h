#pragma once

#include <protocol/messages.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace wp::test {

/// Absolute path of a file under tests/data/.
QString dataPath(const QString &relative);

/// Parses a JSON vector file under tests/data/. A missing or malformed file
/// is a broken checkout: the calling test fails (QFAIL-like qFatal).
QJsonDocument loadJson(const QString &relative);

/// Hex string to bytes for vector files; invalid hex aborts the test.
QByteArray hex(const QString &hex);

/// The pool of the classic client's tests (AbstractTest#pool01btc, whirlpool-fixtures.json)
/// as GET /rest/pools lists it.
proto::PoolInfo classicPool01btc();

} // namespace wp::test
