#!/bin/sh
# Installs the plugin package (component "plugin") into a temporary prefix and
# builds plugin/examples/minimalhost against it, out of tree, then runs it.
# Usage: outoftree.sh <build dir> <source dir>
set -eu
build="$1"; src="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" --component plugin >/dev/null
test -f "$tmp/prefix/include/whirlpool/whirlpool.h"
test -f "$tmp/prefix/lib/whirlpool/plugins/libwhirlpoolplugin.so" || test -f "$tmp/prefix/lib/x86_64-linux-gnu/whirlpool/plugins/libwhirlpoolplugin.so"
export PKG_CONFIG_PATH="$(dirname "$(find "$tmp/prefix" -name whirlpoolplugin.pc)")"
test -f "$(pkg-config --variable=includedir whirlpoolplugin)/whirlpool/whirlpool.h"
test -f "$(pkg-config --variable=plugindir whirlpoolplugin)/libwhirlpoolplugin.so"
pkg-config --cflags whirlpoolplugin >/dev/null
cmake -S "$src/plugin/examples/minimalhost" -B "$tmp/host" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/host" >/dev/null
out=$("$tmp/host/minimalhost")
echo "$out"
echo "$out" | grep -q "^loaded Whirlpool mixer .* API 1$"
