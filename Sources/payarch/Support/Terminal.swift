import Foundation

/// What the terminal wants: colour, and how wide a text table may be.
enum Terminal {
    /// Whether output may be coloured: stdout is a terminal and NO_COLOR is not set (https://no-color.org).
    static var wantsColour: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// The width a text table should fit: `COLUMNS` when it is a positive whole number; else, when the
    /// text goes to stdout and stdout is a terminal, the terminal's width; else nil (the table's standard
    /// width). `COLUMNS` wins so a script or a test can ask for a width, as with `ls` and `git`.
    static func width(writingToStdout: Bool) -> Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            return columns
        }
        guard writingToStdout, isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
