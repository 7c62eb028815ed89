import Benchmark
import Foundation
import PayarchKit

// Each pipeline stage measured alone, in process, on the repository's rules, templates and the bundled
// spec's two testData cases. Only wall clock, throughput and malloc counts: the ARC metrics crash the
// run with signal 11 on this toolchain (TOOLCHAIN.md, "Benchmarks").

/// The long-input analysis rate, measured around the `read` calls of one run (the table's throughput
/// row counts runs per second; this one counts input bytes per second).
let analysedBytesPerSecond = BenchmarkMetric.custom("Analysed bytes / s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 10_000)

    // Before registering anything: a broken fixture stops the run here, with the error.
    let fixtures = Fixtures.shared

    // MARK: load

    Benchmark("load: rule book (rules/)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try RuleBookLoader().load(directory: fixtures.rulesDirectory))
        }
    }

    Benchmark("load: template set (templates/)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try TemplateSet.load(directory: fixtures.templatesDirectory))
        }
    }

    Benchmark("load: DesignGenerator(rulesDirectory:templatesDirectory:)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try DesignGenerator(rulesDirectory: fixtures.rulesDirectory, templatesDirectory: fixtures.templatesDirectory))
        }
    }

    // MARK: per seed case: analyze, decide, render, end to end, validate

    let generator = fixtures.generator
    for seed in fixtures.cases {
        let label = "case \(seed.number)"

        Benchmark("analyze: read, \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try generator.read(seed.inputs))
            }
        }

        Benchmark("decide: plan, \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try generator.plan(seed.inputs))
            }
        }

        Benchmark("render markdown, \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try generator.markdown(seed.plan))
            }
        }

        Benchmark("render json, \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try generator.json(seed.plan, inputs: seed.inputs, warnings: seed.warnings))
            }
        }

        Benchmark("end to end: plan + markdown, \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                let (plan, _) = try generator.plan(seed.inputs)
                blackHole(try generator.markdown(plan))
            }
        }

        Benchmark("end to end: plan + json, \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                let (plan, warnings) = try generator.plan(seed.inputs)
                blackHole(try generator.json(plan, inputs: seed.inputs, warnings: warnings))
            }
        }

        Benchmark("validate: grade, \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(
                    try fixtures.validator.grade(
                        seed.markdown, label: label, variables: seed.variables, expected: seed.expected))
            }
        }
    }

    // MARK: analyze, long input

    Benchmark(
        "analyze: read, long input (\(fixtures.longInputBytes / 1000) KB)",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [analysedBytesPerSecond])
    ) { benchmark in
        let start = ContinuousClock.now
        for _ in benchmark.scaledIterations {
            blackHole(try generator.read(fixtures.longInputs))
        }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bytes = Double(fixtures.longInputBytes * benchmark.scaledIterations.count)
        benchmark.measurement(analysedBytesPerSecond, Int((bytes / seconds).rounded()))
    }
}
