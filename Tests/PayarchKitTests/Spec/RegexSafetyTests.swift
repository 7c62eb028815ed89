import Testing
@testable import PayarchKit

@Suite struct RegexSafetyTests {
    @Test(arguments: ["(a+)+$", "(x*y*)*", "((ab)+)+", "(a|b+){2,}", "(\\d+)*"])
    func nestedUnboundedRepetitionIsRefused(_ pattern: String) {
        #expect(RegexSafety.nestedQuantifier(in: pattern) != nil)
    }

    @Test(arguments: [
        "(Outbox Pattern|Saga Pattern|Two-Phase Commit|Idempotency|CRDTs|Optimistic Locking|Pessimistic Locking)",
        "(?i)outbox", "(a+){2}", "\\(a+\\)+", "[(]a+[)]+", "(ab)+", "a+b*",
    ])
    func ordinaryPatternsAreAccepted(_ pattern: String) {
        #expect(RegexSafety.nestedQuantifier(in: pattern) == nil)
    }
}
