import PayarchKit

/// What the command line adds to the library's errors: the exit code of each failure class, and notes
/// that name payarch's own options (the library says what went wrong, never which flag to use).
extension PayarchError.Kind {
    /// The documented exit code (README, "Exit codes").
    var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .data: 65
        case .unreadable: 66
        case .cannotWrite: 73
        case .failed: 1
        }
    }
}

enum CommandLineNotes {
    /// The diagnostics with the notes that name command-line options.
    static func adding(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var copy = diagnostic
            switch diagnostic.id {
            case "input.too-large":
                copy.notes.append("raise the limit with --max-input-bytes")
            case "output.is-input":
                copy.notes.append("choose another --output path")
            case "input.missing":
                if let name = diagnostic.message.split(separator: "'").dropFirst().first {
                    copy.notes.insert("or pass --var \(name)=VALUE", at: min(1, copy.notes.count))
                }
            case "input.var-syntax":
                copy.notes.append("write --var NAME=VALUE, for example --var payment_rails=Stripe")
            case "input.case-range":
                copy.notes.append("--case takes a number from the spec's testData list")
            case "validate.no-cases":
                copy.notes.append("grade a document with --document FILE instead")
            case "catalogue.class-mismatch":
                copy.notes.append("leave out --class to show it")
            default:
                break
            }
            return copy
        }
    }
}
