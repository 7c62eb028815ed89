import Foundation
import PayarchKit

/// Paths into this checkout and shared fixtures for the test targets.
public enum Repository {
    /// The repository root, found from this file's path (Tests/PayarchTestSupport/ → two levels up).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static let rules = root + "/rules"
    public static let templates = root + "/templates"
    public static let examples = root + "/examples"
    public static let spec = root + "/" + ResourceLocator.defaultSpecName
    public static let fixtures = root + "/Tests/Fixtures"
    /// A copy of the seed prompt exactly as given (its indentation lost, so not valid YAML).
    public static let seed = fixtures + "/seed-as-given.txt"

    /// True when golden files should be rewritten instead of compared (`PAYARCH_RECORD=1 swift test`).
    public static var recording: Bool { ProcessInfo.processInfo.environment["PAYARCH_RECORD"] == "1" }

    public static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A fresh temporary directory, removed when the current test case ends; the suite needs the
    /// `.temporaryDirectories` trait (see `TemporaryDirectories`).
    public static func temporaryDirectory() throws -> String {
        guard let scope = TemporaryDirectories.current else { throw TemporaryDirectories.NoScope() }
        return try scope.make()
    }

    /// A copy of the bundled rules with one text replacement in one file, for tests of broken rules.
    public static func patchedRules(_ file: String, replacing old: String, with new: String) throws -> String {
        let directory = try temporaryDirectory() + "/rules"
        try FileManager.default.copyItem(atPath: rules, toPath: directory)
        let path = directory + "/" + file
        guard let text = read(path) else { throw CocoaError(.fileReadNoSuchFile) }
        guard text.contains(old) else { throw PatchError(file: file, target: old) }
        try write(text.replacingOccurrences(of: old, with: new), to: path)
        return directory
    }

    /// The first problem the rule loader reports for the bundled rules with one text replacement in one
    /// file, or nil when they still load.
    public static func rulesLoadError(_ file: String, replacing old: String, with new: String) throws -> Diagnostic? {
        let directory = try patchedRules(file, replacing: old, with: new)
        do {
            _ = try RuleBookLoader().load(directory: directory)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    /// A patch whose target text is not in the file: the test is out of date with the rules.
    public struct PatchError: Error, CustomStringConvertible {
        public var file: String
        public var target: String
        public var description: String { "patch target not found in \(file): \(target)" }
    }

    /// A copy of the bundled templates with one file replaced or added.
    public static func patchedTemplates(_ file: String, contents: String) throws -> String {
        let directory = try temporaryDirectory() + "/templates"
        try FileManager.default.copyItem(atPath: templates, toPath: directory)
        try write(contents, to: directory + "/" + file)
        return directory
    }

    public static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// Rules, templates, spec and generator loaded once for all tests.
public enum Bundled {
    public static let rules: RuleBook = try! RuleBookLoader().load(directory: Repository.rules)
    public static let generator: DesignGenerator = try! DesignGenerator(
        rules: rules, templates: TemplateSet.load(directory: Repository.templates))
    public static let spec: PromptSpec = try! PromptSpecLoader().load(SourceFile.read(Repository.spec))

    /// Inputs from three strings, checked against the bundled spec.
    public static func inputs(rails: String, throughput: String, consistency: String) throws -> InputSet {
        try InputResolver(spec: spec).resolve(
            layers: [[
                InputValue(name: InputReader.railsVariable, value: rails, origin: .commandLine),
                InputValue(name: InputReader.throughputVariable, value: throughput, origin: .commandLine),
                InputValue(name: InputReader.consistencyVariable, value: consistency, origin: .commandLine),
            ]], origin: "test")
    }

    public static func caseInputs(_ number: Int) throws -> InputSet {
        let resolver = InputResolver(spec: spec)
        return try resolver.resolve(layers: [resolver.values(fromCase: number)], origin: "case:\(number)")
    }

    public static func design(_ inputs: InputSet) throws -> (DesignPlan, String) {
        let (plan, _) = try generator.plan(inputs)
        return (plan, try generator.markdown(plan))
    }
}
