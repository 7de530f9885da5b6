#include <protocol/inputshash.h>

#include <crypto/hash.h>
#include <util/hex.h>

#include <QStringList>

#include <algorithm>

namespace wp::proto {

QString computeInputsHash(const QList<InputsHashEntry> &inputs)
{
    QStringList entries;
    entries.reserve(inputs.size());
    for (const auto &[txid, index] : inputs)
        entries.append(txid + QString::number(index));
    // java.lang.String#compareTo: lexicographic over UTF-16 code units.
    std::sort(entries.begin(), entries.end(), [](const QString &a, const QString &b) {
        return std::lexicographical_compare(a.utf16(), a.utf16() + a.size(), b.utf16(), b.utf16() + b.size());
    });
    return util::toHex(crypto::sha512(entries.join(u';').toUtf8()));
}

} // namespace wp::proto
