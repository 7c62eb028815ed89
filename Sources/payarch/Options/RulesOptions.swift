import ArgumentParser
import PayarchKit

/// Where the rules come from, for the commands that read nothing else (`rails`, `rules`): the same
/// `--rules` and `--max-input-bytes` as `ResourceOptions`, and the same PAYARCH_HOME / installed / checkout
/// lookup, without the spec and template options those commands would ignore.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory of rules (rails, classes, decision tables). Default: the bundled rules.", valueName: "dir"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("Largest rules file accepted, in bytes.", valueName: "n"))
    var maxInputBytes: Int = YAMLLoader.defaultMaxBytes

    func validate() throws {
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
    }

    /// `--rules`, else the bundled rules directory.
    func locate() throws(PayarchError) -> String {
        if let rules { return rules }
        guard let bundle = try ResourceLocator.locate() else {
            throw PayarchError(
                .unreadable,
                Diagnostic(
                    at: nil, id: "resources.not-found",
                    "cannot find payarch's bundled rules",
                    notes: ["set PAYARCH_HOME to the directory holding rules/, or pass --rules"]))
        }
        return bundle.rulesDirectory
    }

    /// The rule book from `directory`, checked as for every other command.
    func load(_ directory: String) throws(PayarchError) -> RuleBook {
        try ResourceCache.fromEnvironment().rules(directory: directory, loader: RuleBookLoader(yaml: YAMLLoader(maxBytes: maxInputBytes)))
    }
}
