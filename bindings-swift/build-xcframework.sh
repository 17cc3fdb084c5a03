#!/usr/bin/env bash
# On a Mac with Xcode: builds the Rust library for iOS, the iOS simulator and macOS, and
# packs it with the generated C header into build/ArCoreFFI.xcframework for Package.swift.
# (Cannot run on Linux: there is no Swift toolchain or xcodebuild there.)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim aarch64-apple-darwin)

cd "$REPO"
for t in "${TARGETS[@]}"; do
    rustup target add "$t" >/dev/null
    # a static library for Apple platforms (the crate itself builds cdylib + rlib)
    cargo rustc -p ar-core-uniffi --lib --release --target "$t" --crate-type staticlib
done

HEADERS="$HERE/build/headers"
rm -rf "$HEADERS" "$HERE/build/ArCoreFFI.xcframework"
mkdir -p "$HEADERS"
cp "$HERE/generated/swift/ArCoreFFI.h" "$HEADERS/"
# the modulemap must be called module.modulemap inside an XCFramework
cp "$HERE/generated/swift/ArCoreFFI.modulemap" "$HEADERS/module.modulemap"

ARGS=()
for t in "${TARGETS[@]}"; do
    ARGS+=(-library "$TARGET_DIR/$t/release/libar_core_ffi.a" -headers "$HEADERS")
done
xcodebuild -create-xcframework "${ARGS[@]}" -output "$HERE/build/ArCoreFFI.xcframework"
echo "wrote $HERE/build/ArCoreFFI.xcframework"
