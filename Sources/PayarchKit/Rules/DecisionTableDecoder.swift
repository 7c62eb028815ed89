/// Reads one decision table file. Condition values are checked against the dimension domains here, so a
/// misspelt value points at its own line.
enum DecisionTableDecoder {
    /// Examples per row: a few show what the row means; thousands (cheap with YAML aliases) are an attack.
    static let maxExamples = 50
    static let maxRows = 1_000

    static let hitPolicies = ["unique"]

    static func decode(_ root: YAMLNode, path: String, domains: [String: [String]]) throws(PayarchError)
        -> DecisionTable
    {
        let map = try MappingReader(root, what: "a decision table")
        try map.rejectUnknownKeys(["id", "title", "order", "hitPolicy", "scope", "keys", "outputs", "summary", "rows", "statedRows"])
        let id = try map.required("id").string(for: "'id'")
        let policyNode = try map.required("hitPolicy")
        let policy = try policyNode.string(for: "'hitPolicy'")
        guard hitPolicies.contains(policy) else {
            throw PayarchError.data(
                at: policyNode.location, id: "rules.hit-policy",
                "unsupported hit policy '\(policy)'; payarch supports: " + hitPolicies.joined(separator: ", "))
        }
        let keysNode = try map.required("keys")
        let keys = try keysNode.strings(for: "'keys'")
        for key in keys where domains[key] == nil {
            throw PayarchError.data(
                at: keysNode.location, id: "rules.unknown-key",
                "unknown decision key '\(key)'",
                notes: ["keys: " + domains.keys.sorted().joined(separator: ", ")])
        }
        let outputNames = try map.required("outputs").strings(for: "'outputs'")
        let summaryNode = try map.required("summary")
        let summary = try summaryNode.string(for: "'summary'")
        for placeholder in placeholders(in: summary) where !outputNames.contains(placeholder) {
            throw PayarchError.data(
                at: summaryNode.location, id: "rules.unknown-output",
                "summary uses '{\(placeholder)}', which is not an output of this table")
        }
        var rowIds: Set<String> = []
        let rowNodes = try map.required("rows").sequenceItems(for: "'rows'")
        if rowNodes.count > maxRows {
            throw PayarchError.data(
                at: map["rows"]?.location, id: "rules.too-many-rows", "\(rowNodes.count) rows; a decision table holds at most \(maxRows)")
        }
        let rows = try rowNodes.map { node throws(PayarchError) in
            let row = try decodeRow(node, keys: keys, outputNames: outputNames, domains: domains)
            guard rowIds.insert(row.id).inserted else {
                throw PayarchError.data(at: node.location, id: "rules.duplicate-row", "duplicate row id '\(row.id)'")
            }
            return row
        }
        // Rows taken only when the input names what they are for (a store it runs): outside the
        // completeness and uniqueness proof, but checked like any row.
        let statedRows = try (map["statedRows"]?.sequenceItems(for: "'statedRows'") ?? []).map { node throws(PayarchError) in
            let row = try decodeRow(node, keys: keys, outputNames: outputNames, domains: domains)
            guard rowIds.insert(row.id).inserted else {
                throw PayarchError.data(at: node.location, id: "rules.duplicate-row", "duplicate row id '\(row.id)'")
            }
            return row
        }
        var table = DecisionTable(
            id: id, title: try map.required("title").string(for: "'title'"), keys: keys, outputNames: outputNames,
            summary: summary,
            order: try map.required("order").integer(for: "'order'"),
            scope: try scope(map["scope"], keys: keys),
            rows: rows, path: path, location: root.location)
        table.statedRows = statedRows
        return table
    }

