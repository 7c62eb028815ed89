import Foundation

/// Finds the bundled `rules/`, `templates/` and default spec from any working directory.
///
/// Search order: `PAYARCH_HOME`; the installed layout `<prefix>/share/payarch` next to `<prefix>/bin`;
/// the source checkout the binary was built from (what `swift run` uses).
public struct ResourceLocator: Sendable {
    public static let defaultSpecName = "examples/payment-gateway-idempotency-architect.prompt.yml"

    public var root: String

    /// The first candidate root that holds a `rules/` directory. A `PAYARCH_HOME` that is set but holds
    /// no rules is an error, never silently skipped: the user asked for those rules.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = ResourceLocator.currentExecutable(),
        sourceRoot: String = ResourceLocator.checkoutRoot()
    ) throws(PayarchError) -> ResourceLocator? {
        if let home = environment["PAYARCH_HOME"], !home.isEmpty {
            guard holdsRules(home) else {
                throw PayarchError(
                    .unreadable,
                    Diagnostic(
                        at: .file(home), id: "resources.home",
                        "PAYARCH_HOME names a directory without payarch's rules (no rules/rail-classes.yml)",
                        notes: ["point PAYARCH_HOME at the directory holding rules/ and templates/, or unset it"]))
            }
            return ResourceLocator(root: home)
        }
        var candidates: [String] = []
        if let executablePath {
            let binDirectory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(binDirectory.deletingLastPathComponent().appendingPathComponent("share/payarch").path)
        }
        candidates.append(sourceRoot)
        return candidates.first(where: holdsRules).map(ResourceLocator.init(root:))
    }

    static func holdsRules(_ root: String) -> Bool {
        FileManager.default.fileExists(atPath: root + "/rules/rail-classes.yml")
    }

    public var rulesDirectory: String { root + "/rules" }
    public var templatesDirectory: String { root + "/templates" }
    public var defaultSpec: String { root + "/" + Self.defaultSpecName }

    public static func currentExecutable() -> String? {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return CommandLine.arguments.first
    }

    /// The repository root of this source file's checkout: Sources/PayarchKit/Resources/ → three levels up.
    public static func checkoutRoot(file: String = #filePath) -> String {
        var url = URL(fileURLWithPath: file)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }
}
