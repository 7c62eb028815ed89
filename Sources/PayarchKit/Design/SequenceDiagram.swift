import Foundation

/// The Mermaid `sequenceDiagram` of a design's transaction flow: the five hops, the happy path and the
/// unknown-outcome branch, for the design's pattern and ledger mode. The grammar is kept small
/// (`participant … as …`, `->>`, `-->>`, `alt`/`else`/`end`, `Note over`), and every label is reduced to
/// characters with no meaning in Mermaid message text (`;`, `#`, `:` and line breaks have one).
enum SequenceDiagram {
    static func text(
        pattern: DesignView.Pattern, ledger: DesignView.LedgerMode, classes: [DesignView.RailClass], railNames: [String], holdsFunds: Bool,
        terminalIntake: Bool = false
    ) -> String {
        let rails = label(plainList(railNames))
        // Under a global transaction the resource managers are the participants; otherwise the rail is
        // an external processor and the ledger a consumer or a table of the payment database.
        var lines = [
            "sequenceDiagram", terminalIntake ? "    participant C as Terminal" : "    participant C as Client",
            terminalIntake ? "    participant G as Acquiring host" : "    participant G as API Gateway", "    participant S as Payment Service",
        ]
        let request = terminalIntake ? "C->>G: 0100 with terminal id, STAN and local time" : "C->>G: POST /payments with Idempotency-Key"
        if pattern == .twoPhaseCommit {
            lines += ["    participant T as Transaction manager", "    participant M as Resource managers (\(rails))"]
        } else {
            lines += ["    participant D as Database", "    participant R as External Processor (\(rails))", "    participant L as Ledger"]
        }
        func add(_ line: String) { lines.append("    " + line) }
        // One resolution line per class, named by its rails when there is more than one class.
        let resolutions = classes.isEmpty
            ? ["S->>R: resolve by a status inquiry"]
            : classes.map { item in
                "S->>R: " + (classes.count > 1 ? label(item.rails) + ", resolve by " : "resolve by ") + label(item.resolver)
            }
        let call = label(classes.first?.callLabel ?? "call with the derived key")
        let timeoutAnswer = label(classes.first?.timeoutLabel ?? "202 with the payment id")
        switch pattern {
        case .outbox:
            add(request)
            add("G->>S: forward with the fingerprint and traceparent")
            add("S->>D: claim the key, create the payment PENDING, store the attempt and its derived key")
            add("D-->>S: claim committed")
            add("S->>R: \(call)")
            add("alt answer before the rail's deadline")
            add("    R-->>S: result")
            add(ledger == .synchronous ? "    S->>D: commit the result, the ledger entries and the stored response" : "    S->>D: commit the result, the outbox event and the stored response")
            add("    S-->>C: stored response")
            add("else timeout or reset")
            add("    S->>D: record UNKNOWN on the attempt")
            add("    S-->>C: \(timeoutAnswer)")
            for line in resolutions { add("    " + line) }
            add("    R-->>S: authoritative result")
            add("    S->>D: commit the result under the same derived key")
            add("end")
            if ledger == .asynchronous {
                add("D-->>L: outbox relay delivers the event at least once")
                add("Note over L: the inbox drops redeliveries and postings are keyed by transfer id")
            } else {
                add("Note over D,L: ledger entries commit with the result, keyed by transfer id")
            }
        case .saga:
            add(request)
            add("G->>S: forward with the fingerprint and traceparent")
            add("S->>D: claim the key, create the payment and its saga READY" + (holdsFunds ? ", place a ledger hold" : ", post the amount as pending"))
            add("S-->>C: 202 with the payment id")
            add("S->>R: submit with the identifier stored before submission")
            add("alt accepted and settled")
            add("    R-->>S: acknowledgement, then settlement")
            add("    S->>D: move the saga to SETTLED, post the entry that clears the hold")
            add("else no answer")
            add("    S->>D: record UNKNOWN")
            for line in resolutions { add("    " + line) }
            add("else rejected or reversed by the rail")
            add("    R-->>S: rejection or reversal")
            add("    S->>D: run the compensation, release or reverse the hold")
            add("end")
            add(ledger == .synchronous ? "Note over D,L: each step's postings commit with it, keyed by transfer id" : "D-->>L: outbox relay delivers each step's postings, keyed by transfer id")
        case .twoPhaseCommit:
            add("C->>G: POST /transfers with Idempotency-Key")
            add("G->>S: forward with the fingerprint and traceparent")
            add("S->>M: claim the key in a local transaction of the ledger database")
            add("S->>T: begin the global transaction")
            add("S->>M: do the work in each branch under the payment key, finish the key record in the ledger branch")
            add("S->>T: commit")
            add("T->>M: prepare every branch")
            add("alt every branch votes to commit")
            add("    T->>T: force the commit decision to the log")
            add("    T->>M: commit each branch one after the other")
            add("    S-->>C: stored response")
            add("else a branch votes to roll back or fails to prepare")
            add("    T->>M: roll back every branch")
            add("    S-->>C: stored failure")
            add("end")
            add("Note over T,M: after a crash, prepared branches wait for the logged decision")
        }
        return lines.joined(separator: "\n")
    }

    static func plainList(_ items: [String]) -> String {
        items.count <= 1 ? (items.first ?? "") : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// Text safe inside a Mermaid label: letters, digits, spaces and `. , - ( ) / '`; anything else (a
    /// Markdown escape, a colon, a semicolon, a hash, a line break) becomes a space.
    static func label(_ text: String) -> String {
        var result = ""
        var lastSpace = false
        for scalar in text.unicodeScalars {
            let keep = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " .,-()/'".unicodeScalars.contains(scalar)
            let character: Unicode.Scalar = keep && !scalar.properties.isWhitespace ? scalar : " "
            if character == " " {
                if !lastSpace && !result.isEmpty { result.unicodeScalars.append(" ") }
                lastSpace = true
            } else {
                result.unicodeScalars.append(character)
                lastSpace = false
            }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
