/// Something the reader read with a doubt, or could not read: an unknown rail, a scheme name read as its
/// default member, an absurd figure, a missing level. Shown on stderr as a warning at the phrase's
/// position, and listed in the design and in `payarch read`.
public struct ReadingWarning: Sendable, Hashable, Codable {
    /// A stable id: `reading.unknown-rail`, `reading.ambiguous-scheme`, …
    public var id: String
    /// The phrase the warning is about, or nil when it is about a whole variable (no figure at all).
    public var phrase: SourcedPhrase?
    /// The variable, when there is no phrase.
    public var variable: String?
    public var message: String

    public init(id: String, phrase: SourcedPhrase?, variable: String? = nil, message: String) {
        self.id = id
        self.phrase = phrase
        self.variable = variable ?? phrase?.variable
        self.message = message
    }
}

extension ReadingWarning {
    /// The warning as a diagnostic at the phrase's position: in the input file when the value came from
    /// one and sits on one line, else at the value, with the variable and column in the message.
    public func diagnostic(in inputs: InputSet?) -> Diagnostic {
        let name = variable ?? phrase?.variable ?? ""
        let value = inputs?[name]
        var location = value?.location
        var message = self.message
        if let phrase, let value {
            let utf16 = value.value.utf16
            let prefixEnd = utf16.index(utf16.startIndex, offsetBy: min(phrase.offset, utf16.count))
            let column = value.value[..<prefixEnd].count + 1
            if let start = value.location, let offset = value.firstCharacterOffset {
                location = SourceLocation(file: start.file, line: start.line, column: start.column + offset + column - 1)
            } else {
                message = "\(name), column \(column): " + message
            }
        } else if let phrase {
            message = "\(phrase.variable), column \(phrase.offset + 1): " + message
        } else if location == nil, !name.isEmpty, !message.hasPrefix(name) {
            message = "\(name): " + message
        }
        return Diagnostic(.warning, at: location, id: id, message)
    }
}
