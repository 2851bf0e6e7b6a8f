import Yams

/// The bound on how far anchors and aliases may expand a YAML document.
///
/// libyaml bounds nesting (1,000 levels) but not aliases: ten aliases of ten aliases, nine levels deep, is a
/// 300-byte "billion laughs" that expands to 10^9 values once turned into data, an out-of-memory kill for the
/// CI job. Without aliases a document holds at most about one value per byte, so the budget is the text's size
/// plus a margin; only alias amplification can exceed it. The count stops at the budget, so checking costs at
/// most the budget, never the expansion.
enum YAMLExpansion {
    /// Values allowed beyond one per byte of text.
    static let margin = 100_000

    static func budget(forText text: String) -> Int { text.utf8.count + margin }

    /// The values `root` holds once fully expanded, counted up to `limit + 1` at most.
    static func count(_ root: Node, upTo limit: Int) -> Int {
        var pending = [root]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            if count > limit { return count }
            switch node {
            case .scalar, .alias: continue
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            }
        }
        return count
    }

    static func cause(budget: Int) -> String {
        "anchors and aliases expand it past \(budget) values (a \"billion laughs\"); steadystate refuses to read it"
            + " -- write the repeated parts out or use fewer aliases"
    }
}
