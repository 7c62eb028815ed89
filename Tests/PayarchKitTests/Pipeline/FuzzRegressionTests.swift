import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

/// Replays the fuzzers' seed corpus and every input that once crashed a fuzz target through the same
/// code the targets run. Reaching the end of each replay is the assertion: a regression crashes the
/// test process.
@Suite struct FuzzRegressionTests {
    static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0 != "README.md" }.sorted().map { directory + "/" + $0 }
    }

    static let yamlInputs = files(in: Repository.root + "/Fuzz/Corpus/yaml")
        + files(in: Repository.fixtures + "/fuzz-regressions").filter { $0.contains("FuzzYAMLLoader") }
    static let pipelineInputs = files(in: Repository.root + "/Fuzz/Corpus/pipeline")
        + files(in: Repository.fixtures + "/fuzz-regressions").filter { $0.contains("FuzzPipeline") }

    static let outputPaths = files(in: Repository.root + "/Fuzz/Corpus/output-path")
        + files(in: Repository.fixtures + "/fuzz-regressions").filter { $0.contains("FuzzOutputPath") }
    static let evaluatorInputs = files(in: Repository.root + "/Fuzz/Corpus/evaluators")
        + files(in: Repository.fixtures + "/fuzz-regressions").filter { $0.contains("FuzzEvaluators") }

    @Test func theSeedCorpusIsThere() {
        #expect(Self.yamlInputs.count >= 3)
        #expect(Self.pipelineInputs.count >= 2)
        #expect(Self.outputPaths.count >= 8)
        #expect(Self.evaluatorInputs.count >= 4)
    }

    @Test func outputPathsKeepTheProtectedFileAndLeaveNoTemporaryFile() throws {
        let sandbox = try OutputSandbox()
        defer { try? FileManager.default.removeItem(atPath: sandbox.root) }
        for path in Self.outputPaths {
            let bytes = Array(try #require(FileManager.default.contents(atPath: path)))
            #expect(PipelineProbe.writeOutput(bytes, sandbox: sandbox.sandbox, protected: sandbox.protected, depth: sandbox.depth), "\(path)")
        }
        #expect(Repository.read(sandbox.protected) == "precious\n")
    }

    @Test(arguments: evaluatorInputs)
    func evaluatorsSurvive(_ path: String) throws {
        PipelineProbe.evaluate(Array(try #require(FileManager.default.contents(atPath: path))))
    }

    @Test(arguments: yamlInputs)
    func loaderSurvives(_ path: String) throws {
        PipelineProbe.load(Array(try #require(FileManager.default.contents(atPath: path))))
    }

    @Test(arguments: pipelineInputs)
    func pipelineSurvives(_ path: String) throws {
        PipelineProbe.run(
            Array(try #require(FileManager.default.contents(atPath: path))), generator: Bundled.generator,
            fallbackSpec: Bundled.spec)
    }

    @Test func probeSplitsSpecFromInput() {
        let bytes = Array("name: x".utf8) + PipelineProbe.separator + Array("a: b".utf8)
        #expect(PipelineProbe.firstIndex(of: PipelineProbe.separator, in: bytes) == 7)
        #expect(PipelineProbe.firstIndex(of: PipelineProbe.separator, in: Array("none".utf8)) == nil)
    }
}