    private static func scope(_ node: YAMLNode?, keys: [String]) throws(PayarchError) -> DecisionTable.Scope {
        guard let node else { return .design }
        let text = try node.string(for: "'scope'")
        guard let scope = DecisionTable.Scope(rawValue: text) else {
            throw PayarchError.data(
                at: node.location, id: "rules.scope", "unknown scope '\(text)'; use design or each-rail-family")
        }
        if scope == .eachRailFamily, !keys.contains("railFamily") {
            throw PayarchError.data(
                at: node.location, id: "rules.scope", "scope each-rail-family needs railFamily among the table's keys")
        }
        return scope
    }

    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }

    private static func decodeRow(
        _ node: YAMLNode, keys: [String], outputNames: [String], domains: [String: [String]]
    ) throws(PayarchError) -> DecisionTable.Row {
        let map = try MappingReader(node, what: "a row")
        try map.rejectUnknownKeys(["id", "when", "then", "rationale", "examples", "sources"])
        let id = try map.required("id").string(for: "'id' of a row")
        let when = try MappingReader(try map.required("when"), what: "'when' of row \(id)")
        var conditions: [String: Set<String>] = [:]
        for entry in when.entries {
            guard keys.contains(entry.key) else {
                throw PayarchError.data(
                    at: entry.keyNode.location, id: "rules.unknown-key",
                    "row \(id) conditions on '\(entry.key)', which is not a key of this table")
            }
            let values = try entry.value.strings(for: "'\(entry.key)' of row \(id)")
            if values == ["any"] { continue }
            for value in values where !(domains[entry.key] ?? []).contains(value) {
                throw PayarchError.data(
                    at: entry.value.location, id: "rules.unknown-value",
                    "row \(id): '\(value)' is not a value of \(entry.key)",
                    notes: ["values: " + (domains[entry.key] ?? []).joined(separator: ", ")])
            }
            conditions[entry.key] = Set(values)
        }
        // A key the row does not mention matches any value; it is simply absent from `conditions`.
        let thenNode = try map.required("then")
        let then = try MappingReader(thenNode, what: "'then' of row \(id)")
        var outputs: [String: DecisionTable.OutputValue] = [:]
        for entry in then.entries {
            guard outputNames.contains(entry.key) else {
                throw PayarchError.data(
                    at: entry.keyNode.location, id: "rules.unknown-output",
                    "row \(id) sets '\(entry.key)', which is not an output of this table")
            }
            if case .sequence = entry.value.content {
                outputs[entry.key] = .list(try entry.value.strings(for: "'\(entry.key)' of row \(id)"))
            } else {
                outputs[entry.key] = .text(try entry.value.string(for: "'\(entry.key)' of row \(id)"))
            }
        }
        for output in outputNames where outputs[output] == nil {
            throw PayarchError.data(at: thenNode.location, id: "rules.missing-output", "row \(id) does not set '\(output)'")
        }
        let exampleNodes = try map["examples"]?.sequenceItems(for: "'examples'") ?? []
        if exampleNodes.count > maxExamples, let node = map["examples"] {
            throw PayarchError.data(
                at: node.location, id: "rules.too-many-examples",
                "row \(id) has \(exampleNodes.count) examples; a row needs a few, and payarch accepts at most \(maxExamples)")
        }
        let examples = try exampleNodes.map {
            example throws(PayarchError) in
            let exampleMap = try MappingReader(example, what: "an example")
            try exampleMap.rejectUnknownKeys(["given"])
            let given = try MappingReader(try exampleMap.required("given"), what: "'given'")
            var assignment: [String: String] = [:]
            for entry in given.entries {
                assignment[entry.key] = try entry.value.string(for: "'\(entry.key)' of an example")
            }
            for key in keys where assignment[key] == nil {
                throw PayarchError.data(
                    at: example.location, id: "rules.example", "an example of row \(id) does not give '\(key)'")
            }
            return assignment
        }
        var sources: [String] = []
        if let node = map["sources"] {
            for item in try node.sequenceItems(for: "'sources' of row \(id)") {
                let source = try item.string(for: "a source of row \(id)")
                guard source.hasPrefix("https://") else {
                    throw PayarchError.data(at: item.location, id: "rules.source", "a source of row \(id) is not an https address: '\(source)'")
                }
                sources.append(source)
            }
        }
        return DecisionTable.Row(
            id: id, conditions: conditions, outputs: outputs,
            rationale: try map.required("rationale").string(for: "'rationale' of row \(id)"), examples: examples,
            sources: sources, location: node.location)
    }
}
