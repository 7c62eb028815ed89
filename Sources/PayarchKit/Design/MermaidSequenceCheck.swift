/// A structural check of the Mermaid `sequenceDiagram` grammar payarch emits: participants declared with
/// `participant ID as Label`, messages `A->>B: text` and `A-->>B: text` between declared participants,
/// `alt`/`else`/`opt`/`loop` blocks closed by `end`, and `Note over A: text` or `Note over A,B: text`.
/// Message text must not hold the characters Mermaid gives a meaning (`;`, `#`). It is the fallback when
/// no real Mermaid parser can run; the tests run the real one too when `PAYARCH_MERMAID_BUNDLE` is set.
public enum MermaidSequenceCheck {
    /// Every problem found, as "line N: message"; empty for a well-formed diagram.
    public static func problems(_ diagram: String) -> [String] {
        var problems: [String] = []
        var participants: Set<String> = []
        var blocks: [String] = []
        let lines = diagram.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "sequenceDiagram" else {
            return ["line 1: a sequence diagram starts with 'sequenceDiagram'"]
        }
        func problem(_ number: Int, _ message: String) { problems.append("line \(number): \(message)") }
        func checkText(_ number: Int, _ text: String, _ what: String) {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { problem(number, "\(what) is empty") }
            if text.contains(";") || text.contains("#") { problem(number, "\(what) holds ';' or '#', which Mermaid reads as syntax") }
        }
        func isIdentifier(_ text: String) -> Bool {
            guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
            return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
        }
        for (index, raw) in lines.enumerated().dropFirst() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("participant ") {
                let rest = line.dropFirst("participant ".count)
                let parts = rest.split(separator: " ", maxSplits: 2).map(String.init)
                guard parts.count == 3, parts[1] == "as", isIdentifier(parts[0]) else {
                    problem(number, "a participant is declared as 'participant ID as Label'")
                    continue
                }
                guard participants.insert(parts[0]).inserted else {
                    problem(number, "participant '\(parts[0])' is declared twice")
                    continue
                }
                checkText(number, parts[2], "the label")
                continue
            }
            if line == "end" {
                if blocks.popLast() == nil { problem(number, "'end' closes no block") }
                continue
            }
            if let keyword = ["alt", "opt", "loop", "else"].first(where: { line == $0 || line.hasPrefix($0 + " ") }) {
                let text = String(line.dropFirst(keyword.count))
                checkText(number, text, "the '\(keyword)' condition")
                if keyword == "else" {
                    if blocks.last != "alt" { problem(number, "'else' outside an 'alt' block") }
                } else {
                    blocks.append(keyword)
                }
                continue
            }
            if line.hasPrefix("Note over ") {
                guard let colon = line.firstIndex(of: ":") else {
                    problem(number, "a note is 'Note over A: text'")
                    continue
                }
                let targets = line[line.index(line.startIndex, offsetBy: "Note over ".count)..<colon].split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if targets.isEmpty || targets.count > 2 { problem(number, "a note spans one or two participants") }
                for target in targets where !participants.contains(target) { problem(number, "'\(target)' is not a declared participant") }
                checkText(number, String(line[line.index(after: colon)...]), "the note")
                continue
            }
            // A message: FROM ARROW TO: text
            guard let colon = line.firstIndex(of: ":") else {
                problem(number, "not a participant, message, block or note")
                continue
            }
            let head = String(line[..<colon])
            guard let arrow = ["-->>", "->>"].first(where: head.contains), let arrowRange = head.range(of: arrow) else {
                problem(number, "a message needs an arrow (->> or -->>)")
                continue
            }
            let from = head[..<arrowRange.lowerBound].trimmingCharacters(in: .whitespaces)
            let to = head[arrowRange.upperBound...].trimmingCharacters(in: .whitespaces)
            for name in [from, to] where !participants.contains(name) { problem(number, "'\(name)' is not a declared participant") }
            checkText(number, String(line[line.index(after: colon)...]), "the message")
        }
        for block in blocks.reversed() { problems.append("end of diagram: the '\(block)' block is never closed") }
        return problems
    }
}
