/// A minimal reader and applier for unified diffs (`diff -u`, `git diff`), enough for runbook patches.
///
/// A hunk applies where its header says, or — as `patch` and `git apply` allow — at the one other place in the
/// file where its context and removed lines match exactly. Nothing fuzzy: a hunk that no longer matches is an
/// error naming the file and the hunk, so a stale fix is never half-applied.
enum UnifiedDiff {
    struct Hunk {
        var oldStart: Int
        /// Lines as they must be in the file (context and removals), and as they become (context and additions).
        var old: [String]
        var new: [String]
    }

    struct FilePatch {
        var path: String
        var isNewFile: Bool
        var hunks: [Hunk]
    }

    static func parse(_ text: String) throws(PatchError) -> [FilePatch] {
        var patches: [FilePatch] = []
        var current: FilePatch?
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var index = 0
        var oldPath: String?
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("--- ") {
                oldPath = path(from: line)
                index += 1
                continue
            }
            if line.hasPrefix("+++ ") {
                if let current { patches.append(current) }
                guard let newPath = path(from: line) else {
                    throw .malformedDiff("deleting files is not supported (+++ /dev/null)")
                }
                current = FilePatch(path: newPath, isNewFile: oldPath == nil, hunks: [])
                index += 1
                continue
            }
            if line.hasPrefix("@@") {
                guard current != nil else { throw .malformedDiff("a hunk before any '+++' file header") }
                let (hunk, next) = try parseHunk(lines, at: index)
                current?.hunks.append(hunk)
                index = next
                continue
            }
            index += 1  // `diff --git`, `index …` and other headers carry nothing we need
        }
        if let current { patches.append(current) }
        guard !patches.isEmpty else { throw .malformedDiff("no '---'/'+++' file headers") }
        return patches
    }

    /// `--- a/infra/main.tf` → `infra/main.tf`; `/dev/null` → nil.
    static func path(from header: String) -> String? {
        var value = String(header.dropFirst(4))
        if let tab = value.firstIndex(of: "\t") { value = String(value[..<tab]) }
        value = value.trimmingCharacters(in: .whitespaces)
        if value == "/dev/null" { return nil }
        if value.hasPrefix("a/") || value.hasPrefix("b/") { value.removeFirst(2) }
        return value
    }

    static func parseHunk(_ lines: [String], at start: Int) throws(PatchError) -> (Hunk, Int) {
        let header = lines[start]
        let fields = header.split(separator: " ")
        guard fields.count >= 3, fields[1].hasPrefix("-"), fields[2].hasPrefix("+") else {
            throw .malformedDiff("bad hunk header '\(header)'")
        }
        let oldRange = fields[1].dropFirst().split(separator: ",")
        let newRange = fields[2].dropFirst().split(separator: ",")
        guard let oldStart = Int(oldRange[0]), let newStartText = newRange.first, Int(newStartText) != nil else {
            throw .malformedDiff("bad hunk header '\(header)'")
        }
        let oldCount = oldRange.count > 1 ? Int(oldRange[1]) ?? 1 : 1
        let newCount = newRange.count > 1 ? Int(newRange[1]) ?? 1 : 1
        var hunk = Hunk(oldStart: oldStart, old: [], new: [])
        var index = start + 1
        while index < lines.count, hunk.old.count < oldCount || hunk.new.count < newCount {
            let line = lines[index]
            if line.hasPrefix("\\") {  // "\ No newline at end of file"
                index += 1
                continue
            }
            let body = String(line.dropFirst())
            switch line.first {
            case " ", nil:
                hunk.old.append(body)
                hunk.new.append(body)
            case "-": hunk.old.append(body)
            case "+": hunk.new.append(body)
            default: throw .malformedDiff("unexpected line in hunk: '\(line)'")
            }
            index += 1
        }
        guard hunk.old.count == oldCount, hunk.new.count == newCount else {
            throw .malformedDiff("hunk '\(header)' is shorter than its header says")
        }
        return (hunk, index)
    }

    static func apply(_ patch: FilePatch, to text: String) throws(PatchError) -> String {
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        let hadTrailingNewline = text.hasSuffix("\n")
        if hadTrailingNewline { lines.removeLast() }
        var shift = 0
        for (number, hunk) in patch.hunks.enumerated() {
            let expected = max(hunk.oldStart - 1, 0) + shift
            guard let position = locate(hunk.old, in: lines, near: expected) else {
                throw .hunkDoesNotApply(file: patch.path, hunk: number + 1, line: hunk.oldStart)
            }
            lines.replaceSubrange(position..<(position + hunk.old.count), with: hunk.new)
            shift += hunk.new.count - hunk.old.count
        }
        let joined = lines.joined(separator: "\n")
        return hadTrailingNewline || (text.isEmpty && !lines.isEmpty) ? joined + "\n" : joined
    }

    /// Where `block` sits: at `expected` if it matches there, else its only exact match elsewhere.
    static func locate(_ block: [String], in lines: [String], near expected: Int) -> Int? {
        func matches(at start: Int) -> Bool {
            start >= 0 && start + block.count <= lines.count && Array(lines[start..<(start + block.count)]) == block
        }
        if block.isEmpty { return min(max(expected, 0), lines.count) }
        if matches(at: expected) { return expected }
        let all = (0...max(lines.count - block.count, 0)).filter(matches)
        return all.count == 1 ? all[0] : nil
    }
}
