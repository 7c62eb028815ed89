// swift-tools-version: 6.1
// libFuzzer targets for payarch, kept out of the main package so a normal `swift build` never links
// them (they have no main; libFuzzer provides it). Build and run with Fuzz/run.sh.
import Foundation
import PackageDescription

// A path dependency's identity is its folder name, which depends on where the repository was cloned.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()
let payarchKit = Target.Dependency.product(name: "PayarchKit", package: rootIdentity)

let package = Package(
    name: "payarch-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzYAMLLoader", dependencies: [payarchKit]),
        .executableTarget(name: "FuzzPipeline", dependencies: [payarchKit]),
        .executableTarget(name: "FuzzOutputPath", dependencies: [payarchKit]),
        .executableTarget(name: "FuzzEvaluators", dependencies: [payarchKit]),
    ]
)
