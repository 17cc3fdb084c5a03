// swift-tools-version:5.9
// ar-core for Swift (iOS, macOS) through uniffi.
//
// Layers (see README.md):
//   ArCoreFFI   the Rust library and its C header, as an XCFramework (binary target)
//   ArCore      the uniffi-generated Swift in generated/swift/, committed, never edited
//   ArCoreSwift a thin idiomatic layer on top (`import ArCoreSwift` re-exports ArCore)
//
// By default the XCFramework is the local build written by ./build-xcframework.sh. Set
// AR_CORE_RELEASE=<version> and AR_CORE_CHECKSUM=<sha256> to use a released binary instead.

import PackageDescription

let releaseVersion = Context.environment["AR_CORE_RELEASE"]
let releaseChecksum = Context.environment["AR_CORE_CHECKSUM"] ?? ""

let ffiTarget: Target = {
    if let version = releaseVersion {
        return .binaryTarget(
            name: "ArCoreFFI",
            url: "https://example.invalid/ar-core/releases/download/v\(version)/ArCoreFFI.xcframework.zip",
            checksum: releaseChecksum
        )
    }
    return .binaryTarget(name: "ArCoreFFI", path: "build/ArCoreFFI.xcframework")
}()

let package = Package(
    name: "ArCore",
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "ArCore", targets: ["ArCore", "ArCoreSwift"]),
    ],
    targets: [
        ffiTarget,
        .target(
            name: "ArCore",
            dependencies: ["ArCoreFFI"],
            path: "generated/swift",
            exclude: ["ArCoreFFI.h", "ArCoreFFI.modulemap"],
            sources: ["ArCore.swift"]
        ),
        .target(
            name: "ArCoreSwift",
            dependencies: ["ArCore"],
            path: "swift/ArCoreSwift"
        ),
    ]
)
