import Foundation

extension ReadingReport {
    /// The facts table `payarch read` prints: one section per input variable, each fact with the phrase it
    /// came from, then assumptions and warnings. Text from the input is escaped for the terminal.
    public func text(rules: RuleBook) -> String {
        var lines: [String] = ["Reading of \(PrintableText.escape(origin))", ""]
        func quoted(_ phrase: SourcedPhrase?) -> String {
            phrase.map { "\"" + PrintableText.escape($0.text) + "\"" } ?? "-"
        }
        func table(_ rows: [[String]]) {
            guard let columns = rows.map(\.count).max() else { return }
            var widths = [Int](repeating: 0, count: columns)
            for row in rows {
                for (index, cell) in row.enumerated() where index < columns - 1 { widths[index] = max(widths[index], cell.count) }
            }
            for row in rows {
                var line = "  "
                for (index, cell) in row.enumerated() {
                    line += index < columns - 1 ? cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0) : cell
                }
                while line.hasSuffix(" ") { line.removeLast() }
                lines.append(line)
            }
        }
        func className(_ id: String) -> String { rules.railClass(id)?.name ?? id }
        func format(_ value: Double) -> String { ThroughputFormat.format(value) }

        lines.append("Rails (payment_rails)")
        table(
            facts.rails.map { rail in
                [PrintableText.escape(rail.name), className(rail.railClass), rail.known ? "known" : "unknown",
                    ([rail.reading.rawValue] + (rail.direction.map { [$0] } ?? []) + (rail.channel.map { [$0] } ?? []) + (rail.isFallback ? ["fallback"] : []) + (rail.purpose.map { [$0] } ?? []))
                        .joined(separator: ", "),
                    quoted(rail.phrase)]
            })
        if !facts.excludedRails.isEmpty {
            lines.append("Ruled out")
            table(facts.excludedRails.map { [PrintableText.escape($0.name), className($0.railClass), $0.reason.rawValue, quoted($0.phrase) + ($0.trigger.map { " by " + quoted($0) } ?? "")] })
        }
        if !facts.categories.isEmpty {
            lines.append("Kinds of payment named without a rail")
            table(facts.categories.map { [className($0.railClass), quoted($0.phrase)] })
        }
        if !facts.datastores.isEmpty {
            lines.append("Datastores (not rails)")
            table(facts.datastores.map { [PrintableText.escape($0.name), quoted($0.phrase)] })
        }
        if !facts.modes.isEmpty {
            lines.append("Modes (how the rails are used, which the design follows)")
            table(facts.modes.map { mention in [rules.reading.railWords.modes.first { $0.mode == mention.mode }?.name ?? mention.mode, quoted(mention.phrase)] })
        }
        if !facts.gates.isEmpty {
            lines.append("Gates (a step that waits for another; each a barrier of the design)")
            table(facts.gates.map { gate in [quoted(gate.action) + " waits for " + quoted(gate.precondition)] })
        }
        lines.append(
            "Governing class: \(className(facts.governingClass)) (design family \(rules.family(facts.governingFamily)?.name ?? facts.governingFamily))")
        lines.append("")

        let throughput = facts.throughput
        lines.append("Throughput (throughput_requirements)")
        var figures: [[String]] = []
        func figure(_ label: String, _ value: ThroughputFacts.Figure?) {
            guard let value else { return figures.append([label, "-", "", ""]) }
            figures.append([label, "\(format(value.tps)) TPS", value.derivation ?? "", quoted(value.phrase)])
        }
        figure("peak", throughput.peak)
        figure("sustained", throughput.sustained)
        let band = rules.throughput.bands.first { $0.id == throughput.band }?.id ?? throughput.band
        figures.append(["design peak", "\(format(throughput.designPeak.tps)) TPS", "\(band) band" + (throughput.designPeak.derivation.map { "; \($0)" } ?? ""), quoted(throughput.designPeak.phrase)])
        for target in throughput.latency {
            let percentile = target.percentile.map { "P\(format($0)) " } ?? ""
            figures.append(["latency", "\(percentile)≤ \(format(target.milliseconds)) ms", target.readPath == true ? "reads only, not payments" : "", quoted(target.phrase)])
        }
        for timeout in throughput.timeouts {
            figures.append(["timeout/window", "\(format(timeout.milliseconds)) ms", "not a latency target", quoted(timeout.phrase)])
        }
        if let batch = throughput.batch { figures.append(["load shape", "batch", "", quoted(batch)]) }
        if let burst = throughput.burst { figures.append(["load shape", "bursty", "", quoted(burst)]) }
        if let inbound = throughput.inbound {
            figures.append(["inbound", "\(format(inbound.tps))/s", inbound.derivation ?? "", quoted(inbound.phrase)])
        }
        table(figures)
        lines.append("")

