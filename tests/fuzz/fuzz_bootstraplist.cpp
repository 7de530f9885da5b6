// Fuzz target: the client's bootstrap list file (client/mixer/bootstrapfile.h),
// the JSON a user (or a downloaded file) gives whirlpool-cli and the GUI.
// Invariants: never crashes; an accepted list has 1..100 instances, each with a
// URL that parseInstanceUrl() accepts (the onion one ending in .onion).

#include "fuzzcheck.h"

#include <mixer/bootstrapfile.h>

using namespace wp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto list = client::BootstrapList::fromJson(fuzz::bytes(data, size));
    if (!list)
        return 0;
    WP_FUZZ_CHECK(!list->instances.isEmpty() && list->instances.size() <= 100);
    for (const proto::ClusterInstance &instance : list->instances) {
        WP_FUZZ_CHECK(!instance.urlClear.isEmpty() || !instance.urlOnion.isEmpty());
        if (!instance.urlClear.isEmpty())
            WP_FUZZ_CHECK(proto::parseInstanceUrl(instance.urlClear, false).has_value());
        if (!instance.urlOnion.isEmpty())
            WP_FUZZ_CHECK(proto::parseInstanceUrl(instance.urlOnion, true).has_value());
    }
    WP_FUZZ_CHECK(list->operatorAddress == list->operatorAddress.trimmed());
    return 0;
}
