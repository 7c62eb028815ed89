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

    /// Where the binaries the tests run keep their resource cache: one folder, reused from run to run (the
    /// cache keeps a bounded number of entries, so it does not grow).
    public static let cacheFolder = NSTemporaryDirectory() + "payarch-test-cache"

    /// This process's environment without `COLUMNS`, so the width of the terminal that runs the tests
    /// never changes what `payarch compare` prints; a test that wants a width passes an environment.
    public static var inheritedEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = nil
        return environment
    }

    public init(executable: String) {
        self.executable = executable
    }

    public func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil, standardInput: [UInt8]? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // The binary's resource cache goes to one folder of the test runs' own, not the user's cache.
        var environment = environment ?? Self.inheritedEnvironment
        if environment["PAYARCH_CACHE_DIR"] == nil { environment["PAYARCH_CACHE_DIR"] = Self.cacheFolder }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Standard input comes from a file, so no pipe, thread or SIGPIPE is involved and a child that
        // reads only part of it cannot block the test.
        var inputFile: String?
        defer { if let inputFile { unlink(inputFile) } }
        if let standardInput {
            let path = NSTemporaryDirectory() + "payarch-stdin-" + UUID().uuidString
            guard FileManager.default.createFile(atPath: path, contents: Data(standardInput)),
                let handle = FileHandle(forReadingAtPath: path)
            else { throw CocoaError(.fileWriteUnknown) }
            inputFile = path
            process.standardInput = handle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        // Drain both pipes together before waiting, so a large output on either cannot block the child;
        // read(2) is retried on EINTR (FileHandle's reader traps on it).
        let (outData, errData) = Self.drain(out.fileHandleForReading.fileDescriptor, err.fileHandleForReading.fileDescriptor)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Reads two descriptors to their ends, whichever has data first.
    public static func drain(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var buffers: [[UInt8]] = [[], []]
        var open = [true, true]
        let descriptors = [first, second]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while open.contains(true) {
            var polls = descriptors.enumerated().filter { open[$0.offset] }.map { pollfd(fd: $0.element, events: Int16(POLLIN), revents: 0) }
            if poll(&polls, nfds_t(polls.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in polls where entry.revents != 0 {
                guard let index = descriptors.firstIndex(of: entry.fd) else { continue }
                let count = read(entry.fd, &chunk, chunk.count)
                if count > 0 {
                    buffers[index] += chunk[..<count]
                } else if count == 0 || errno != EINTR {
                    open[index] = false
                }
            }
        }
        return (buffers[0], buffers[1])
    }
}
