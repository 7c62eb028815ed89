import PayarchTestSupport
import Testing
@testable import PayarchKit

@Suite struct InputResolverTests {
    let resolver = InputResolver(spec: Bundled.spec)

    func value(_ name: String, _ value: String) -> InputValue {
        InputValue(name: name, value: value, origin: .commandLine)
    }

    func problems(_ layers: [[InputValue]]) -> [Diagnostic] {
        do {
            _ = try resolver.resolve(layers: layers, origin: "test")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func laterLayersOverrideEarlierOnes() throws {
        let base = try resolver.values(fromCase: 1)
        let inputs = try resolver.resolve(layers: [base, [value("payment_rails", "Adyen")]], origin: "test")
        #expect(inputs["payment_rails"]?.value == "Adyen")
        #expect(inputs["throughput_requirements"]?.value == base[1].value)
        #expect(inputs.values.map(\.name) == ["payment_rails", "throughput_requirements", "consistency_constraints"])
    }

    @Test func readsAnInputFileWithPositions() throws {
        let values = try resolver.values(
            fromFile: SourceFile(path: "in.yml", text: "payment_rails: Stripe\nthroughput_requirements: 5 TPS\n"))
        #expect(values.map(\.name) == ["payment_rails", "throughput_requirements"])
        #expect(values[1].location == SourceLocation(file: "in.yml", line: 2, column: 26))
    }

    /// A missing variable is the input's problem: reported against the input file that lacks it, with the
    /// declaration in a note (the spec is not where the user must act).
    @Test func missingRequiredVariableIsReportedAgainstTheInput() throws {
        let found = problems([[value("payment_rails", "Stripe"), value("throughput_requirements", "5 TPS")]])
        #expect(found.map(\.id) == ["input.missing"])
        #expect(found.first?.message == "no value for required variable 'consistency_constraints'")
        #expect(found.first?.location == nil)
        let file = try resolver.values(fromFile: SourceFile(path: "in.yml", text: "payment_rails: Stripe\nthroughput_requirements: 5 TPS\n"))
        let fromFile = problems([try resolver.values(fromCase: 1), file])
        #expect(fromFile.isEmpty)
        let alone = problems([file])
        #expect(alone.first?.message == "the input gives no value for required variable 'consistency_constraints'")
        #expect(alone.first?.location == .file("in.yml"))
        // The library names no command-line option; the CLI adds "or pass --var …".
        #expect(alone.first?.notes.first == "add 'consistency_constraints: …' to in.yml")
        #expect(alone.first?.notes.last?.hasPrefix("the spec declares it at " + Repository.spec + ":") == true)
    }

    /// An unknown variable's position is its name, not its value.
    @Test func anUnknownVariableIsReportedAtItsName() throws {
        let file = try resolver.values(fromFile: SourceFile(path: "in.yml", text: "payment_rails: Stripe\nthroughput_requirement: 5 TPS\n"))
        let found = problems([try resolver.values(fromCase: 1), file])
        #expect(found.first?.id == "input.unknown-variable")
        #expect(found.first?.location == SourceLocation(file: "in.yml", line: 2, column: 1))
    }

    @Test func blankValueIsAnError() throws {
        let found = problems([try resolver.values(fromCase: 1), [value("payment_rails", "   ")]])
        #expect(found.map(\.id) == ["input.blank"])
    }

    @Test func unknownNameSuggestsTheClosest() throws {
        let found = problems([try resolver.values(fromCase: 1), [value("payment_rail", "Stripe")]])
        #expect(found.map(\.id) == ["input.unknown-variable"])
        #expect(found.first?.notes.first == "did you mean 'payment_rails'?")
        let far = problems([try resolver.values(fromCase: 1), [value("colour", "blue")]])
        #expect(far.first?.notes.first?.hasPrefix("the spec declares") == true)
    }

    @Test func caseNumbersAreCheckedAgainstTheSpec() throws {
        do {
            _ = try resolver.values(fromCase: 3)
            Issue.record("case 3 should not exist")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.diagnostics.first?.message == "testData case 3: the spec has 2 testData cases (1...2)")
        }
    }

    @Test func commandLineValuesSplitAtTheFirstEquals() throws {
        let parsed = try InputResolver.commandLineValue("payment_rails=a=b")
        #expect(parsed.name == "payment_rails")
        #expect(parsed.value == "a=b")
        #expect(throws: PayarchError.self) { try InputResolver.commandLineValue("=x") }
        #expect(throws: PayarchError.self) { try InputResolver.commandLineValue("novalue") }
    }

    @Test func inputFileMustBeAMappingOfStrings() throws {
        #expect(throws: PayarchError.self) { try resolver.values(fromFile: SourceFile(path: "in.yml", text: "- a\n")) }
        #expect(throws: PayarchError.self) {
            try resolver.values(fromFile: SourceFile(path: "in.yml", text: "payment_rails: [a, b]\n"))
        }
        #expect(throws: PayarchError.self) { try resolver.values(fromFile: SourceFile(path: "in.yml", text: "")) }
    }
}

/// The library reports what went wrong and never names a command-line option: every message and note
/// the library can produce for the common errors is free of `--` flags.
@Suite struct LibraryMessagesNameNoFlagsTests {
    @Test func libraryDiagnosticsNameNoCommandLineOption() throws {
        let spec = Bundled.spec
        let resolver = InputResolver(spec: spec)
        var diagnostics: [Diagnostic] = []
        func collect(_ body: () throws(PayarchError) -> Void) {
            do { try body() } catch { diagnostics += error.diagnostics }
        }
        collect { () throws(PayarchError) in _ = try resolver.values(fromCase: 99) }
        collect { () throws(PayarchError) in _ = try InputResolver.commandLineValue("novalue") }
        collect { () throws(PayarchError) in _ = try resolver.resolve(layers: [[]], origin: "x") }
        collect { () throws(PayarchError) in _ = try SourceFile.read(Repository.spec, maxBytes: 10) }
        collect { () throws(PayarchError) in _ = try YAMLLoader(maxBytes: 5).loadDocuments(SourceFile(path: "in.yml", text: "a: b\nc: d\n")) }
        #expect(diagnostics.count >= 5)
        for diagnostic in diagnostics {
            for text in [diagnostic.message] + diagnostic.notes {
                #expect(text.firstMatch(of: /--[a-z]/) == nil, "\(diagnostic.id): \(text)")
            }
        }
    }
}
