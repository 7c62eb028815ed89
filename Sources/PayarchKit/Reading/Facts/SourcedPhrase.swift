/// A piece of input text that a fact or decision rests on, with the variable it came from.
public struct SourcedPhrase: Sendable, Hashable, Codable, Comparable {
    /// The input variable, such as `payment_rails`.
    public var variable: String
    /// The phrase exactly as the user wrote it.
    public var text: String
    /// UTF-16 offset of the phrase in the variable's value, for stable ordering.
    public var offset: Int

    public init(variable: String, text: String, offset: Int) {
        self.variable = variable
        self.text = text
        self.offset = offset
    }

    public static func < (lhs: SourcedPhrase, rhs: SourcedPhrase) -> Bool {
        (lhs.variable, lhs.offset, lhs.text) < (rhs.variable, rhs.offset, rhs.text)
    }
}
