internal import _FoundationICU

/// A spec's evaluator pattern, compiled by ICU (the engine behind NSRegularExpression, so the syntax is
/// the same) and run under a match budget that no pattern can get around.
///
/// NSRegularExpression has no time limit on Linux, and a static check can only refuse the shapes it
/// knows. Here every search runs with ICU's step limit (`uregex_setTimeLimit`), which counts the
/// engine's own steps, so the cut-off is the same on every machine and in every build; a match
/// callback counts the steps spent, which are charged to a `MatchBudget` shared by the whole run.
///
/// This is the only file that touches the underscored `_FoundationICU` module.
final class BudgetedRegex: @unchecked Sendable {
    /// Why a pattern did not compile: ICU's message and the UTF-16 offset in the pattern.
    struct CompileError: Error {
        var message: String
        var offset: Int?
    }

    enum Outcome: Equatable {
        /// The first match, as a UTF-16 range in the searched text.
        case found(location: Int, length: Int)
        case notFound
        /// The search was stopped: it needed more steps than the budget allows.
        case overBudget
    }

    private let regex: OpaquePointer
    let pattern: String

    init(_ pattern: String) throws(CompileError) {
        self.pattern = pattern
        let units = Array(pattern.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        guard let compiled = swift_uregex_open(units, Int32(units.count), 0, &parseError, &status), status.rawValue <= 0
        else {
            throw CompileError(
                message: String(cString: swift_u_errorName(status)),
                offset: parseError.offset >= 0 ? Int(parseError.offset) : nil)
        }
        regex = compiled
    }

    deinit {
        swift_uregex_close(regex)
    }

    /// The first match in `text` (UTF-16 code units), charging the steps spent to `budget`.
    func firstMatch(in text: [UInt16], budget: MatchBudget) -> Outcome {
        guard budget.remaining > 0 else { return .overBudget }
        var status = U_ZERO_ERROR
        swift_uregex_setTimeLimit(regex, Int32(min(budget.remaining, MatchBudget.perMatchLimit)), &status)
        var spent = 0
        let outcome = withUnsafeMutablePointer(to: &spent) { counter in
            swift_uregex_setMatchCallback(
                regex,
                { context, _ in
                    UnsafeMutableRawPointer(mutating: context!).assumingMemoryBound(to: Int.self).pointee += 1
                    return 1
                }, counter, &status)
            defer { swift_uregex_setMatchCallback(regex, nil, nil, &status) }
            return text.withUnsafeBufferPointer { buffer -> Outcome in
                var status = U_ZERO_ERROR
                // ICU needs a non-null pointer even for an empty text.
                let empty: [UInt16] = [0]
                return empty.withUnsafeBufferPointer { fallback in
                    swift_uregex_setText(regex, buffer.baseAddress ?? fallback.baseAddress, Int32(buffer.count), &status)
                    defer {
                        var reset = U_ZERO_ERROR
                        swift_uregex_setText(regex, fallback.baseAddress, 0, &reset)
                    }
                    let found = swift_uregex_find(regex, 0, &status)
                    if status == U_REGEX_TIME_OUT || status == U_REGEX_STOPPED_BY_CALLER { return .overBudget }
                    guard found != 0, status.rawValue <= 0 else { return .notFound }
                    let start = swift_uregex_start(regex, 0, &status)
                    let end = swift_uregex_end(regex, 0, &status)
                    return .found(location: Int(start), length: Int(end - start))
                }
            }
        }
        budget.charge(outcome == .overBudget ? budget.remaining : spent)
        return outcome
    }
}

/// Match steps (ICU time-limit units, roughly a millisecond each on this class of machine) a run may
/// spend on spec regexes: at most `perMatchLimit` on one search and `total` over the whole run, so
/// grading any number of documents with any pattern ends in bounded time.
public final class MatchBudget: @unchecked Sendable {
    public static let perMatchLimit = 2_000
    public static let defaultTotal = 5_000

    public private(set) var remaining: Int

    public init(total: Int = MatchBudget.defaultTotal) {
        remaining = total
    }

    func charge(_ units: Int) {
        remaining = max(0, remaining - units)
    }
}
