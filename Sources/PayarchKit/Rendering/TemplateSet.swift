import Foundation
import Mustache

/// The Mustache templates of a `templates/` directory, checked and ready to render as plain text.
///
/// swift-mustache fails silently in three ways that payarch turns into errors: output is HTML-escaped
/// unless each template says otherwise (every template gets the TEXT content type), a missing partial
/// renders as nothing (partials are checked at load), and a missing key renders as "" (the render
/// context records every name it could not resolve).
public struct TemplateSet: Sendable {
    public static let rootName = "design"
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    let library: MustacheLibrary
    let cost: TemplateCost
    public let names: [String]
    public let directory: String

    /// More template files than any real design needs; a directory with more is a mistake.
    public static let maxTemplates = 1_000
    /// All templates together; the bundled ones hold about 40 KB.
    public static let maxTotalBytes = 4 << 20

    /// Loads and checks a templates directory. `checked` skips the checks (lint, partial cycles, nesting
    /// depth) for a set the `ResourceCache` saw pass them; parsing and the render-time bounds still apply.
    public static func load(directory: String, maxBytes: Int = YAMLLoader.defaultMaxBytes, checked: Bool = false)
        throws(PayarchError) -> TemplateSet
    {
        let files = try templateFiles(in: directory)
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        var sources: [(name: String, path: String, text: String, source: SourceFile)] = []
        var total = 0
        for relative in files {
            let path = directory + "/" + relative
            let source = try SourceFile.read(path, maxBytes: maxBytes)
            total += source.bytes.count
            if total > maxTotalBytes {
                throw PayarchError.data(
                    at: .file(directory), id: "template.too-large",
                    "the templates add up to more than \(maxTotalBytes) bytes; payarch loads at most that")
            }
            let text = try source.text(id: "template.encoding", what: "the template")
            sources.append((String(relative.dropLast(".mustache".count)), path, text, source))
        }
        let names = sources.map(\.name)
        // The lint runs first: swift-mustache's parser recurses per section, so a template nested too
        // deeply must never reach it.
        for source in sources where !checked {
            problems += TemplateLint.problems(in: source.text, path: source.path, knownPartials: Set(names))
        }
        if !problems.isEmpty { throw PayarchError(.data, problems) }
        for source in sources {
            do {
                library.register(try MustacheTemplate(string: textPragma + source.text), named: source.name)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - textPragma.count) : error.context.columnNumber
                problems.append(
                    source.source.diagnostic(line: line, column: column, id: "template.syntax", "\(error.error)"))
            } catch {
                problems.append(Diagnostic(at: .file(source.path), id: "template.syntax", "\(error)"))
            }
        }
        let graph = checked ? [:] : Dictionary(sources.map { ($0.name, TemplateLint.partials(in: $0.text)) }, uniquingKeysWith: { $0 + $1 })
        if problems.isEmpty, let cycle = TemplateLint.partialCycle(in: graph) {
            let first = sources.first { $0.name == cycle[0] }
            problems.append(
                Diagnostic(
                    at: SourceLocation.file(first?.path ?? directory), id: "template.partial-cycle",
                    "partials include or inherit from each other in a cycle: " + cycle.joined(separator: " → ")))
        }
        let cost = TemplateCost(sources: sources.map { ($0.name, $0.text) })
        if problems.isEmpty, !checked, names.contains(rootName) {
            let (depth, chain) = cost.depth(from: rootName)
            if depth > TemplateCost.maxDepth {
                let first = sources.first { $0.name == chain.last }
                problems.append(
                    Diagnostic(
                        at: SourceLocation.file(first?.path ?? directory), id: "template.too-deep",
                        "sections and partials nest \(depth) levels deep through " + chain.joined(separator: " → ")
                            + "; payarch renders at most \(TemplateCost.maxDepth)"))
            }
        }
        if !names.contains(rootName) {
            problems.append(
                Diagnostic(
                    at: SourceLocation.file(directory), id: "template.missing-root",
                    "no \(rootName).mustache in the templates directory"))
        }
        if !problems.isEmpty { throw PayarchError(.data, problems) }
        return TemplateSet(library: library, cost: cost, names: names, directory: directory)
    }

    /// Renders the root template; any name the templates use that the context lacks is an error.
    public func render(_ context: [String: Any]) throws(PayarchError) -> String {
        let bound = cost.renderedBytes(from: Self.rootName, context: context)
        if bound > TemplateCost.maxBytes {
            throw PayarchError.data(
                at: SourceLocation.file(directory), id: "template.too-large",
                "with this design's lists the templates could render up to \(bound == Int.max ? "more than \(Int.max)" : "\(bound)") bytes; payarch renders at most \(TemplateCost.maxBytes)",
                notes: ["nested sections over lists and partials included many times multiply; flatten them"])
        }
        let root = RecordingContext(context)
        guard let text = library.render(root, withTemplate: Self.rootName) else {
            throw PayarchError.data(at: nil, id: "template.missing-root", "no \(Self.rootName) template")
        }
        let missing = root.missingNames
        if !missing.isEmpty {
            throw PayarchError.data(
                at: SourceLocation.file(directory), id: "template.missing-key",
                "the templates use " + missing.map { "'\($0)'" }.joined(separator: ", ")
                    + " but the design context has no such key",
                notes: ["keys: " + context.keys.sorted().joined(separator: ", ")])
        }
        return Self.tidy(text)
    }

    /// Trims trailing spaces, folds runs of blank lines into one, and ends with exactly one newline.
    /// Works on UTF-8 bytes: the characters it looks at (space, tab, line feed) are ASCII, so a byte
    /// match is a character match.
    static func tidy(_ text: String) -> String {
        let space = UInt8(ascii: " ")
        let tab = UInt8(ascii: "\t")
        let newline = UInt8(ascii: "\n")
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 1)
        var blank = true
        var pendingBlank = false
        var line: [UInt8] = []
        func flush() {
            var end = line.count
            while end > 0, line[end - 1] == space || line[end - 1] == tab { end -= 1 }
            if end == 0 {
                if !blank { pendingBlank = true }
                blank = true
            } else {
                if !output.isEmpty { output.append(newline) }
                if pendingBlank { output.append(newline) }
                pendingBlank = false
                blank = false
                output.append(contentsOf: line[..<end])
            }
            line.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            if byte == newline { flush() } else { line.append(byte) }
        }
        flush()
        output.append(newline)
        return String(decoding: output, as: UTF8.self)
    }

    static func templateFiles(in directory: String) throws(PayarchError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(atPath: directory)
        else {
            throw PayarchError(
                .unreadable,
                Diagnostic(
                    at: SourceLocation.file(directory), id: "template.directory",
                    "templates directory not found"))
        }
        var files: [String] = []
        while let next = enumerator.nextObject() as? String {
            guard next.hasSuffix(".mustache") else { continue }
            files.append(next)
            if files.count > maxTemplates {
                throw PayarchError.data(
                    at: .file(directory), id: "template.too-many",
                    "the templates directory holds more than \(maxTemplates) templates")
            }
        }
        return files.sorted()
    }
}

/// The root of a render: resolves names from the design context and remembers every name that reached
/// the bottom of the context stack unresolved.
final class RecordingContext: MustacheParent, @unchecked Sendable {
    private let values: [String: Any]
    private var missing: [String] = []

    init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        if !missing.contains(name) { missing.append(name) }
        return nil
    }

    var missingNames: [String] { missing.sorted() }
}
