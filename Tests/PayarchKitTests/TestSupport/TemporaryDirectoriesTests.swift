import Foundation
import PayarchTestSupport
import Testing

/// The test suite's temporary folders are removed when their test ends, whatever the test did with them.
@Suite struct TemporaryDirectoriesTests {
    struct Thrown: Error {}

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    @Test func aFolderIsRemovedWhenTheBodyReturns() throws {
        let path = try TemporaryDirectories.withTemporaryDirectory { path in
            try Repository.write("x", to: path + "/file.txt")
            #expect(Self.exists(path + "/file.txt"))
            return path
        }
        #expect(!Self.exists(path))
    }

    @Test func aFolderIsRemovedEvenWhenTheBodyThrows() throws {
        var made: String?
        #expect(throws: Thrown.self) {
            try TemporaryDirectories.withTemporaryDirectory { path in
                made = path
                try Repository.write("x", to: path + "/file.txt")
                throw Thrown()
            }
        }
        let path = try #require(made)
        #expect(path.hasPrefix(NSTemporaryDirectory()))
        #expect(!Self.exists(path))
    }

    @Test func aScopeRemovesEveryFolderMadeInItEvenWhenTheBodyThrows() async throws {
        let outside = try await TemporaryDirectories.withScope {
            let keep = try Repository.temporaryDirectory()
            try Repository.write("kept", to: keep + "/target.txt")
            var made: [String] = []
            await #expect(throws: Thrown.self) {
                try await TemporaryDirectories.withScope {
                    for _ in 0..<3 { made.append(try Repository.temporaryDirectory()) }
                    // What tests leave inside: nested folders, an unwritable folder, a FIFO, links out.
                    try FileManager.default.createDirectory(atPath: made[0] + "/a/b", withIntermediateDirectories: true)
                    try Repository.write("x", to: made[0] + "/a/b/file.txt")
                    #expect(chmod(made[0] + "/a", 0) == 0)
                    #expect(mkfifo(made[1] + "/fifo", 0o600) == 0)
                    #expect(symlink(keep, made[2] + "/outside") == 0)
                    #expect(symlink(made[2] + "/loop", made[2] + "/loop") == 0)
                    throw Thrown()
                }
            }
            #expect(made.count == 3)
            for path in made { #expect(!Self.exists(path), "\(path) was left behind") }
            // Links are removed, never followed; the outer scope's folder is still there.
            #expect(Repository.read(keep + "/target.txt") == "kept")
            return keep
        }
        #expect(!Self.exists(outside))
    }

    @Test func outsideAScopeNoFolderIsMade() {
        #expect(TemporaryDirectories.current == nil)
        #expect(throws: TemporaryDirectories.NoScope.self) { try Repository.temporaryDirectory() }
    }

    @Suite(.temporaryDirectories) struct WithTheTrait {
        @Test(arguments: [1, 2])
        func eachTestCaseHasItsOwnScope(_ number: Int) throws {
            let scope = try #require(TemporaryDirectories.current)
            let path = try Repository.temporaryDirectory()
            #expect(Self.isDirectory(path), "case \(number)")
            #expect(TemporaryDirectories.current === scope)
        }

        static func isDirectory(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}
