import ArgumentParser
import PayarchKit

/// The input variables: files, `--var` overrides, or a spec testData case.
struct InputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "YAML file mapping variable names to strings; repeatable (one design each); - reads standard input.",
            valueName: "file"))
    var input: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp("Set one variable; repeatable; overrides --input and --case.", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp("Use the spec's testData case N (1-based). Default when no other input is given: 1.", valueName: "n"))
    var caseNumber: Int?

    func validate() throws {
        if let caseNumber, caseNumber < 1 {
            throw ValidationError("--case must be 1 or more")
        }
        if input.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be read only once; give --input - at most once")
        }
    }

    /// The variables for one input file (or none): layers in increasing priority, testData case, the
    /// file, --var.
    func resolve(spec: PromptSpec, resources: ResourceOptions, file: String?) throws(PayarchError) -> InputSet {
        try resolve(spec: spec, resources: resources, source: file.map { path throws(PayarchError) in try resources.read(path) }, label: file)
    }

    /// The variables for one input already read (a file, or one line of JSON Lines).
    func resolve(spec: PromptSpec, resources: ResourceOptions, source: SourceFile?, label: String?) throws(PayarchError) -> InputSet {
        let resolver = InputResolver(spec: spec, yaml: resources.yaml)
        var layers: [[InputValue]] = []
        var origins: [String] = []
        let number = caseNumber ?? (source == nil && variables.isEmpty ? 1 : nil)
        if let number {
            layers.append(try resolver.values(fromCase: number))
            origins.append("case:\(number)")
        }
        if let source {
            layers.append(try resolver.values(fromFile: source))
            origins.append(label ?? source.path)
        }
        if !variables.isEmpty {
            layers.append(try variables.map { argument throws(PayarchError) in try InputResolver.commandLineValue(argument) })
            origins.append("--var")
        }
        return try resolver.resolve(layers: layers, origin: origins.joined(separator: " + "))
    }
}
