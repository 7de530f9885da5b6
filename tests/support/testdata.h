#pragma once

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

} // namespace wp::test
