import ArgumentParser

@main
struct PayarchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payarch",
        abstract: "Designs strictly idempotent payment architectures from a prompt spec, offline and deterministically.",
        discussion: """
            Exit codes: 0 success, 64 usage, 65 bad data (spec, input, rules, templates), \
            66 a file that cannot be read, 73 output that cannot be written; validate exits 1 when a check fails.
            """,
        subcommands: [GenerateCommand.self, ValidateCommand.self, CompareCommand.self]
    )
}
