/// Refuses the evaluator-pattern shapes that make backtracking engines (ICU, behind NSRegularExpression)
/// take exponential or high-polynomial time. Evaluator patterns come from specs, which may be untrusted.
/// This is the first line of defence, with a readable message at load time; `BudgetedRegex` is the one
/// that cannot be bypassed.
///
/// Refused:
/// - a group that can match text of unbounded length, repeated more than `maxGroupRepeats` times:
///   `(a+)+`, `(x*y*)*`, `(\w+\s?){1,60}`;
/// - a repeated alternation whose branches can start with the same character: `(.|\s)*`, `(a|aa)+`;
/// - two unbounded repeats that can match the same characters with nothing mandatory between them
///   that the first cannot also match: `.*.*`, `\w+\s?\w+`, `\d*\d+`;
/// - any backreference: `(.*)\1b` is quadratic per start position while ICU counts each comparison as one
///   step, so neither this check's shapes nor the step budget would bound it.
enum RegexSafety {
    static let maxGroupRepeats = 3

    /// A description of the first dangerous shape, or nil.
    static func problem(in pattern: String) -> String? {
        var parser = Parser(Array(pattern.unicodeScalars))
        let root = parser.parseAlternation()
        if containsBackreference(root) {
            return "a backreference (\\1, \\k<name>) compares text of any length in one step of ICU's budget, so its cost cannot be bounded; evaluator patterns may not use them"
        }
        return Checker().check(root)
    }

    static func containsBackreference(_ node: Node) -> Bool {
        switch node {
        case .anyText: true
        case .character, .empty: false
        case .sequence(let items), .alternation(let items): items.contains(where: containsBackreference)
        case .repeated(let inner, _, _): containsBackreference(inner)
        }
    }

    // MARK: - A small regex syntax tree

    /// Which characters an atom can match, approximated: the exact ASCII set, plus three classes for
    /// everything beyond ASCII (letters and digits, spaces, the rest), so `\w` and `\s` stay disjoint.
    struct CharacterSet: Equatable {
        var ascii = [Bool](repeating: false, count: 128)
        var nonASCIIWord = false
        var nonASCIISpace = false
        var nonASCIIOther = false

        static var all: CharacterSet {
            var set = CharacterSet()
            set.ascii = [Bool](repeating: true, count: 128)
            set.nonASCIIWord = true
            set.nonASCIISpace = true
            set.nonASCIIOther = true
            return set
        }

        mutating func insert(_ value: UInt32) {
            if value < 128 {
                ascii[Int(value)] = true
            } else if let scalar = Unicode.Scalar(value) {
                if scalar.properties.isWhitespace {
                    nonASCIISpace = true
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    nonASCIIWord = true
                } else {
                    nonASCIIOther = true
                }
            }
        }

        mutating func insert(_ range: ClosedRange<UInt32>) {
            for value in range.clamped(to: 0...127) { ascii[Int(value)] = true }
            if range.upperBound >= 128 {
                nonASCIIWord = true
                nonASCIISpace = true
                nonASCIIOther = true
            }
        }

        mutating func formUnion(_ other: CharacterSet) {
            for index in 0..<128 where other.ascii[index] { ascii[index] = true }
            nonASCIIWord = nonASCIIWord || other.nonASCIIWord
            nonASCIISpace = nonASCIISpace || other.nonASCIISpace
            nonASCIIOther = nonASCIIOther || other.nonASCIIOther
        }

        func inverted() -> CharacterSet {
            var set = CharacterSet()
            set.ascii = ascii.map { !$0 }
            set.nonASCIIWord = !nonASCIIWord
            set.nonASCIISpace = !nonASCIISpace
            set.nonASCIIOther = !nonASCIIOther
            return set
        }

        func overlaps(_ other: CharacterSet) -> Bool {
            (nonASCIIWord && other.nonASCIIWord) || (nonASCIISpace && other.nonASCIISpace)
                || (nonASCIIOther && other.nonASCIIOther) || (0..<128).contains { ascii[$0] && other.ascii[$0] }
        }
    }

