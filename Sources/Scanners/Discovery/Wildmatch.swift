/// Git's `wildmatch` in pathname mode: the glob dialect of `.gitignore`.
///
/// A port of `wildmatch.c` (git 2.39) rather than a translation to regular expressions, so the corner
/// cases behave as git's own do: `*` and `?` never cross `/`; `**` crosses directories only as a whole path
/// component (`**/x`, `x/**`, `a/**/b`, where `a/**/b` also matches `a/b`); `[...]` classes with ranges,
/// `!`/`^` negation and `[:alpha:]`-style names; `\` escapes the next character. Case-sensitive, as git is
/// by default on Linux.
enum Wildmatch {
    /// True when `pattern` matches all of `text`.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.utf8), 0, Array(text.utf8), 0) == .match
    }

    private enum Outcome {
        case match, noMatch, abortAll, abortToStarStar
    }

    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let backslash = UInt8(ascii: "\\")

    private static func isGlobSpecial(_ byte: UInt8) -> Bool {
        byte == star || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == backslash
    }

    // The control flow mirrors `dowild` so the two can be compared line by line.
    private static func match(_ p: [UInt8], _ start: Int, _ t: [UInt8], _ textStart: Int) -> Outcome {
        var pi = start
        var ti = textStart
        func at(_ array: [UInt8], _ index: Int) -> UInt8 { index < array.count ? array[index] : 0 }

        while pi < p.count {
            var pch = p[pi]
            let tch = at(t, ti)
            if tch == 0, pch != star { return .abortAll }
            switch pch {
            case UInt8(ascii: "?"):
                if tch == slash { return .noMatch }
            case star:
                var matchSlash: Bool
                pi += 1
                if at(p, pi) == star {
                    let previous = pi - 2
                    while at(p, pi) == star { pi += 1 }
                    let next = at(p, pi)
                    if (previous < start || p[previous] == slash)
                        && (next == 0 || next == slash || (next == backslash && at(p, pi + 1) == slash))
                    {
                        // `a/**/b` also matches `a/b`: try the rest with the `**/` matching nothing.
                        if next == slash, match(p, pi + 1, t, ti) == .match { return .match }
                        matchSlash = true
                    } else {
                        matchSlash = false
                    }
                } else {
                    matchSlash = false
                }
                if pi >= p.count {
                    // A trailing `**` matches everything; a trailing `*` only what has no more slashes.
                    if !matchSlash, t[ti...].contains(slash) { return .noMatch }
                    return .match
                }
                if !matchSlash, p[pi] == slash {
                    // One `*` followed by `/` matches up to the next directory separator.
                    guard let next = t[ti...].firstIndex(of: slash) else { return .noMatch }
                    ti = next + 1
                    pi += 1
                    continue
                }
                var current = tch
                while true {
                    if current == 0 { break }
                    if !isGlobSpecial(p[pi]) {
                        // Skip ahead to the next occurrence of the literal that follows the star.
                        let literal = p[pi]
                        while at(t, ti) != 0, matchSlash || at(t, ti) != slash {
                            if at(t, ti) == literal { break }
                            ti += 1
                        }
                        current = at(t, ti)
                        if current != literal { return matchSlash ? .abortAll : .abortToStarStar }
                    }
                    let result = match(p, pi, t, ti)
                    if result != .noMatch {
                        if !matchSlash || result != .abortToStarStar { return result }
                    } else if !matchSlash, current == slash {
                        return .abortToStarStar
                    }
                    ti += 1
                    current = at(t, ti)
                }
                return .abortAll
            case UInt8(ascii: "["):
                guard let (matched, end) = matchClass(p, pi, tch) else { return .abortAll }
                if !matched || tch == slash { return .noMatch }
                pi = end
            case backslash:
                pi += 1
                pch = at(p, pi)
                if tch != pch { return .noMatch }
            default:
                if tch != pch { return .noMatch }
            }
            pi += 1
            ti += 1
        }
        return ti >= t.count ? .match : .noMatch
    }

    /// A bracket expression starting at `p[open]` (`[`) against one text byte: whether it matched (negation
    /// applied) and the index of the closing `]`; `nil` for an unterminated class.
    private static func matchClass(_ p: [UInt8], _ open: Int, _ tch: UInt8) -> (Bool, Int)? {
        func at(_ index: Int) -> UInt8 { index < p.count ? p[index] : 0 }
        var pi = open + 1
        var pch = at(pi)
        let negated = pch == UInt8(ascii: "!") || pch == UInt8(ascii: "^")
        if negated {
            pi += 1
            pch = at(pi)
        }
        var previous: UInt8 = 0
        var matched = false
        repeat {
            if pch == 0 { return nil }
            if pch == backslash {
                pi += 1
                pch = at(pi)
                if pch == 0 { return nil }
                if tch == pch { matched = true }
            } else if pch == UInt8(ascii: "-"), previous != 0, at(pi + 1) != 0, at(pi + 1) != UInt8(ascii: "]") {
                pi += 1
                pch = at(pi)
                if pch == backslash {
                    pi += 1
                    pch = at(pi)
                    if pch == 0 { return nil }
                }
                if tch <= pch, tch >= previous { matched = true }
                pch = 0  // so that `previous` becomes 0: a range cannot start another range
            } else if pch == UInt8(ascii: "["), at(pi + 1) == UInt8(ascii: ":") {
                let nameStart = pi + 2
                var nameEnd = nameStart
                while at(nameEnd) != 0, at(nameEnd) != UInt8(ascii: "]") { nameEnd += 1 }
                if at(nameEnd) == 0 { return nil }
                if nameEnd - nameStart < 1 || at(nameEnd - 1) != UInt8(ascii: ":") {
                    // Not a class name after all: `[` is a literal.
                    if tch == UInt8(ascii: "[") { matched = true }
                } else {
                    let name = String(decoding: p[nameStart..<(nameEnd - 1)], as: UTF8.self)
                    guard let test = classTests[name] else { return nil }
                    if test(tch) { matched = true }
                    pi = nameEnd
                    pch = 0
                }
            } else if tch == pch {
                matched = true
            }
            previous = pch
            pi += 1
            pch = at(pi)
        } while pch != UInt8(ascii: "]")
        return (matched != negated, pi)
    }

    private static let classTests: [String: @Sendable (UInt8) -> Bool] = [
        "alnum": { isAlpha($0) || isDigit($0) }, "alpha": isAlpha, "blank": { $0 == 0x20 || $0 == 0x09 },
        "cntrl": { $0 < 0x20 || $0 == 0x7F }, "digit": isDigit, "graph": { $0 > 0x20 && $0 < 0x7F },
        "lower": { $0 >= 0x61 && $0 <= 0x7A }, "print": { $0 >= 0x20 && $0 < 0x7F },
        "punct": { $0 > 0x20 && $0 < 0x7F && !isAlpha($0) && !isDigit($0) },
        "space": { $0 == 0x20 || (0x09...0x0D).contains($0) }, "upper": { $0 >= 0x41 && $0 <= 0x5A },
        "xdigit": { isDigit($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) },
    ]

    private static func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
