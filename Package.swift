// swift-tools-version:6.0
import PackageDescription

/// One settings list for every target, so strictness is decided in one place.
let swiftSettings: [SwiftSetting] = [
    // SE-0335: spell out `any` so existential costs are visible at the call site.
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "steadystate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "steadystate", targets: ["CIBot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // The GitHub emulator's HTTP server (tests and the action test only; never linked into steadystate).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // Model, config, runbook, gate, fingerprints, reports. Pure: no Process, no URLSession, no file writes.
        .target(
            name: "Core",
            dependencies: [
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Fix patches edit YAML and JSON values in place, located through the parser's marks.
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
        // simdjson (Debian's libsimdjson-dev) behind a tiny C API: big plans decode ten times faster than with
        // Foundation (docs/performance.md).
        .target(name: "CSimdjson", linkerSettings: [.linkedLibrary("simdjson")]),
        // Allocator settings for the executable (glibc's heap growth step): docs/performance.md.
        .target(name: "CProcessTuning"),
        // Sources (terraform, helm, kubernetes, compose) and rule packs.
        .target(
            name: "Scanners",
            dependencies: ["Core", "CSimdjson", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        // GitHub REST client and the issue/PR reconciler.
        .target(
            name: "GitHub", dependencies: ["Core", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        // The commands' behaviour, wired to seams: everything the executable does, testable in-process.
        .target(
            name: "Pipeline",
            dependencies: ["Core", "Scanners", "GitHub"],
            swiftSettings: swiftSettings),
        // The thin `steadystate` executable: argument parsing and exit codes only.
        .executableTarget(
            name: "CIBot",
            dependencies: [
                "Pipeline", "Core", "CProcessTuning", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        // A GitHub REST emulator on loopback, replaying the shapes of real recorded responses; for tests.
        .target(
            name: "GitHubEmulator",
            dependencies: [
                "Core", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "Tests",
            dependencies: ["Core", "Scanners", "GitHub", "Pipeline", "GitHubEmulator"],
            path: "Tests",
            exclude: ["Fixtures"],
            resources: [],
            swiftSettings: swiftSettings),
    ],
    // simdjson's header needs C++17.
    cxxLanguageStandard: .cxx17
)
