// Fuzz target: the signed cluster manifest (common/protocol/clustermanifest.h),
// which every client reads from GET /rest/cluster of any instance, and the
// instance URLs it (and every redirect) carries.
// Invariants: never crashes; fromCanonicalJson() accepts only canonical bytes
// (canonicalJson() gives the input back) of a manifest that validates, and such a
// manifest, signed by the operator, verifies to the same manifest; a body that
// verifies holds a valid manifest; a normalized instance URL is a fixed point.

#include "fuzzcheck.h"

#include <bitcoin/address.h>
#include <bitcoin/hashtypes.h>
#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <crypto/eckey.h>
#include <crypto/hash.h>
#include <protocol/clustermanifest.h>

#include <QJsonDocument>

using namespace wp;
using namespace wp::proto;

namespace {

const crypto::PrivKey &operatorKey()
{
    static const crypto::PrivKey key = *crypto::PrivKey::fromBytes(QByteArray(32, '\x11'));
    return key;
}

QString operatorAddress(const btc::NetworkParams &params)
{
    const auto hash = btc::Hash160::fromBytes(crypto::hash160(operatorKey().pubKey().serialize(true)));
    return *btc::scriptToAddress(btc::Script::p2wpkh(*hash), params);
}

void checkUrl(const QString &text, bool onion)
{
    const auto url = parseInstanceUrl(text, onion);
    if (!url)
        return;
    const auto again = parseInstanceUrl(url->toString(), onion);
    WP_FUZZ_CHECK(again.has_value() && *again == *url);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    if (const auto manifest = ClusterManifest::fromCanonicalJson(input)) {
        WP_FUZZ_CHECK(manifest->canonicalJson() == input);
        WP_FUZZ_CHECK(manifest->validate().has_value());
        if (const auto network = btc::networkFromName(manifest->network)) {
            const btc::NetworkParams &params = btc::networkParams(*network);
            if (params.name == manifest->network) {
                const QString address = operatorAddress(params);
                const QJsonObject body = signManifest(*manifest, operatorKey(), address);
                const auto verified = verifySignedManifest(QJsonDocument(body).toJson(QJsonDocument::Compact), address,
                                                           params, manifest->issuedAtMs);
                WP_FUZZ_CHECK(verified.has_value() && *verified == *manifest);
            }
        }
    }

    const btc::NetworkParams &regtest = btc::networkParams(btc::Network::Regtest);
    if (const auto verified = verifySignedManifest(input, operatorAddress(regtest), regtest, 1'760'000'000'000))
        WP_FUZZ_CHECK(verified->validate().has_value());

    if (size <= 2048) {
        const QString text = QString::fromUtf8(input);
        checkUrl(text, false);
        checkUrl(text, true);
    }
    return 0;
}
