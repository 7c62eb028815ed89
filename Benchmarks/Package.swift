// swift-tools-version: 6.1
// Benchmarks for payarch's pipeline stages (ordo-one/benchmark), kept out of the main package so a
// normal `swift build` never resolves or builds the benchmark dependency. Run: `swift package benchmark`.
import PackageDescription

let package = Package(
    name: "payarch-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "payarch", path: ".."),
        // The trait swaps jemalloc (not mirrored here) for the malloc interposer that counts allocations.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PayarchBenchmarks",
            dependencies: [
                .product(name: "PayarchKit", package: "payarch"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PayarchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
