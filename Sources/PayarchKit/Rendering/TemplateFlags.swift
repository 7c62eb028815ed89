/// The Boolean flags the templates switch on, generated from the values each decision table declares
/// (`RuleBookLoader.enumeratedOutputs`) and from the rail classes and families: `patternSaga`,
/// `engineSpanner`, `storeKindSinglePrimary`, `postingAsynchronous`, `modeHomeRegion`, `modelCrdt`,
/// `classDirectDebit`, `familyBankBatch`. Every declared value gets a flag, true or false, so a template
/// that names one never hits a missing key; no template compares strings.
public enum TemplateFlags {
    public static func flags(plan: DesignPlan, rules: RuleBook) -> [String: Bool] {
        var flags: [String: Bool] = [:]
        for (table, outputs) in RuleBookLoader.enumeratedOutputs {
            let chosen = plan.decision(table)
            for (output, values) in outputs {
                for value in values { flags[name(output, value)] = chosen?.text(output) == value }
            }
        }
        let classes = Set(plan.facts.rails.map(\.railClass))
        for railClass in rules.railClasses { flags[name("class", railClass.id)] = classes.contains(railClass.id) }
        let families = Set(plan.facts.rails.map(\.family))
        for family in rules.families { flags[name("family", family.id)] = families.contains(family.id) }
        return flags
    }

    /// `("storeKind", "single-primary")` → `storeKindSinglePrimary`.
    public static func name(_ prefix: String, _ value: String) -> String {
        prefix + value.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
