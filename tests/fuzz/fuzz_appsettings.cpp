// Fuzz target: the desktop app's settings JSON (client/app/appsettings.h), read
// back from the wallet file's app state (which a user can edit or a bug can damage).
// Invariants: never crashes; accepted settings serialize (toJson) to JSON that reads
// back to equal settings; validate() never crashes on whatever was read.

#include "fuzzcheck.h"

#include <app/appsettings.h>

#include <QJsonDocument>

using namespace wp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fuzz::bytes(data, size));
    if (!doc.isObject())
        return 0;
    const auto settings = client::AppSettings::fromJson(doc.object());
    if (!settings)
        return 0;
    const QJsonObject json = settings->toJson();
    const auto again = client::AppSettings::fromJson(json);
    WP_FUZZ_CHECK(again.has_value());
    WP_FUZZ_CHECK(*again == *settings);
    WP_FUZZ_CHECK(again->toJson() == json);
    for (const btc::Network network : {btc::Network::Main, btc::Network::Test, btc::Network::Regtest})
        (void)settings->validate(network);
    return 0;
}
