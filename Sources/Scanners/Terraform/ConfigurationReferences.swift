import Core

/// What each resource's configuration refers to, read from the plan's `configuration` section.
///
/// Planned values cannot link new resources: a flow log's `vpc_id` is unknown until the VPC exists. The
/// configuration still says `vpc_id = aws_vpc.main.id`, so this index lets rules that need a neighbour
/// find it. Addresses are configuration addresses (no instance keys), qualified by the module path. A
/// reference to a module output (`module.net.vpc_id`) is followed into the module to the resources the
/// output names; when that fails it stays `module.net`, so rules can tell "somewhere in that module".
enum ConfigurationReferences {
    /// Configuration address (`module.net.aws_flow_log.main`) → attribute → referenced addresses.
    static func index(_ document: JSONValue) -> [String: [String: [String]]] {
        var found: [String: [String: [String]]] = [:]
        guard let root = document["configuration"]?["root_module"] else { return found }
        var memo = ModuleMemo()
        for (address, byAttribute) in relativeIndex(root, memo: &memo) { found[address] = byAttribute }
        return found
    }

    /// Module outputs are followed at most this deep, against cycles and pathological nesting.
    private static let maximumDepth = 8

    /// A module body's index relative to the module (addresses and targets without its `module.NAME.` prefix),
    /// per body's storage: terraform repeats a module's whole configuration for every call of it, and the
    /// decoder shares the repeats, so a module called a thousand times is read once.
    private typealias ModuleMemo = [UnsafeRawPointer: [(address: String, byAttribute: [String: [String]])]]

    private static func relativeIndex(_ module: JSONValue, memo: inout ModuleMemo)
        -> [(address: String, byAttribute: [String: [String]])]
    {
        let identity = module.objectValue?.storageIdentity
        if let identity, let known = memo[identity] { return known }
        var found: [(address: String, byAttribute: [String: [String]])] = []
        for resource in module["resources"]?.arrayValue ?? [] {
            guard resource["mode"]?.stringValue != "data", let address = resource["address"]?.stringValue else {
                continue
            }
            var byAttribute: [String: [String]] = [:]
            for (attribute, expression) in resource["expressions"]?.objectValue ?? [:] {
                let references = targets(of: expression, module: module, prefix: "", depth: 0)
                if !references.isEmpty { byAttribute[attribute] = references }
            }
            if !byAttribute.isEmpty { found.append((address, byAttribute)) }
        }
        for (name, call) in module["module_calls"]?.objectValue ?? [:] {
            guard let child = call["module"] else { continue }
            let prefix = "module.\(name)."
            for (address, byAttribute) in relativeIndex(child, memo: &memo) {
                found.append((prefix + address, byAttribute.mapValues { targets in targets.map { prefix + $0 } }))
            }
        }
        if let identity { memo[identity] = found }
        return found
    }

    /// The resources an expression (nested blocks included) refers to, de-duplicated in first-seen order.
    private static func targets(of expression: JSONValue, module: JSONValue, prefix: String, depth: Int) -> [String] {
        var raw: [String] = []
        gather(expression, into: &raw)
        // Terraform lists `module.net.vpc_id` and `module.net`; the bare module is only a fallback.
        let outputModules = Set(
            raw.compactMap { reference -> String? in
                let parts = Resource.stripInstanceKeys(reference).split(separator: ".")
                return parts.count >= 3 && parts[0] == "module" ? String(parts[1]) : nil
            })
        var result: [String] = []
        for reference in raw {
            for target in resolve(reference, module: module, prefix: prefix, depth: depth, outputModules: outputModules)
            where !result.contains(target) {
                result.append(target)
            }
        }
        return result
    }

    private static func gather(_ expression: JSONValue, into references: inout [String]) {
        switch expression {
        case .object(let members):
            for reference in members["references"]?.arrayValue ?? [] {
                if let text = reference.stringValue { references.append(text) }
            }
            for member in members where member.key != "references" { gather(member.value, into: &references) }
        case .array(let items):
            for item in items { gather(item, into: &references) }
        default:
            return
        }
    }

    private static func resolve(
        _ reference: String, module: JSONValue, prefix: String, depth: Int, outputModules: Set<String>
    ) -> [String] {
        let parts = Resource.stripInstanceKeys(reference).split(separator: ".").map(String.init)
        guard let first = parts.first else { return [] }
        switch first {
        case "var", "local", "each", "count", "path", "terraform", "self":
            return []
        case "module":
            guard parts.count >= 2 else { return [] }
            let name = parts[1]
            if parts.count == 2 { return outputModules.contains(name) ? [] : [prefix + "module.\(name)"] }
            let child = module["module_calls"]?[name]?["module"]
            guard depth < maximumDepth, let child, let output = child["outputs"]?[parts[2]]?["expression"] else {
                return [prefix + "module.\(name)"]
            }
            let resolved = targets(of: output, module: child, prefix: prefix + "module.\(name).", depth: depth + 1)
            return resolved.isEmpty ? [prefix + "module.\(name)"] : resolved
        case "data":
            return parts.count >= 3 ? [prefix + "data.\(parts[1]).\(parts[2])"] : []
        default:
            return parts.count >= 2 ? [prefix + "\(parts[0]).\(parts[1])"] : []
        }
    }
}