        let consistency = facts.consistency
        let vocabulary = rules.vocabulary
        lines.append("Consistency (consistency_constraints)")
        var levels: [[String]] = []
        for scope in consistency.scopes {
            let name = vocabulary.scope(scope.scope)?.name ?? scope.scope
            let level = vocabulary.level(scope.level)?.name ?? scope.level
            levels.append([name, scope.tier, level + (scope.availabilityFirst ? ", availability first" : ""), quoted(scope.phrase)])
        }
        if let unscoped = consistency.unscoped {
            levels.append(["(no scope named)", unscoped.tier, vocabulary.level(unscoped.level)?.name ?? unscoped.level, quoted(unscoped.phrase)])
        }
        levels.append(["→ money path (decides)", consistency.moneyPath.tier, consistency.moneyPath.assumed ? "assumed" : "", consistency.moneyPath.phrases.map { quoted($0) }.joined(separator: ", ")])
        levels.append(["→ ledger (decides)", consistency.ledger.tier, consistency.ledger.assumed ? "assumed" : "", consistency.ledger.phrases.map { quoted($0) }.joined(separator: ", ")])
        for bound in consistency.lagBounds {
            levels.append(["lag bound", "\(format(bound.seconds)) s", bound.scope.flatMap { vocabulary.scope($0)?.name } ?? "", quoted(bound.phrase)])
        }
        if let phrase = consistency.consistencyFirst { levels.append(["CAP stance", "consistency first", "", quoted(phrase)]) }
        if !consistency.apPhrases.isEmpty {
            levels.append(["CAP stance", "availability first for named scopes", "", consistency.apPhrases.map { quoted($0) }.joined(separator: ", ")])
        }
        if let phrase = consistency.atomicCommit { levels.append(["atomic commit", "required", "", quoted(phrase)]) }
        if let phrase = consistency.multiRegion { levels.append(["regions", "multi-region", "", quoted(phrase)]) }
        if let phrase = consistency.singleRegion { levels.append(["regions", "single region", "", quoted(phrase)]) }
        if let phrase = consistency.residency { levels.append(["regions", "data kept in its region", "", quoted(phrase)]) }
        if let phrase = consistency.zeroLoss { levels.append(["failover", "no committed write lost", "", quoted(phrase)]) }
        if let phrase = consistency.asyncReplication { levels.append(["replication", "asynchronous, as stated", "", quoted(phrase)]) }
        if let phrase = consistency.syncStandby { levels.append(["replication", "synchronous standby, as stated", "", quoted(phrase)]) }
        if let store = consistency.statedStore { levels.append(["store in use", store.engine, "", quoted(store.phrase)]) }
        table(levels)

        if !facts.assumptions.isEmpty {
            lines.append("")
            lines.append("Assumptions")
            for assumption in facts.assumptions { lines.append("  - [\(assumption.id)] \(PrintableText.escape(assumption.text))") }
        }
        if !warnings.isEmpty {
            lines.append("")
            lines.append("Warnings")
            for warning in warnings {
                let place = warning.variable.map { variable in
                    warning.column == nil && warning.message.hasPrefix(variable) ? "" : variable + (warning.column.map { ", column \($0)" } ?? "") + ": "
                } ?? ""
                lines.append("  - [\(warning.id)] \(place)\(PrintableText.escape(warning.message))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
