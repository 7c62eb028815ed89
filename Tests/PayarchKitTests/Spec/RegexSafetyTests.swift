import Testing
@testable import PayarchKit

@Suite struct RegexSafetyTests {
    @Test(arguments: ["(a+)+$", "(x*y*)*", "((ab)+)+", "(a|b+){2,}", "(\\d+)*", "(\\w+\\s?){1,60}X", "(?:a+b?){4}"])
    func aGroupThatRepeatsWithoutBoundIsNotRepeatedAgain(_ pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == "repeats a group that itself repeats without bound")
    }

    @Test(arguments: ["(.|\\s)*X", "(a|aa)+$", "(?i)(A|a)+$", "(a|[a-c])*z", "(\\d|[0-9])+"])
    func aRepeatedAlternationWithOverlappingBranchesIsRefused(_ pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == "repeats an alternation whose branches can match the same text")
    }

    @Test(arguments: [".*.*X", ".*.*.*.*.*.*.*.*.*.*X", "\\w+\\s?\\w+$", "\\d*\\d+", "a+(?:-)?[a-z]+!", "[^,]*.*,"])
    func adjacentUnboundedRepeatsOverTheSameCharactersAreRefused(_ pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == "has two unbounded repeats in a row that can match the same characters")
    }

    @Test(arguments: [
        "(Outbox Pattern|Saga Pattern|Two-Phase Commit|Idempotency|CRDTs|Optimistic Locking|Pessimistic Locking)",
        "(?i)outbox", "(a+){2}", "\\(a+\\)+", "[(]a+[)]+", "(ab)+", "a+b*", "\\w+\\s+\\w+", "(\\r\\n|\\n)+",
        "Outbox.*Pattern", "\\bSaga\\b", "[A-Z][a-z]+ Pattern", "\\d+,\\d+", "(?:Outbox|Saga)+", "a{2,}b{3,}",
        "(?<=x)y+z*", "\\Q.*.*\\E",
    ])
    func ordinaryPatternsAreAccepted(_ pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == nil)
    }

    /// ICU counts a backreference comparison as one step, so `(.*)\\1b` is quadratic inside the budget.
    @Test(arguments: ["(.*)\\1b", "([\\s\\S]*)\\1Q", "(.+)\\1+b", "(?<w>a+)\\k<w>", "(a)\\1"])
    func backreferencesAreRefused(_ pattern: String) {
        #expect(RegexSafety.problem(in: pattern)?.contains("backreference") == true, "\(pattern)")
    }
}
