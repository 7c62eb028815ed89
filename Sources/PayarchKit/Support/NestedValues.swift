/// Every value of one type inside a value, found by walking its stored properties, arrays and optionals
/// with `Mirror`, so a field added later is found without being listed. Fields named in `skipping` are
/// not entered, at any depth.
enum NestedValues {
    static func all<T>(_ type: T.Type, in value: Any, skipping: Set<String> = []) -> [T] {
        var found: [T] = []
        func walk(_ value: Any) {
            if let match = value as? T {
                found.append(match)
                return
            }
            for child in Mirror(reflecting: value).children where !skipping.contains(child.label ?? "") { walk(child.value) }
        }
        walk(value)
        return found
    }
}
