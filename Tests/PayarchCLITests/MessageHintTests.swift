import Foundation
import PayarchKit
import PayarchTestSupport
import Testing

/// Messages for the common mix-ups say what happened and what to do.
@Suite struct MessageHintTests {
    let payarch = BinaryRunner.built

    @Test func anInputFileGivenAsTheSpecIsNamedForWhatItIs() throws {
        let result = try payarch.run(["generate", "--spec", Repository.examples + "/quickstart.input.yml"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix(Repository.examples + "/quickstart.input.yml: error: [spec.not-a-spec] is not a prompt spec"))
        #expect(!result.stderr.contains(":1:1:"))
        #expect(result.stderr.contains("note: this looks like an input file (variable names mapped to text), not a spec"))
        #expect(result.stderr.contains("note: inputs go to --input FILE"))
    }

    @Test(arguments: ["case1", "case-2", "CASE_1"])
    func aCaseWithoutItsColonGetsAHint(_ argument: String) throws {
        let result = try payarch.run(["compare", argument, "case:1"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("\(argument): error: [file.not-found] no such file"))
        #expect(result.stderr.contains("write case:"))
    }

    @Test func aCaseOutOfRangeInCompareIsNamedAsWritten() throws {
        let result = try payarch.run(["compare", "case:9", "case:1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("[compare.case-range] case:9: the spec has 2 testData cases, case:1 to case:2"))
        #expect(!result.stderr.contains("--case"))
    }

    @Test func aMissingVariableNamesTheInputThatLacksIt() throws {
        let result = try payarch.run(["generate", "--input", "-"], standardInput: Array("payment_rails: Stripe\nthroughput_requirements: 5 TPS\n".utf8))
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("<stdin>: error: [input.missing] the input gives no value for required variable 'consistency_constraints'"))
        #expect(result.stderr.contains("note: add 'consistency_constraints: …' to <stdin>\nnote: or pass --var consistency_constraints=VALUE\n"))
    }
}
