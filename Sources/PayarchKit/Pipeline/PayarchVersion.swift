/// payarch's version, printed by `payarch --version`.
public enum PayarchVersion {
    public static let current = "0.10.0"
}
