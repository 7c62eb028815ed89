import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

extension ValidationReport {
    /// JUnit XML for CI test panels: one `<testsuite>` per graded document, one `<testcase>` per
    /// evaluator, with `<failure>` or `<skipped>` where it applies.
    public func junit() -> String {
        let root = XMLElement(name: "testsuites")
        root.setAttributes([
            "name": specName, "tests": String(cases.reduce(0) { $0 + $1.results.count }),
            "failures": String(count(.failed)), "skipped": String(count(.skipped)),
        ])
        for result in cases {
            let suite = XMLElement(name: "testsuite")
            suite.setAttributes([
                "name": result.label, "tests": String(result.results.count),
                "failures": String(result.results.filter { $0.status == .failed }.count),
                "skipped": String(result.results.filter { $0.status == .skipped }.count),
            ])
            for evaluation in result.results {
                let testCase = XMLElement(name: "testcase")
                testCase.setAttributes(["classname": result.label, "name": evaluation.evaluatorName])
                let details = ([evaluation.details] + evaluation.findings.map { "line \($0.description)" }).joined(separator: "\n")
                switch evaluation.status {
                case .passed:
                    break
                case .failed:
                    let failure = XMLElement(name: "failure", stringValue: xmlSafe(details))
                    failure.setAttributes(["message": evaluation.details, "type": evaluation.kind])
                    testCase.addChild(failure)
                case .skipped:
                    let skipped = XMLElement(name: "skipped")
                    skipped.setAttributes(["message": evaluation.details])
                    testCase.addChild(skipped)
                }
                suite.addChild(testCase)
            }
            root.addChild(suite)
        }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return String(decoding: document.xmlData(options: [.nodePrettyPrint]), as: UTF8.self) + "\n"
    }
}

extension XMLElement {
    /// Adds attributes in the order given, so the XML is byte-identical from run to run.
    fileprivate func setAttributes(_ pairs: KeyValuePairs<String, String>) {
        for (name, value) in pairs {
            if let attribute = XMLNode.attribute(withName: name, stringValue: xmlSafe(value)) as? XMLNode {
                addAttribute(attribute)
            }
        }
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
