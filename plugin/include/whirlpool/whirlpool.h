#pragma once

// Convenience header: the whole public API of the Whirlpool mixer plugin.
#include <whirlpool/mixer.h>
#include <whirlpool/plugininterface.h>
#include <whirlpool/types.h>
#include <whirlpool/walletbridge.h>
