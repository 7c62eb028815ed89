/// The loader for `rules/self-check.yml`. Every table, output and value must exist, so a phrase list can
/// never silently stop applying after a rename.
extension RuleBookLoader {
    func loadSelfCheck(_ path: String, book: RuleBook) throws(PayarchError) -> SelfCheckRules {
        let root = try MappingReader(try document(path), what: "self-check.yml")
        try root.rejectUnknownKeys(["contextNames", "ignoredNames", "decisions"])
        var rules = SelfCheckRules()
        let classIds = Set(book.railClasses.map(\.id))
        let railIds = Set(book.rails.map(\.id))
        if let node = root["contextNames"], !node.isNull {
            for entry in try MappingReader(node, what: "'contextNames'").entries {
                guard classIds.contains(entry.key) || railIds.contains(entry.key) else {
                    throw PayarchError.data(
                        at: entry.value.location, id: "rules.unknown-class", "'\(entry.key)' is neither a rail class nor a rail id")
                }
                let ids = try entry.value.strings(for: "'\(entry.key)' in 'contextNames'")
                for id in ids where !railIds.contains(id) {
                    throw PayarchError.data(at: entry.value.location, id: "rules.rails-tag", "unknown rail id '\(id)'")
                }
                rules.contextNames[entry.key] = ids
            }
        }
        rules.ignoredNames = try root.stringList("ignoredNames")
        for node in try root.required("decisions").sequenceItems(for: "'decisions'") {
            let entry = try MappingReader(node, what: "a decision's phrases")
            try entry.rejectUnknownKeys(["table", "output", "value", "because", "phrases"])
            let table = try entry.required("table").string(for: "'table'")
            let output = try entry.required("output").string(for: "'output'")
            let value = try entry.required("value").string(for: "'value'")
            guard let declared = book.tables.first(where: { $0.id == table }) else {
                throw PayarchError.data(at: node.location, id: "rules.unknown-table", "no decision table '\(table)'")
            }
            guard declared.outputNames.contains(output) else {
                throw PayarchError.data(at: node.location, id: "rules.unknown-output", "table '\(table)' has no output '\(output)'")
            }
            guard (declared.rows + declared.statedRows).contains(where: { $0.outputs[output]?.text == value }) else {
                throw PayarchError.data(
                    at: node.location, id: "rules.unknown-value", "no row of table '\(table)' gives '\(output)' the value '\(value)'")
            }
            let phrases = try entry.stringList("phrases")
            guard !phrases.isEmpty, !phrases.contains(where: \.isEmpty) else {
                throw PayarchError.data(at: node.location, id: "rules.self-check", "'phrases' lists at least one non-empty phrase")
            }
            rules.decisions.append(
                .init(
                    table: table, output: output, value: value, because: try entry.required("because").string(for: "'because'"),
                    phrases: phrases, location: node.location))
        }
        return rules
    }
}
