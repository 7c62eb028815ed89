/// The parts of the design context that take more than one line: the design-basis table, the rail
/// rows, consistency level names and the sizing figures.
extension DesignContext {
    func basisRows(_ facts: DesignFacts) -> [[String: String]] {
        var rows: [[String: String]] = []
        func row(_ label: String, _ reading: String, _ phrases: [SourcedPhrase]) {
            rows.append([
                "label": label, "reading": reading,
                "phrase": phrases.isEmpty ? "(none)" : phrases.map { MarkdownEscaper.quoted($0.text) }.joined(separator: ", "),
            ])
        }
        for rail in facts.rails {
            let className = rules.railClass(rail.railClass)?.name ?? rail.railClass
            let name = Self.name(rail)
            row("Rail", rail.known ? "\(name), \(className)" : "\(name), unknown rail treated as a generic \(className)", rail.phrase.map { [$0] } ?? [])
        }
        let throughput = facts.throughput
        let bandName = rules.throughput.bands.first { $0.id == throughput.band }?.name ?? throughput.band
        let peak = throughput.designPeak
        row("Design peak", "\(ThroughputFormat.format(peak.tps)) TPS, \(bandName) band" + (peak.derivation.map { " (\($0))" } ?? ""), peak.phrase.map { [$0] } ?? [])
        if let sustained = throughput.sustained, sustained.phrase != peak.phrase {
            row("Sustained", "\(ThroughputFormat.format(sustained.tps)) TPS", sustained.phrase.map { [$0] } ?? [])
        }
        for target in throughput.latency {
            row("Latency", Self.latencyText(target), [target.phrase])
        }
        if let batch = throughput.batch { row("Load shape", "batch-oriented", [batch]) }
        if let burst = throughput.burst { row("Load shape", "bursty", [burst]) }
        for entry in facts.consistency.scopes {
            let scope = rules.vocabulary.scope(entry.scope)?.name ?? entry.scope
            let level = rules.vocabulary.level(entry.level)?.name ?? entry.level
            row(
                "Consistency: \(scope)",
                level + (entry.availabilityFirst ? ", availability first" : "") + (entry.explicit ? "" : " (stated for all scopes)"),
                [entry.phrase])
        }
        if let phrase = facts.consistency.consistencyFirst { row("CAP stance", "consistency over availability on the money path", [phrase]) }
        if let phrase = facts.consistency.atomicCommit { row("Atomicity", "atomic commit across resources", [phrase]) }
        if let phrase = facts.consistency.multiRegion { row("Regions", "multi-region", [phrase]) }
        return rows
    }

    func railRows(_ facts: DesignFacts) -> [[String: Any]] {
        facts.rails.map { mention in
            let className = rules.railClass(mention.railClass)?.name ?? mention.railClass
            if let rail = mention.id.flatMap(rules.rail) {
                return [
                    "name": rail.name, "className": className, "nativeKey": rail.nativeKey,
                    "hasChecks": !rail.checks.isEmpty, "checks": rail.checks.map { "**Reader check:** " + $0 }.joined(separator: " "),
                    "reconciliationArtefact": Self.cell(rail.reconciliationArtefact),
                ]
            }
            return [
                "name": MarkdownEscaper.inline(mention.name), "className": className,
                "nativeKey": "`Idempotency-Key` header (assumed)", "hasChecks": true,
                "checks": "**Reader check:** payarch has no sourced facts on this rail; confirm its key mechanism, key retention and duplicate-detection behaviour with the provider before relying on them.",
                "reconciliationArtefact": "the provider's settlement report (confirm its format)",
            ]
        }
    }

    func levelName(_ tier: ConsistencyFacts.Tier, scopes: [ConsistencyFacts.ScopeLevel]) -> String {
        let strongest = scopes.filter { $0.tier == tier.tier }.first
        let name = strongest.flatMap { rules.vocabulary.level($0.level)?.name } ?? "\(tier.tier) consistency"
        return tier.assumed ? name + ", assumed" : name
    }

    func addSizing(_ plan: DesignPlan, to context: inout [String: Any]) {
        let sizing = plan.sizing
        let format = ThroughputFormat.format
        let peak = plan.facts.throughput.designPeak
        context["peakTps"] = format(sizing.peakTps)
        context["peakDerivation"] = peak.phrase.map { "stated: " + MarkdownEscaper.quoted($0.text) + (peak.derivation.map { ", \($0)" } ?? "") } ?? "assumed"
        context["targetTps"] = format(sizing.peakTps * sizing.headroom)
        context["headroom"] = format(sizing.headroom) + "×"
        context["shards"] = format(Double(sizing.shards))
        context["paymentsPerShard"] = format(sizing.paymentsPerShard)
        context["peakPerShard"] = format(sizing.peakPerShard)
        context["eventsPerSecond"] = format(sizing.eventsPerSecond)
        context["eventsPerPayment"] = format(sizing.eventsPerPayment)
        context["streamPartitions"] = format(Double(sizing.streamPartitions))
        context["messagesPerPartition"] = format(sizing.messagesPerPartition)
        context["connectionsPerShard"] = format(Double(sizing.connectionsPerShard))
        context["databaseMilliseconds"] = format(sizing.databaseMilliseconds)
        context["processorConcurrency"] = format(Double(sizing.processorConcurrency))
        context["processorMilliseconds"] = format(sizing.processorMilliseconds)

        let throughput = plan.facts.throughput
        let target = throughput.latency.min { $0.milliseconds < $1.milliseconds }
        context["hasLatency"] = target != nil
        if let target {
            let deadline = max(50, target.milliseconds * 0.8 - sizing.databaseMilliseconds)
            context["latencyBudget"] = Self.latencyText(target)
            context["processorDeadline"] = format(deadline.rounded()) + " ms"
        } else {
            context["latencyBudget"] = "service's default request"
            context["processorDeadline"] = format(sizing.processorMilliseconds * 2) + " ms"
        }
        context["batch"] = throughput.batch != nil
        context["batchPhrase"] = throughput.batch.map { MarkdownEscaper.quoted($0.text) } ?? ""
    }
}
