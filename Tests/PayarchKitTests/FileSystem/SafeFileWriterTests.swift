import Foundation
import PayarchTestSupport
import Testing
@testable import PayarchKit
import CExtendedAttributes

#if canImport(Glibc)
    import Glibc
#endif

/// `SafeFileWriter`: every way an output path can be hostile or unlucky, in a temporary folder.
@Suite(.temporaryDirectories) struct SafeFileWriterTests {
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
        let identities = try #require(FileIdentity.all(under: rules))
        #expect(identities.contains(try #require(FileIdentity.of(rules + "/decisions/table.yml"))))
        let inputs = ProtectedInputs(trees: [rules])
        for path in [rules + "/decisions/table.yml", rules + "/decisions/new.yml", rules + "/design.md"] {
            let failure = try #require(error { () throws(PayarchError) in _ = try SafeFileWriter.prepare(path, protecting: inputs) })
            #expect(failure.diagnostics.first?.id == "output.is-input", "\(path)")
        }
        #expect(Repository.read(rules + "/decisions/table.yml") == "id: x\n")
    }

    /// The refusal does not depend on how many files the tree holds (a `rules/.git` has thousands).
    @Test func aProtectedTreeStaysProtectedHoweverManyFilesItHolds() throws {
        let rules = directory + "/rules"
        let archive = rules + "/decisions/archive"
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        for index in 0..<10_050 { _ = FileManager.default.createFile(atPath: archive + "/\(index)", contents: nil) }
        try Repository.write("id: x\n", to: rules + "/consistency.yml")
        try Repository.write("id: y\n", to: rules + "/decisions/zz.yml")
        for path in [rules + "/consistency.yml", rules + "/decisions/zz.yml"] {
            let failure = try #require(error { () throws(PayarchError) in
                try SafeFileWriter.prepare(path, protecting: ProtectedInputs(trees: [rules])).write("design")
            })
            #expect(failure.diagnostics.first?.id == "output.is-input")
        }
        #expect(Repository.read(rules + "/consistency.yml") == "id: x\n")
    }

    /// A hard link outside the tree to a file inside it is found; a tree too large to search is a refusal.
    @Test func aHardLinkToAProtectedFileIsRefusedEvenWhenTheTreeIsTooLargeToSearch() throws {
        let rules = directory + "/rules"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try Repository.write("id: x\n", to: rules + "/consistency.yml")
        #expect(link(rules + "/consistency.yml", directory + "/hard.yml") == 0)
        let failure = try #require(error { () throws(PayarchError) in
            _ = try SafeFileWriter.prepare(directory + "/hard.yml", protecting: ProtectedInputs(trees: [rules]))
        })
        #expect(failure.diagnostics.first?.id == "output.is-input")
        #expect(FileIdentity.all(under: rules, limit: 1) == nil, "more files than the limit is reported, not truncated")
        // An unrelated file with two names is fine.
        try Repository.write("old\n", to: directory + "/mine.md")
        #expect(link(directory + "/mine.md", directory + "/mine-too.md") == 0)
        try SafeFileWriter.prepare(directory + "/mine.md", protecting: ProtectedInputs(trees: [rules])).write("new\n")
        #expect(read(directory + "/mine.md") == "new\n")
    }

    @Test func aTrailingSlashOnAFileSaysItIsAFile() throws {
        try Repository.write("keep\n", to: directory + "/file")
        let failure = try #require(error { () throws(PayarchError) in try write("x", to: directory + "/file/") })
        #expect(failure.diagnostics.first?.id == "output.not-a-directory")
        #expect(read(directory + "/file") == "keep\n")
    }

    @Test func aSymlinkIntoAMissingDirectoryNamesThatDirectory() throws {
        try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: "real/missing/x.md")
        let failure = try #require(error { () throws(PayarchError) in try write("x", to: directory + "/link") })
        #expect(failure.diagnostics.first?.notes.first?.contains("real/missing does not exist") == true, "\(failure)")
    }

    @Test func aReplacedFileKeepsItsOwnerAndGroup() throws {
        guard geteuid() == 0 else { return }  // only root may give a file to another user
        let path = directory + "/shared.md"
        try Repository.write("alice's notes\n", to: path)
        #expect(chown(path, 1000, 1000) == 0)
        try write("design\n", to: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_uid == 1000 && info.st_gid == 1000)
        #expect(read(path) == "design\n")
    }

    @Test func aReplacedFileKeepsItsExtendedAttributes() throws {
        let path = directory + "/tagged.md"
        try Repository.write("old\n", to: path)
        let value = Array("kept".utf8)
        guard setxattr(path, "user.payarch-test", value, value.count, 0) == 0 else { return }  // no user xattrs here
        try write("new\n", to: path)
        var buffer = [UInt8](repeating: 0, count: 16)
        let length = getxattr(path, "user.payarch-test", &buffer, buffer.count)
        #expect(length == 4 && Array(buffer[0..<4]) == value)
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
