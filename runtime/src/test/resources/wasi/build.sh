#!/bin/sh
# Rebuilds the WASI test binaries from their sources (needs wabt's wat2wasm and clang with wasi-libc).
set -eu
cd "$(dirname "$0")"
for wat in *.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
done
for c in *.c; do
  clang --target=wasm32-wasi -O2 -o "${c%.c}.wasm" "$c"
done
