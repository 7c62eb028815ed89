// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "payarch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "payarch", targets: ["payarch"]),
        .library(name: "PayarchKit", targets: ["PayarchKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // <sys/xattr.h> from the C library (no extra library to link).
        .systemLibrary(name: "CExtendedAttributes"),
        .target(
            name: "PayarchKit",
            dependencies: [
                "CYAML",
                "CExtendedAttributes",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The ICU inside Foundation, for evaluator regexes with a step limit (Spec/BudgetedRegex.swift).
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        .executableTarget(
            name: "payarch",
            dependencies: [
                "PayarchKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "PayarchTestSupport",
            dependencies: ["PayarchKit"],
            path: "Tests/PayarchTestSupport"
        ),
        .testTarget(
            name: "PayarchKitTests",
            dependencies: ["PayarchKit", "PayarchTestSupport"]
        ),
        .testTarget(
            name: "PayarchCLITests",
            // Depends on the executable so `swift test` always builds the binary these tests run.
            dependencies: ["payarch", "PayarchKit", "PayarchTestSupport"]
        ),
    ]
)
