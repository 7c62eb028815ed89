import Foundation

/// Runs the built `payarch` binary as a process, as a user would.
public struct BinaryRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public var executable: String

    /// The binary next to the running test bundle (same build directory), else the default debug build.
    public static let built: BinaryRunner = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || directory.pathExtension == "xctest" {
            directory = directory.deletingLastPathComponent()
        }
        let candidate = directory.appendingPathComponent("payarch").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return BinaryRunner(executable: candidate) }
        return BinaryRunner(executable: Repository.root + "/.build/debug/payarch")
    }()

    public init(executable: String) {
        self.executable = executable
    }

    public func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
