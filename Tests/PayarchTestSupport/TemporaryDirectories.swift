import Foundation
import Testing

/// Temporary folders for tests, each removed when the test that made it ends, so a `swift test` run
/// leaves nothing in `$TMPDIR`. A suite opts in with `@Suite(.temporaryDirectories)`; inside it
/// `Repository.temporaryDirectory()` makes a fresh `payarch-test-<UUID>` folder that goes away with the
/// test case, whether it passed, failed or threw. Outside such a scope `temporaryDirectory()` throws
/// rather than leak a folder.
public enum TemporaryDirectories {
    /// The folders made in the current test case, removed together when it ends.
    public final class Scope: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []  // guarded by lock

        public init() {}

        /// Makes a uniquely named folder under `$TMPDIR` that this scope will remove.
        public func make() throws -> String {
            let path = NSTemporaryDirectory() + "payarch-test-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            lock.withLock { paths.append(path) }
            return path
        }

        /// Removes every folder made so far; returns the ones that could not be removed.
        func removeAll() -> [String] {
            let made = lock.withLock {
                defer { paths.removeAll() }
                return paths
            }
            return made.filter { !TemporaryDirectories.remove($0) }
        }
    }

    /// Thrown by `Repository.temporaryDirectory()` outside a scope.
    public struct NoScope: Error, CustomStringConvertible {
        public var description: String {
            "a temporary directory was asked for outside a scope: add .temporaryDirectories to the suite "
                + "or use TemporaryDirectories.withTemporaryDirectory { }"
        }
    }

    @TaskLocal public static var current: Scope?

    /// Runs `body` with a fresh scope and removes every folder made in it when `body` returns or throws.
    /// A folder that cannot be removed is a test issue.
    public static func withScope<Result>(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Result
    ) async throws -> Result {
        let scope = Scope()
        defer {
            for path in scope.removeAll() {
                Issue.record("could not remove the temporary directory \(path)", sourceLocation: sourceLocation)
            }
        }
        return try await $current.withValue(scope) { try await body() }
    }

    /// A fresh folder for `body` alone, removed when `body` returns or throws.
    public static func withTemporaryDirectory<Result>(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: (String) throws -> Result
    ) throws -> Result {
        let scope = Scope()
        defer {
            for path in scope.removeAll() {
                Issue.record("could not remove the temporary directory \(path)", sourceLocation: sourceLocation)
            }
        }
        return try body(try scope.make())
    }

    /// Removes a folder tree without following symbolic links. Folders a test made unreadable or
    /// unwritable get their owner's permissions back first. True when nothing is left.
    @discardableResult
    static func remove(_ path: String) -> Bool {
        let manager = FileManager.default
        if (try? manager.removeItem(atPath: path)) != nil { return true }
        restorePermissions(path)
        try? manager.removeItem(atPath: path)
        var status = stat()
        return lstat(path, &status) != 0 && errno == ENOENT
    }

    private static func restorePermissions(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        chmod(path, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            restorePermissions(path + "/" + name)
        }
    }
}

/// Gives each test case of the suite (or test) it is applied to a `TemporaryDirectories` scope.
public struct TemporaryDirectoriesTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// Only test cases get a scope: a folder lives as long as the test case that made it.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await TemporaryDirectories.withScope(sourceLocation: test.sourceLocation) { try await function() }
    }
}

extension Trait where Self == TemporaryDirectoriesTrait {
    /// Temporary folders made by the tests are removed when each test case ends.
    public static var temporaryDirectories: Self { Self() }
}
