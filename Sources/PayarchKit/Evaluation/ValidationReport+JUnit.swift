extension ValidationReport {
    /// JUnit XML for CI test panels: one `<testsuite>` per graded document, one `<testcase>` per
    /// evaluator, with `<failure>` or `<skipped>` where it applies. Written directly (attributes in a fixed
    /// order, two-space indentation), so payarch does not load an XML library on every run.
    public func junit() -> String {
        var xml = XMLWriter()
        xml.line(0, "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>")
        xml.open(0, "testsuites", [
            ("name", specName), ("tests", String(cases.reduce(0) { $0 + $1.results.count })),
            ("failures", String(count(.failed))), ("skipped", String(count(.skipped))),
        ])
        for result in cases {
            xml.open(1, "testsuite", [
                ("name", result.label), ("tests", String(result.results.count)),
                ("failures", String(result.results.filter { $0.status == .failed }.count)),
                ("skipped", String(result.results.filter { $0.status == .skipped }.count)),
            ])
            for evaluation in result.results {
                let attributes = [("classname", result.label), ("name", evaluation.evaluatorName)]
                let details = ([evaluation.details] + evaluation.findings.map { "line \($0.description)" }).joined(separator: "\n")
                switch evaluation.status {
                case .passed:
                    xml.empty(2, "testcase", attributes)
                case .failed:
                    xml.open(2, "testcase", attributes)
                    xml.element(3, "failure", [("message", evaluation.details), ("type", evaluation.kind)], text: details)
                    xml.close(2, "testcase")
                case .skipped:
                    xml.open(2, "testcase", attributes)
                    xml.empty(3, "skipped", [("message", evaluation.details)])
                    xml.close(2, "testcase")
                }
            }
            xml.close(1, "testsuite")
        }
        xml.close(0, "testsuites")
        return xml.text
    }
}

/// A minimal, indenting XML writer for the JUnit report.
struct XMLWriter {
    var text = ""

    mutating func line(_ depth: Int, _ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ depth: Int, _ name: String, _ attributes: [(String, String)]) {
        line(depth, "<\(name)\(Self.attributes(attributes))>")
    }

    mutating func close(_ depth: Int, _ name: String) {
        line(depth, "</\(name)>")
    }

    /// An element with no content, written as an empty pair the way libxml2 prints one.
    mutating func empty(_ depth: Int, _ name: String, _ attributes: [(String, String)]) {
        line(depth, "<\(name)\(Self.attributes(attributes))></\(name)>")
    }

    mutating func element(_ depth: Int, _ name: String, _ attributes: [(String, String)], text content: String) {
        line(depth, "<\(name)\(Self.attributes(attributes))>\(Self.escape(xmlSafe(content), attribute: false))</\(name)>")
    }

    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape(xmlSafe($0.1), attribute: true))\"" }.joined()
    }

    /// `&`, `<` and `>` everywhere; in attributes also `"` and the line breaks and tab, which an XML
    /// parser would otherwise normalize to spaces.
    static func escape(_ text: String, attribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\n" where attribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where attribute: result += "&#9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Text that XML 1.0 can carry: control characters (other than tab and line breaks), the noncharacters
/// U+FFFE and U+FFFF, and invisible reordering characters are written as `\u{…}` escapes.
func xmlSafe(_ text: String) -> String {
    let escaped = PrintableText.escape(text, keepingNewlines: true)
    guard escaped.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return escaped }
    var result = ""
    for scalar in escaped.unicodeScalars {
        if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
            result += PrintableText.escaped(scalar)
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}