    indirect enum Node {
        /// Matches one character from the set.
        case character(CharacterSet)
        /// Zero-width: anchors, lookaround, `\b`.
        case empty
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
        /// A backreference: its length is unknown, so it is treated as any text.
        case anyText
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var caseInsensitive = false

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var atEnd: Bool { index >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func parseAlternation() -> Node {
            var branches = [parseSequence()]
            while current == "|" {
                index += 1
                branches.append(parseSequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseSequence() -> Node {
            var items: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                let atom = parseAtom()
                items.append(parseQuantifier(after: atom))
            }
            return .sequence(items)
        }

        mutating func parseQuantifier(after atom: Node) -> Node {
            guard let scalar = current else { return atom }
            var bounds: (Int, Int?)?
            switch scalar {
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "?": bounds = (0, 1); index += 1
            case "{":
                if let parsed = parseBraces() { bounds = parsed }
            default: break
            }
            guard let (low, high) = bounds else { return atom }
            // Lazy and possessive suffixes change the order of the search, not what it may try.
            if current == "?" || current == "+" { index += 1 }
            return parseQuantifier(after: .repeated(atom, min: low, max: high))
        }

        /// `{n}`, `{n,}`, `{n,m}`; anything else is a literal brace.
        mutating func parseBraces() -> (Int, Int?)? {
            var cursor = index + 1
            func number() -> Int? {
                var digits = ""
                while cursor < scalars.count, let digit = Int(String(scalars[cursor])) {
                    digits += String(digit)
                    cursor += 1
                }
                return digits.isEmpty ? nil : Int(digits.prefix(9))
            }
            guard let low = number() else { return nil }
            var high: Int? = low
            if cursor < scalars.count, scalars[cursor] == "," {
                cursor += 1
                high = number()
            }
            guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
            index = cursor + 1
            return (low, high)
        }

        mutating func parseAtom() -> Node {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "(":
                return parseGroup()
            case "[":
                return .character(parseClass())
            case ".":
                return .character(.all)
            case "^", "$":
                return .empty
            case "\\":
                return parseEscape()
            default:
                return .character(literal(scalar))
            }
        }

        mutating func parseGroup() -> Node {
            var lookaround = false
            if current == "?" {
                index += 1
                switch current {
                case ":", ">", "|":
                    index += 1
                case "=", "!":
                    index += 1
                    lookaround = true
                case "<" where index + 1 < scalars.count && (scalars[index + 1] == "=" || scalars[index + 1] == "!"):
                    index += 2
                    lookaround = true
                case "<":
                    // A named group: skip the name.
                    while let scalar = current, scalar != ">" { index += 1 }
                    index += 1
                default:
                    // Flags such as (?i) or (?i:…).
                    var flags = ""
                    while let scalar = current, scalar != ")", scalar != ":" {
                        flags.unicodeScalars.append(scalar)
                        index += 1
                    }
                    let enables = flags.split(separator: "-").first.map { $0.contains("i") } ?? false
                    if current == ")" {
                        index += 1
                        if enables { caseInsensitive = true }
                        return .empty
                    }
                    index += 1
                    let saved = caseInsensitive
                    if enables { caseInsensitive = true }
                    let inner = parseAlternation()
                    if current == ")" { index += 1 }
                    caseInsensitive = saved
                    return inner
                }
            }
            let inner = parseAlternation()
            if current == ")" { index += 1 }
            return lookaround ? .empty : inner
        }

        mutating func parseEscape() -> Node {
            guard let scalar = current else { return .character(literal("\\")) }
            index += 1
            switch scalar {
            case "d": return .character(Self.digits)
            case "D": return .character(Self.digits.inverted())
            case "w": return .character(Self.word)
            case "W": return .character(Self.word.inverted())
            case "s": return .character(Self.space)
            case "S": return .character(Self.space.inverted())
            case "b", "B", "A", "z", "Z", "G": return .empty
            case "p", "P":
                if current == "{" {
                    while let next = current, next != "}" { index += 1 }
                    index += 1
                }
                return .character(.all)
            case "1"..."9", "k":
                return .anyText
            case "Q":
                // \Q…\E quotes literally.
                var items: [Node] = []
                while index < scalars.count {
                    if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "E" {
                        index += 2
                        break
                    }
                    items.append(.character(literal(scalars[index])))
                    index += 1
                }
                return .sequence(items)
            case "x", "u", "N":
                // A code point: the exact value does not matter for overlap; skip its digits.
                if current == "{" {
                    while let next = current, next != "}" { index += 1 }
                    index += 1
                } else {
                    while let next = current, next.properties.isASCIIHexDigit { index += 1 }
                }
                return .character(.all)
            case "n": return .character(literal("\n"))
            case "t": return .character(literal("\t"))
            case "r": return .character(literal("\r"))
            default: return .character(literal(scalar))
            }
        }

        mutating func parseClass() -> CharacterSet {
            var set = CharacterSet()
            var negated = false
            if current == "^" {
                negated = true
                index += 1
            }
            var first = true
            var depth = 0
            while let scalar = current {
                if scalar == "]", !first, depth == 0 {
                    index += 1
                    break
                }
                first = false
                index += 1
                switch scalar {
                case "[":
                    // Nested classes and POSIX names: treat the whole class as broad.
                    depth += 1
                    set = .all
                case "]":
                    depth -= 1
                case "\\":
                    guard let escaped = current else { break }
                    index += 1
                    switch escaped {
                    case "d": set.formUnion(Self.digits)
                    case "D": set.formUnion(Self.digits.inverted())
                    case "w": set.formUnion(Self.word)
                    case "W": set.formUnion(Self.word.inverted())
                    case "s": set.formUnion(Self.space)
                    case "S": set.formUnion(Self.space.inverted())
                    case "n": set.insert(10)
                    case "t": set.insert(9)
                    case "r": set.insert(13)
                    default: set.formUnion(.all)
                    }
                default:
                    if current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                        let upper = scalars[index + 1]
                        index += 2
                        if scalar.value <= upper.value {
                            set.insert(scalar.value...upper.value)
                            if caseInsensitive { set.formUnion(.all) }
                        }
                    } else {
                        set.formUnion(literal(scalar))
                    }
                }
            }
            return negated ? set.inverted() : set
        }

        func literal(_ scalar: Unicode.Scalar) -> CharacterSet {
            var set = CharacterSet()
            set.insert(scalar.value)
            if caseInsensitive {
                for variant in [String(scalar).lowercased(), String(scalar).uppercased()] {
                    for other in variant.unicodeScalars { set.insert(other.value) }
                }
            }
            return set
        }

        static let digits: CharacterSet = {
            var set = CharacterSet()
            set.insert(48...57)
            set.nonASCIIWord = true
            return set
        }()
        static let word: CharacterSet = {
            var set = digits
            set.insert(65...90)
            set.insert(97...122)
            set.insert(95)
            return set
        }()
        static let space: CharacterSet = {
            var set = CharacterSet()
            for value: UInt32 in [9, 10, 11, 12, 13, 32] { set.insert(value) }
            set.nonASCIISpace = true
            return set
        }()
    }

    // MARK: - The checks

    struct Checker {
        func check(_ node: Node) -> String? {
            switch node {
            case .character, .empty, .anyText:
                return nil
            case .alternation(let branches):
                for branch in branches { if let problem = check(branch) { return problem } }
                return nil
            case .sequence(let items):
                for item in items { if let problem = check(item) { return problem } }
                return adjacentRepeats(items)
            case .repeated(let inner, _, let max):
                if let problem = check(inner) { return problem }
                let repeatsMany = max.map { $0 > maxGroupRepeats } ?? true
                guard repeatsMany else { return nil }
                if Self.isGroup(inner), Self.unbounded(inner) {
                    return "repeats a group that itself repeats without bound"
                }
                if let branches = Self.branches(inner) {
                    for (index, branch) in branches.enumerated() {
                        for other in branches[(index + 1)...] where Self.first(branch).overlaps(Self.first(other)) {
                            return "repeats an alternation whose branches can match the same text"
                        }
                    }
                }
                return nil
            }
        }

        /// Two unbounded repeats over overlapping characters, with only optional items between them.
        func adjacentRepeats(_ items: [Node]) -> String? {
            for (index, item) in items.enumerated() {
                guard case .repeated(let inner, _, nil) = item else { continue }
                let set = Self.first(inner)
                for next in items[(index + 1)...] {
                    if case .repeated(let other, _, nil) = next, Self.first(other).overlaps(set) {
                        return "has two unbounded repeats in a row that can match the same characters"
                    }
                    if !Self.optional(next) { break }
                }
            }
            return nil
        }

        static func isGroup(_ node: Node) -> Bool {
            switch node {
            case .sequence(let items): items.count > 1 || items.first.map(isGroup) ?? false
            case .alternation, .repeated: true
            default: false
            }
        }

        /// True when the node can match text of unbounded length.
        static func unbounded(_ node: Node) -> Bool {
            switch node {
            case .character, .empty: false
            case .anyText: true
            case .sequence(let items), .alternation(let items): items.contains(where: unbounded)
            case .repeated(let inner, _, let max): max == nil ? !isZeroWidth(inner) : unbounded(inner)
            }
        }

        static func isZeroWidth(_ node: Node) -> Bool {
            switch node {
            case .empty: true
            case .sequence(let items), .alternation(let items): items.allSatisfy(isZeroWidth)
            case .repeated(let inner, _, _): isZeroWidth(inner)
            default: false
            }
        }

        static func optional(_ node: Node) -> Bool {
            switch node {
            case .empty: true
            case .repeated(let inner, let min, _): min == 0 || optional(inner)
            case .sequence(let items): items.allSatisfy(optional)
            case .alternation(let items): items.contains(where: optional)
            default: false
            }
        }

        static func branches(_ node: Node) -> [Node]? {
            switch node {
            case .alternation(let items): items
            case .sequence(let items) where items.count == 1: branches(items[0])
            default: nil
            }
        }

        /// The characters a node can start with (everything, for text of unknown shape).
        static func first(_ node: Node) -> CharacterSet {
            switch node {
            case .character(let set): return set
            case .empty: return CharacterSet()
            case .anyText: return .all
            case .alternation(let items):
                var set = CharacterSet()
                for item in items { set.formUnion(first(item)) }
                return set
            case .repeated(let inner, _, _): return first(inner)
            case .sequence(let items):
                var set = CharacterSet()
                for item in items {
                    set.formUnion(first(item))
                    if !optional(item) { break }
                }
                return set
            }
        }
    }
}
