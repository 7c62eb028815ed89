import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit

#if canImport(Glibc)
    import Glibc
#endif

/// `SafeFileWriter`: every way an output path can be hostile or unlucky, in a temporary folder.
@Suite struct SafeFileWriterTests {
    let directory: String

    init() throws {
        directory = try Repository.temporaryDirectory()
    }

    func write(_ text: String, to path: String, protecting: [String] = [], failingAfter fault: Int? = nil) throws(PayarchError) {
        let writer = try SafeFileWriter.prepare(path, protecting: protecting.compactMap(FileIdentity.of))
        try writer.write(Array(text.utf8), failingAfter: fault)
    }

    func read(_ path: String) -> String? { Repository.read(path) }

    /// Every entry of the folder, so a leftover temporary file shows up.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    func error(_ body: () throws(PayarchError) -> Void) -> PayarchError? {
        do throws(PayarchError) {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func overwritingAnExistingFileReplacesItWhole() throws {
        let path = directory + "/design.md"
        try write("first version, longer than the second\n", to: path)
        try write("second\n", to: path)
        #expect(read(path) == "second\n")
        try write("third\n", to: path)
        #expect(read(path) == "third\n")
        #expect(try entries() == ["design.md"])
    }

    /// Relative `.` and `..` are covered end to end (the binary runs in a folder of its own).
    @Test(arguments: ["/.", "/..", "", "/sub", "/sub/", "/sub/.", "/sub/.."])
    func aDirectoryIsRefusedAndKept(_ name: String) throws {
        let sub = directory + "/sub"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        try Repository.write("precious\n", to: sub + "/keep.txt")
        let path = name.isEmpty ? "" : directory + name
        let failure = try #require(error { () throws(PayarchError) in try write("x", to: path) })
        #expect(failure.diagnostics.first?.id == (name.isEmpty ? "output.empty-path" : "output.is-directory"))
        #expect(failure.kind == (name.isEmpty ? .usage : .cannotWrite))
        #expect(read(sub + "/keep.txt") == "precious\n")
        #expect(try entries() == ["sub"])
    }

    @Test func anInputFileIsNeverTheOutputByPathSymlinkOrHardLink() throws {
        let input = directory + "/in.yml"
        try Repository.write("payment_rails: Stripe\n", to: input)
        try FileManager.default.createSymbolicLink(atPath: directory + "/alias.yml", withDestinationPath: "in.yml")
        #expect(link(input, directory + "/hard.yml") == 0)
        for path in [input, directory + "/alias.yml", directory + "/hard.yml", directory + "/./in.yml"] {
            let failure = try #require(error { () throws(PayarchError) in try write("design", to: path, protecting: [input]) })
            #expect(failure.diagnostics.first?.id == "output.is-input")
            #expect(failure.kind == .usage)
        }
        #expect(read(input) == "payment_rails: Stripe\n")
    }

    @Test func filesUnderAProtectedDirectoryAreProtected() throws {
        let rules = directory + "/rules"
        try FileManager.default.createDirectory(atPath: rules + "/decisions", withIntermediateDirectories: true)
        try Repository.write("id: x\n", to: rules + "/decisions/table.yml")
        let identities = FileIdentity.all(under: rules)
        #expect(identities.contains(try #require(FileIdentity.of(rules + "/decisions/table.yml"))))
        let failure = try #require(
            error { () throws(PayarchError) in _ = try SafeFileWriter.prepare(rules + "/decisions/table.yml", protecting: identities) })
        #expect(failure.diagnostics.first?.id == "output.is-input")
    }

    @Test func aSymlinkWritesItsTargetAndStaysALink() throws {
        try Repository.write("old\n", to: directory + "/target.md")
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.md", withDestinationPath: "target.md")
        try write("new\n", to: directory + "/link.md")
        #expect(read(directory + "/target.md") == "new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link.md") == "target.md")
        #expect(try entries() == ["link.md", "target.md"])
    }

    @Test func aDanglingSymlinkCreatesItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.md", withDestinationPath: "created.md")
        try write("made\n", to: directory + "/link.md")
        #expect(read(directory + "/created.md") == "made\n")
    }

    @Test func aSymlinkLoopIsReportedAsALoop() throws {
        try FileManager.default.createSymbolicLink(atPath: directory + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: directory + "/b", withDestinationPath: "a")
        let failure = try #require(error { () throws(PayarchError) in try write("x", to: directory + "/a") })
        #expect(failure.diagnostics.first?.id == "output.symlink-loop")
    }

    @Test func aWriteThatFailsHalfWayLeavesTheOldFileAndNoTemporaryFile() throws {
        let path = directory + "/design.md"
        try write("the previous design\n", to: path)
        let failure = try #require(
            error { () throws(PayarchError) in try write(String(repeating: "x", count: 100_000), to: path, failingAfter: 50_000) })
        #expect(failure.kind == .cannotWrite)
        #expect(failure.diagnostics.first?.id == "output.write")
        #expect(failure.diagnostics.first?.notes.contains("any existing file at this path is unchanged") == true)
        #expect(read(path) == "the previous design\n")
        #expect(try entries() == ["design.md"])
    }

    @Test func aMissingDirectoryIsNamedWithTheSystemReason() throws {
        let failure = try #require(error { () throws(PayarchError) in try write("x", to: directory + "/none/x.md") })
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.message.hasSuffix(": No such file or directory"))
        #expect(diagnostic.notes.first == "the directory \(directory)/none does not exist; create it first")
        #expect(diagnostic.location == .file(directory + "/none/x.md"))
    }

    @Test func aLongOutputNameStillGetsAShortTemporaryFile() throws {
        let name = String(repeating: "n", count: 250) + ".md"
        try write("long\n", to: directory + "/" + name)
        #expect(read(directory + "/" + name) == "long\n")
    }

    @Test func anExistingFileKeepsItsPermissionsAndANewFileFollowsTheUmask() throws {
        let existing = directory + "/script.md"
        try write("a\n", to: existing)
        #expect(chmod(existing, 0o640) == 0)
        try write("b\n", to: existing)
        var info = stat()
        #expect(stat(existing, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o640)
        let mask = umask(0o027)
        defer { umask(mask) }
        try write("c\n", to: directory + "/fresh.md")
        #expect(stat(directory + "/fresh.md", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o640)
    }

    @Test func aFIFOWithoutAReaderFailsAtOnceInsteadOfHanging() throws {
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        let failure = try #require(error { () throws(PayarchError) in try write("x", to: fifo) })
        #expect(failure.diagnostics.first?.message.hasPrefix("the FIFO has no reader") == true)
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aFIFOWithAReaderIsWrittenInPlace() throws {
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try write("through the pipe\n", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = Glibc.read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer[..<max(0, count)], as: UTF8.self) == "through the pipe\n")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aCharacterDeviceIsWrittenInPlaceNeverReplaced() throws {
        let device = directory + "/null"
        // A null device node made in the temporary folder (needs root; skipped otherwise).
        guard mknod(device, S_IFCHR | 0o666, (1 << 8) | 3) == 0 else { return }
        try write("discarded\n", to: device)
        var info = stat()
        #expect(stat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        #expect(try entries() == ["null"])
    }

    @Test func concurrentWritersEachLeaveACompleteFileAndNoTemporaryFiles() async throws {
        let path = directory + "/design.md"
        let versions = (0..<20).map { String(repeating: "version \($0)\n", count: 2_000 + $0) }
        await withTaskGroup(of: Void.self) { group in
            for version in versions {
                group.addTask {
                    _ = try? SafeFileWriter.prepare(path, protecting: []).write(Array(version.utf8))
                }
            }
        }
        let result = try #require(read(path))
        #expect(versions.contains(result))
        #expect(try entries() == ["design.md"])
    }
}
