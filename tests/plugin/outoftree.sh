#!/bin/sh
# Installs the plugin package (components "plugin" and "walletkit") into a
# temporary prefix and builds, out of tree and against that prefix only:
#  - plugin/examples/minimalhost (needs only the "plugin" component), run it;
#  - the real sample host plugin/samplehost (+ Whirlpool::WalletKit), run it
#    in --self-check mode (loads the INSTALLED plugin, creates a mixer over its
#    in-memory wallet; no network).
# Also checks the installed tree holds no server or test code and that the
# installed plugin exports only Qt's two plugin entry points.
# Usage: outoftree.sh <build dir> <source dir>
set -eu
build="$1"; src="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
fail() { echo "outoftree: $*" >&2; exit 1; }

# ---- the plugin component alone is what a wallet needs
cmake --install "$build" --prefix "$prefix" --component plugin >/dev/null
test -f "$prefix/include/whirlpool/whirlpool.h" || fail "whirlpool.h not installed"
test ! -e "$prefix/include/whirlpool/walletkit" || fail "the plugin component installed walletkit files"
plugin=$(find "$prefix" -name libwhirlpoolplugin.so)
test -n "$plugin" || fail "libwhirlpoolplugin.so not installed"
export PKG_CONFIG_PATH="$(dirname "$(find "$prefix" -name whirlpoolplugin.pc)")"
test -f "$(pkg-config --variable=includedir whirlpoolplugin)/whirlpool/whirlpool.h"
test -f "$(pkg-config --variable=plugindir whirlpoolplugin)/libwhirlpoolplugin.so"
pkg-config --cflags whirlpoolplugin >/dev/null

# ---- the sample host's kit: an optional component on top
cmake --install "$build" --prefix "$prefix" --component walletkit >/dev/null
find "$prefix" -type f | sed "s|^$prefix/||" | sort >"$tmp/files"
if grep -Ei 'server|coordinator|/test|tst_|mariadb|bcoin|/db/|protocol/|/net/' "$tmp/files"; then
    fail "server, test or network code in the installed tree (above)"
fi
exported=$(nm -D --defined-only "$plugin" | awk '{print $3}' | grep -v -x -e _init -e _fini | sort | tr '\n' ' ')
test "$exported" = "qt_plugin_instance qt_plugin_query_metadata_v2 " || fail "the plugin exports: $exported"

launcher=""
if command -v ccache >/dev/null 2>&1; then launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"; fi

# ---- minimalhost: headers + .so only
cmake -S "$src/plugin/examples/minimalhost" -B "$tmp/host" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" $launcher >/dev/null
cmake --build "$tmp/host" >/dev/null
out=$("$tmp/host/minimalhost")
echo "$out"
echo "$out" | grep -q "^loaded Whirlpool mixer .* API 1$" || fail "minimalhost did not load the plugin"

# ---- the real sample host sources, against the installed package
cmake -S "$src/plugin/samplehost" -B "$tmp/samplehost" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" $launcher >/dev/null
cmake --build "$tmp/samplehost" >/dev/null
txid=$(printf 'ab%.0s' $(seq 32))
out=$(QT_QPA_PLATFORM=offscreen "$tmp/samplehost/whirlpool-samplehost" --self-check --coin "$txid:0:1000500:premix")
echo "$out"
echo "$out" | grep -q "^samplehost: plugin loaded, API 1, 1 coins$" || fail "the sample host's self-check failed"
# Its default plugin is the INSTALLED one (the package's plugin dir).
strings -e l "$tmp/samplehost/whirlpool-samplehost" | grep -q -F "$plugin" || fail "the sample host's default plugin is not $plugin"
