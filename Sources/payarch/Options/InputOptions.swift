import ArgumentParser
import PayarchKit

/// The input variables: a file, `--var` overrides, or a spec testData case.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("YAML file mapping variable names to strings.", valueName: "file"))
    var input: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set one variable; repeatable; overrides --input and --case.", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp("Use the spec's testData case N (1-based). Default when no other input is given: 1.", valueName: "n"))
    var caseNumber: Int?

    func validate() throws {
        if let caseNumber, caseNumber < 1 {
            throw ValidationError("--case must be 1 or more")
        }
    }

    /// Layers in increasing priority: testData case, input file, --var.
    func resolve(spec: PromptSpec, resources: ResourceOptions) throws(PayarchError) -> InputSet {
        let resolver = InputResolver(spec: spec, yaml: resources.yaml)
        var layers: [[InputValue]] = []
        var origins: [String] = []
        let number = caseNumber ?? (input == nil && variables.isEmpty ? 1 : nil)
        if let number {
            layers.append(try resolver.values(fromCase: number))
            origins.append("case:\(number)")
        }
        if let input {
            layers.append(try resolver.values(fromFile: try resources.read(input)))
            origins.append(input)
        }
        if !variables.isEmpty {
            layers.append(try variables.map { argument throws(PayarchError) in try InputResolver.commandLineValue(argument) })
            origins.append("--var")
        }
        return try resolver.resolve(layers: layers, origin: origins.joined(separator: " + "))
    }
}
