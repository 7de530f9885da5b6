// The desktop client's model layer tuned for tests against real coordinators:
// fast polling and retries, the test key derivation. Shared by tst_appflow and
// tests/desktop.
#pragma once

#include <app/walletcontroller.h>

namespace wp::test {

/// WalletController options for tests: quick syncs (0.4 s), pools re-read every
/// 2 s, short retries and saves, and the fast test scrypt parameters.
inline client::WalletControllerOptions fastControllerOptions()
{
    client::WalletControllerOptions o;
    o.kdf = client::WalletFileFormat::kTestKdf;
    o.syncIntervalMs = 400;
    o.poolsRefreshMs = 2000;
    o.poolsRetryMs = 1000;
    o.saveDelayMs = 50;
    o.mixBase.registerOutputRetryMs = 200;
    o.resilience.mixRetryPauseMs = 500;
    o.mixRetryMinMs = 1000;
    o.mixRetryMaxMs = 10000;
    return o;
}

} // namespace wp::test
