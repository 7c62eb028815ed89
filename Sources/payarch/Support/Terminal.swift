import Foundation

/// Whether output may be coloured: stdout is a terminal and NO_COLOR is not set (https://no-color.org).
enum Terminal {
    static var wantsColour: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
