import Foundation

/// The whole pipeline for one rule book and template set: analyse the inputs, decide, render. Built once,
/// used for any number of inputs (validate and compare generate several designs per run).
public struct DesignGenerator: Sendable {
    public let rules: RuleBook
    public let templates: TemplateSet
    let reader: InputReader
    let planner: DesignPlanner
    let views: DesignViewBuilder

    public init(rules: RuleBook, templates: TemplateSet) {
        self.rules = rules
        self.templates = templates
        reader = InputReader(rules: rules)
        planner = DesignPlanner(rules: rules)
        views = DesignViewBuilder(rules: rules)
    }

    /// Loads rules and templates from their directories, through `cache` (the default cache is off).
    public init(
        rulesDirectory: String, templatesDirectory: String, yaml: YAMLLoader = YAMLLoader(),
        cache: ResourceCache = ResourceCache(folder: nil)
    ) throws(PayarchError) {
        self.init(
            rules: try cache.rules(directory: rulesDirectory, loader: RuleBookLoader(yaml: yaml)),
            templates: try cache.templates(directory: templatesDirectory, maxBytes: yaml.maxBytes))
    }

    /// What the reader understood of one input set, with its warnings.
    public func read(_ inputs: InputSet) throws(PayarchError) -> InputReader.Reading {
        try reader.read(inputs)
    }

    /// Facts and decisions for one input set, plus non-fatal warnings (what was read with a doubt).
    public func plan(_ inputs: InputSet) throws(PayarchError) -> (DesignPlan, [Diagnostic]) {
        let reading = try reader.read(inputs)
        if let error = reader.unusableThroughput(reading, locations: inputs) { throw error }
        return (try planner.plan(reading.facts), reading.warnings.map { $0.diagnostic(in: inputs) })
    }

    /// The typed view of a plan: what the document says, resolved once.
    public func view(_ plan: DesignPlan) throws(PayarchError) -> DesignView {
        try views.build(plan)
    }

    public func markdown(_ plan: DesignPlan) throws(PayarchError) -> String {
        try templates.render(try context(plan))
    }

    /// The Mustache context of a plan: its view as plain values, plus the template flags.
    public func context(_ plan: DesignPlan) throws(PayarchError) -> [String: Any] {
        let view = try views.build(plan)
        var context: [String: Any]
        do {
            context = try MustacheEncoder.encode(view)
        } catch {
            throw PayarchError.data(at: nil, id: "template.context", "cannot build the template context: \(error)")
        }
        for (flag, value) in TemplateFlags.flags(plan: plan, rules: rules) { context[flag] = value }
        return context
    }

    /// The plan as JSON in the documented `payarch.design/2` shape, keys sorted; `compact` writes it on one
    /// line (for JSON Lines).
    public func json(_ plan: DesignPlan, inputs: InputSet, warnings: [Diagnostic], compact: Bool = false) throws(PayarchError) -> String {
        let report = DesignReport(plan: plan, view: try views.build(plan), inputs: inputs, warnings: warnings)
        do {
            return try JSONOutput.encode(report, compact: compact)
        } catch {
            throw PayarchError.data(at: nil, id: "output.json", "cannot encode the design as JSON: \(error)")
        }
    }
}
