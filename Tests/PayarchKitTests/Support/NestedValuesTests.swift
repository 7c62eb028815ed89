import Testing
@testable import PayarchKit

/// Values of one type are found through stored properties, arrays and optionals, and a skipped field is
/// not entered at any depth.
@Suite struct NestedValuesTests {
    struct Inner { var label: String; var note: String? }
    struct Outer { var title: String; var items: [Inner]; var echo: [String]; var count: Int }

    @Test func findsEveryValueOfTheTypeAndSkipsNamedFields() {
        let value = Outer(title: "t", items: [.init(label: "a", note: "n"), .init(label: "b", note: nil)], echo: ["x"], count: 3)
        #expect(NestedValues.all(String.self, in: value) == ["t", "a", "n", "b", "x"])
        #expect(NestedValues.all(String.self, in: value, skipping: ["echo", "note"]) == ["t", "a", "b"])
        #expect(NestedValues.all(Int.self, in: value) == [3])
    }
}
