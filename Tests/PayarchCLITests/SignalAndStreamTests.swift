import Foundation
import PayarchTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What happens to the output when the process is signalled, a pipe closes, a file-size limit is hit, or
/// stdout and stderr cannot be written: never a crash, never a half-written or leftover file.
@Suite(.serialized, .temporaryDirectories) struct SignalAndStreamTests {
    let payarch = BinaryRunner.built

    func sandbox() throws -> String {
        let directory = try Repository.temporaryDirectory()
        try Repository.write("original\n", to: directory + "/out.md")
        return directory
    }

    func leftovers(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".payarch-") }
    }

    /// Every signal that would end the process while the temporary file is written but not yet renamed:
    /// the process dies by that signal, the original is intact, and no temporary file is left.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU])
    func aSignalMidWriteRemovesTheTemporaryFile(_ number: Int32) throws {
        let directory = try sandbox()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: payarch.executable)
        process.arguments = ["generate", "--output", directory + "/out.md"]
        var environment = ProcessInfo.processInfo.environment
        environment["PAYARCH_TEST_HOLD_WRITE_MS"] = "5000"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waited = 0
        while try leftovers(directory).isEmpty, waited < 400 {
            usleep(25_000)
            waited += 1
        }
        #expect(try !leftovers(directory).isEmpty, "the temporary file appeared")
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == number)
        #expect(Repository.read(directory + "/out.md") == "original\n")
        #expect(try leftovers(directory).isEmpty)
    }

    /// A file-size limit (SIGXFSZ is ignored, so the write fails with EFBIG) is a write error, exit 73.
    @Test func aFileSizeLimitIsAWriteErrorNotADeath() throws {
        let directory = try sandbox()
        let result = try BinaryRunner(executable: "/bin/sh").run(
            ["-c", "ulimit -f 8; exec \"$0\" generate --output out.md", payarch.executable], in: directory)
        #expect(result.status == 73)
        #expect(result.stderr.contains("out.md: error: [output.write] cannot write the output: File too large"))
        #expect(Repository.read(directory + "/out.md") == "original\n")
        #expect(try leftovers(directory).isEmpty)
    }

    /// A reader that goes away (SIGPIPE is ignored, so the write fails with EPIPE) is exit 73, on a FIFO
    /// and on stdout.
    @Test func aClosedPipeIsAWriteErrorNotADeath() throws {
        let directory = try sandbox()
        #expect(mkfifo(directory + "/fifo", 0o600) == 0)
        // A document far larger than a pipe's buffer, so the writer is still writing when the reader leaves.
        try Repository.write("# T\n" + String(repeating: "word ", count: 100_000) + "\n", to: directory + "/doc.md")
        let script = """
            (head -c 10 fifo > /dev/null) & sleep 0.3
            "$0" validate --document doc.md --format json --output fifo; echo "fifo=$?"
            """
        let fifo = try BinaryRunner(executable: "/bin/bash").run(["-c", script, payarch.executable], in: directory)
        #expect(fifo.stdout.contains("fifo=73"), "\(fifo.stdout) \(fifo.stderr)")
        #expect(fifo.stderr.contains("fifo: error: [output.write] cannot write the output: Broken pipe"))
        let piped = try BinaryRunner(executable: "/bin/bash").run(
            ["-c", "\"$0\" validate --document doc.md --format json | head -c 10 > /dev/null; echo \"status=${PIPESTATUS[0]}\"", payarch.executable],
            in: directory)
        #expect(piped.stdout.contains("status=73"))
        #expect(piped.stderr.contains("error: [output.write] cannot write to standard output: Broken pipe"))
    }

    @Test func aFullOrClosedStdoutIsAWriteErrorNotACrash() throws {
        let full = try BinaryRunner(executable: "/bin/sh").run(["-c", "\"$0\" generate > /dev/full; echo \"status=$?\"", payarch.executable])
        #expect(full.stdout.contains("status=73"))
        #expect(full.stderr.contains("cannot write to standard output: No space left on device"))
        #expect(!full.stderr.contains("Fatal error"))
        let closed = try BinaryRunner(executable: "/bin/sh").run(["-c", "\"$0\" generate >&-; echo \"status=$?\"", payarch.executable])
        #expect(closed.stdout.contains("status=73"))
        #expect(!closed.stderr.contains("Fatal error"))
        // With stderr unwritable there is nowhere to report, but the exit code still says what happened.
        let quiet = try BinaryRunner(executable: "/bin/sh").run(["-c", "\"$0\" generate --case 0 2>/dev/full; echo \"status=$?\"", payarch.executable])
        #expect(quiet.stdout.contains("status=64"))
    }

    /// `/dev/stdout` is a FIFO or device however it is reached, so it is written in place.
    @Test func devStdoutIsWrittenInPlaceEvenThroughAPipe() throws {
        let result = try BinaryRunner(executable: "/bin/sh").run(
            ["-c", "\"$0\" generate --output /dev/stdout | wc -c; echo \"status=$?\"", payarch.executable])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let count = Int(result.stdout.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
        #expect(count > 1_000)
    }
}
