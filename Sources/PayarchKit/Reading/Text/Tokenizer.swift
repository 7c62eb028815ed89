/// Splits an input value into tokens in one linear pass, normalizing as it goes: every dash form becomes
/// `-`, thin, no-break and other spaces become a space, curly quotes become straight ones, and digits of
/// other scripts become ASCII digits. Offsets always point into the original text.
///
/// Numbers are read here, with their grouping: `10,000` and `1,20,000` (Indian) by commas, `1 000` by a
/// space or thin space before exactly three digits, decimals with a point, and `1e9` with an exponent.
public enum Tokenizer {
    public static func tokens(_ text: String) -> [Token] {
        // Normalized scalars with the UTF-16 offset each came from.
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(normalize(scalar))
            offsets.append(offset)
            offset += scalar.utf16.count
        }
        offsets.append(offset)

        var tokens: [Token] = []
        var index = 0
        var spaceBefore = true
        var utf8: [UInt8] = []
        func emit(_ kind: Token.Kind, from start: Int, to end: Int) {
            let text = string(scalars[start..<end], buffer: &utf8)
            tokens.append(
                Token(kind: kind, text: text, lower: text.lowercased(), start: offsets[start], end: offsets[end], spaceBefore: spaceBefore))
            spaceBefore = false
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                spaceBefore = true
                emit(.punctuation, from: index, to: index + 1)
                spaceBefore = true
                index += 1
            } else if scalar.isASCII ? scalar.value <= 0x20 : scalar.properties.isWhitespace {
                spaceBefore = true
                index += 1
            } else if isDigit(scalar) {
                let (end, value) = readNumber(scalars, from: index)
                emit(.number(value), from: index, to: end)
                index = end
            } else if isLetter(scalar) {
                var end = index + 1
                while end < scalars.count {
                    let next = scalars[end]
                    if isLetter(next) || isDigit(next) || (!next.isASCII && next.properties.generalCategory == .nonspacingMark) {
                        end += 1
                    } else if next == "'", end + 1 < scalars.count, isLetter(scalars[end + 1]),
                        !(scalars[end + 1] == "s" && (end + 2 >= scalars.count || !isLetter(scalars[end + 2])))
                    {
                        // "don't" stays one word; a possessive "'s" is split off ("ClearBank's").
                        end += 2
                    } else {
                        break
                    }
                }
                emit(.word, from: index, to: end)
                index = end
            } else {
                emit(.punctuation, from: index, to: index + 1)
                index += 1
            }
        }
        return tokens
    }

    /// The scalars as a string, encoded through a reused UTF-8 buffer (appending scalars to a string view
    /// one slice at a time takes a slow generic path).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        for scalar in scalars {
            if scalar.isASCII {
                buffer.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { buffer.append($0) }
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    static func normalize(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return "-"
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: return "\""
        case 0x200B, 0x200C, 0x200D, 0xFEFF: return " "
        case 0x2028, 0x2029, 0x0085: return "\n"
        case 0x000D: return " "
        default:
            if scalar.value >= 0x80, scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
                value >= 0, value <= 9
            {
                return Unicode.Scalar(UInt8(48 + Int(value)))
            }
            return scalar
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar.value >= 65 && scalar.value <= 90) || (scalar.value >= 97 && scalar.value <= 122) || scalar == "_"
        }
        return scalar.properties.isAlphabetic
    }

    /// Reads a number starting at `start`: digits, then groups of digits after `,` or a single space
    /// (three digits, or two for Indian grouping before a final three), a decimal part, an exponent.
    /// Linear in the length of the number.
    static func readNumber(_ scalars: [Unicode.Scalar], from start: Int) -> (end: Int, value: Double) {
        var index = start
        var digits = ""
        func digitRun(_ from: Int) -> Int {
            var cursor = from
            while cursor < scalars.count, isDigit(scalars[cursor]) { cursor += 1 }
            return cursor
        }
        var end = digitRun(index)
        digits.unicodeScalars.append(contentsOf: scalars[index..<end])
        index = end
        let lead = digits.count
        // Grouping: ",ddd" (or ",dd" while another group follows) and " ddd".
        if lead <= 3 {
            var groups: [Int] = []
            while index + 1 < scalars.count {
                let separator = scalars[index]
                guard separator == "," || separator == " " else { break }
                let groupEnd = digitRun(index + 1)
                let length = groupEnd - (index + 1)
                let followedByGroup = groupEnd < scalars.count && scalars[groupEnd] == separator
                    && groupEnd + 1 < scalars.count && isDigit(scalars[groupEnd + 1])
                let valid = length == 3 || (separator == "," && length == 2 && followedByGroup)
                // A space groups only three digits that end the number ("1 000 TPS", not "1 2000").
                guard valid, separator == "," || length == 3 else { break }
                if separator == " ", groupEnd < scalars.count, isDigit(scalars[groupEnd]) { break }
                groups.append(length)
                digits.unicodeScalars.append(contentsOf: scalars[(index + 1)..<groupEnd])
                index = groupEnd
            }
            // Indian grouping has two-digit groups and a final three; Western has only threes.
            if !groups.isEmpty, groups.last != 3 {
                // Not a number grouping after all: keep only the leading digits.
                digits = String(digits.prefix(lead))
                index = start + lead
            }
            // European style: "3.000" and "1.234.567" group thousands with dots (three digits after each
            // dot, nothing after the last group); "1,4 Mio." has a decimal comma (one or two digits).
            if groups.isEmpty {
                var dotted: [Int] = []
                var cursor = index
                while cursor + 1 < scalars.count, scalars[cursor] == ".", isDigit(scalars[cursor + 1]) {
                    let groupEnd = digitRun(cursor + 1)
                    guard groupEnd - cursor - 1 == 3 else { dotted = []; break }
                    dotted.append(groupEnd)
                    cursor = groupEnd
                }
                let endsThere = cursor >= scalars.count || !(scalars[cursor] == "," || scalars[cursor] == "." || isLetter(scalars[cursor]))
                if !dotted.isEmpty, endsThere {
                    for groupEnd in dotted { digits.unicodeScalars.append(contentsOf: scalars[(groupEnd - 3)..<groupEnd]) }
                    index = cursor
                    return (index, Double(digits) ?? .infinity)
                }
                if index + 1 < scalars.count, scalars[index] == ",", isDigit(scalars[index + 1]) {
                    let fractionEnd = digitRun(index + 1)
                    let length = fractionEnd - index - 1
                    let followed = fractionEnd < scalars.count && (isDigit(scalars[fractionEnd]) || scalars[fractionEnd] == "," || scalars[fractionEnd] == ".")
                    if length <= 2, !followed {
                        digits += "."
                        digits.unicodeScalars.append(contentsOf: scalars[(index + 1)..<fractionEnd])
                        return (fractionEnd, Double(digits) ?? .infinity)
                    }
                }
            }
        }
        if index + 1 < scalars.count, scalars[index] == ".", isDigit(scalars[index + 1]) {
            end = digitRun(index + 1)
            digits += "."
            digits.unicodeScalars.append(contentsOf: scalars[(index + 1)..<end])
            index = end
        }
        if index + 1 < scalars.count, scalars[index] == "e" || scalars[index] == "E", isDigit(scalars[index + 1]) {
            end = digitRun(index + 1)
            // Only a short exponent makes a number; "3e5x" or a hash is not one.
            if end - index - 1 <= 3, end == scalars.count || !isLetter(scalars[end]) {
                digits += "e"
                digits.unicodeScalars.append(contentsOf: scalars[(index + 1)..<end])
                index = end
            }
        }
        // Thousands of digits overflow to infinity; Double's parser is linear, so the cost stays bounded.
        return (index, Double(digits) ?? .infinity)
    }
}
