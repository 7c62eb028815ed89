/// Whether a design's own text names what a stated requirement is about: every word of the requirement
/// that carries meaning (not a function word or a requirement word from `rules/reading/requirements.yml`)
/// appears in the design, compared by its first letters so "tracked" finds "tracker" and "returns" finds
/// "return". A lexical check, stated as such in the design: it finds a requirement the design never
/// names, not one it names and gets wrong.
struct RequirementMatcher {
    /// Words are compared by this many leading letters.
    static let stemLength = 5
    /// Words shorter than this carry no meaning of their own here, unless written as a code ("VoP", "R01").
    static let minimumLength = 4
    let ignored: Set<String>
    let stems: Set<String>
    /// Abbreviations the requirements define ("Verification of Payee (VoP)"), by code: the words it
    /// stands for.
    let abbreviations: [String: [String]]

    init(vocabulary: ReadingVocabulary.Requirements, designText: [String], requirements: [String] = []) {
        var ignored = Set(vocabulary.ignoredWords.map { $0.lowercased() })
        for phrase in vocabulary.requirementWords { for word in Self.words(phrase) { ignored.insert(word.lowercased()) } }
        self.ignored = ignored
        var stems = Set<String>()
        for text in designText { for word in Self.words(text) { stems.insert(Self.stem(word)) } }
        self.stems = stems
        var abbreviations: [String: [String]] = [:]
        for text in requirements { abbreviations.merge(Self.abbreviations(in: text)) { first, _ in first } }
        self.abbreviations = abbreviations
    }

    /// "Verification of Payee (VoP)": a code in parentheses right after the words whose initials, skipping
    /// short joining words, are its capitals.
    static func abbreviations(in text: String) -> [String: [String]] {
        var found: [String: [String]] = [:]
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let code = String(rest[rest.index(after: open)..<close])
            let capitals = code.filter(\.isUppercase)
            if capitals.count >= 2, code.allSatisfy({ $0.isLetter }), code.count <= 8 {
                let before = words(String(rest[..<open])).filter { $0.count > 3 || $0.first?.isUppercase == true }
                let candidate = Array(before.suffix(capitals.count))
                if candidate.count == capitals.count, zip(candidate, capitals).allSatisfy({ $0.first?.uppercased() == String($1) }) {
                    found[code] = candidate
                }
            }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The words of a text: runs of letters and digits, with dots and hyphens inside a word kept apart.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func stem(_ word: String) -> String {
        String(word.lowercased().prefix(stemLength))
    }

    /// A code is written with a capital or a digit after its first character ("VoP", "UETR", "R01").
    static func isCode(_ word: String) -> Bool {
        word.dropFirst().contains { $0.isUppercase || $0.isNumber }
    }

    /// The words of a requirement that say what it is about; a number of two digits or more is one (a
    /// limit such as "max $500/day" is not named by a design that never states 500).
    func meaningful(_ requirement: String) -> [String] {
        Self.words(requirement).filter { word in
            guard !word.allSatisfy(\.isNumber) else { return word.count >= 2 }
            return !ignored.contains(word.lowercased()) && (word.count >= Self.minimumLength || Self.isCode(word))
        }
    }

    /// Whether the design names every meaningful word of the requirement; a requirement with none names
    /// nothing the design could.
    func names(_ requirement: String) -> Bool {
        let words = meaningful(requirement)
        return !words.isEmpty && words.allSatisfy { word in
            stems.contains(Self.stem(word)) || (abbreviations[word].map { $0.allSatisfy { stems.contains(Self.stem($0)) } } ?? false)
        }
    }

    /// A quoted requirement on one line: a wrapped input's breaks and indentation become single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
