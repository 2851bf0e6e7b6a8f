import Foundation

/// One resource as every rule pack sees it, whatever tool produced it.
///
/// Terraform resources, rendered Kubernetes objects and compose services all become this one shape so a
/// rule is written once against `attributes` and never learns where the JSON came from.
///
/// Conventions per source (fingerprints depend on `address`, so these are fixed):
/// - Terraform: `address` is the plan's address (`module.net.aws_security_group.web[0]`), `type` the resource
///   type, `namespace` the module address, `attributes` the planned values, `sensitivity` `sensitive_values`.
/// - Kubernetes objects (plain manifests, `helm template`, `kubectl kustomize`): `address` is the original's
///   identity `[group/]Kind/[namespace/]name` with empty parts dropped (`apps/Deployment/shop/web`,
///   `Pod/web`), `type` the `kind`, `name` `metadata.name`, `namespace` `metadata.namespace`, `attributes` the
///   whole object, `location` the manifest file (for helm: the chart path plus the template from `# Source:`)
///   and the line where the document starts.
/// - docker-compose services: `address` is the service name (as the original), `type`
///   `docker_compose_service`, `attributes` the service mapping, `location` the compose file and the line of
///   the service's key.
public struct Resource: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var address: String
        var type: String
        var name: String
        var namespace: String?
        var attributes: JSONValue
        var sensitivity: JSONValue?
        var location: SourceLocation?
        var references: [String: [String]]
    }

    /// Copied into the inventory's index, into each target's scan and past every rule: one retain a copy, not
    /// nine (`CopyOnWrite`).
    private var storage: CopyOnWrite<Fields>

    /// The tool's own address: `module.net.aws_security_group.web[0]`, `Deployment/shop/web`, `service/db`.
    public var address: String {
        get { storage.value.address }
        set { storage.value.address = newValue }
    }
    /// Terraform type (`aws_s3_bucket`) or Kubernetes kind (`Deployment`) or `docker_compose_service`.
    public var type: String {
        get { storage.value.type }
        set { storage.value.type = newValue }
    }
    public var name: String {
        get { storage.value.name }
        set { storage.value.name = newValue }
    }
    /// Kubernetes namespace or Terraform module address (`module.net`), when there is one.
    public var namespace: String? {
        get { storage.value.namespace }
        set { storage.value.namespace = newValue }
    }
    /// The resource's attributes as the tool reports them (planned values for terraform).
    public var attributes: JSONValue {
        get { storage.value.attributes }
        set { storage.value.attributes = newValue }
    }
    /// Terraform's sensitivity mask: same shape as `attributes`, `true` where a value is sensitive.
    public var sensitivity: JSONValue? {
        get { storage.value.sensitivity }
        set { storage.value.sensitivity = newValue }
    }
    public var location: SourceLocation? {
        get { storage.value.location }
        set { storage.value.location = newValue }
    }
    /// For each top-level attribute, the resources its configuration expression refers to, as configuration
    /// addresses (`vpc_id` → `["aws_vpc.main"]`, `bucket` → `["module.logs.aws_s3_bucket.this"]`).
    ///
    /// Terraform plans only. A plan cannot say which VPC a new flow log belongs to (`vpc_id` is unknown
    /// until apply), but the configuration can; rules that link resources read this. A reference through a
    /// module output stays `module.<name>` (unresolved), so a rule can tell "unknown target" from "none".
    public var references: [String: [String]] {
        get { storage.value.references }
        set { storage.value.references = newValue }
    }

    public init(
        address: String, type: String, name: String, namespace: String? = nil, attributes: JSONValue,
        sensitivity: JSONValue? = nil, location: SourceLocation? = nil, references: [String: [String]] = [:]
    ) {
        storage = CopyOnWrite(
            Fields(
                address: address, type: type, name: name, namespace: namespace, attributes: attributes,
                sensitivity: sensitivity, location: location, references: references))
    }

    public static func == (lhs: Resource, rhs: Resource) -> Bool {
        lhs.storage.sharesBox(with: rhs.storage) || lhs.storage.value == rhs.storage.value
    }
    public func hash(into hasher: inout Hasher) { storage.value.hash(into: &hasher) }

    /// The address without instance keys (`module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b`):
    /// what a configuration reference names, since one block declares every instance.
    public var configurationAddress: String { Self.stripInstanceKeys(address) }

    /// Removes every `[…]` instance key from an address, quoted keys included.
    public static func stripInstanceKeys(_ address: String) -> String {
        guard address.utf8.contains(UInt8(ascii: "[")) else { return address }  // most addresses have no key
        var result = ""
        var depth = 0
        var isQuoted = false
        for character in address {
            if character == "\"" && depth > 0 { isQuoted.toggle() }
            if character == "[" && !isQuoted { depth += 1 }
            if depth == 0 { result.append(character) }
            if character == "]" && !isQuoted { depth -= 1 }
        }
        return result
    }

    /// True when Terraform marks the value at `path` (or any enclosing value) as sensitive.
    public func isSensitive(_ path: String) -> Bool {
        guard var node = sensitivity else { return false }
        switch node {
        case .bool(let marked): return marked
        case .object(let members) where members.isEmpty: return false  // the usual mask: nothing marked
        case .array(let items) where items.isEmpty: return false
        default: break
        }
        for segment in path.split(separator: ".") {
            let next: JSONValue? = Int(segment).flatMap { node[$0] } ?? node[String(segment)]
            guard let child = next else { return false }
            if child == .bool(true) { return true }
            node = child
        }
        return false
    }
}

/// Resources of one scanned target, indexed by type so each rule visits only the types it reads.
public struct ResourceInventory: Sendable {
    public private(set) var resources: [Resource]
    /// Each type's resources, stored once: rules that link resources ask for a type once per resource they
    /// judge, so handing out the stored array (copy-on-write, no element copies) keeps that linear in practice.
    private var resourcesByType: [String: [Resource]]
    /// Indexes that rules linking resources build once per inventory (see `memoized`).
    private let memo = InventoryMemo()

    public init(_ resources: [Resource]) {
        self.resources = resources
        var index: [String: [Resource]] = [:]
        for resource in resources {
            index[resource.type, default: []].append(resource)
        }
        self.resourcesByType = index
    }

    /// The value `build` makes from this inventory, built on the first call for `key` and shared after.
    ///
    /// A rule that links resources (a bucket to its logging producers, a listener to its load balancer) would
    /// otherwise look through every candidate for every resource it judges: quadratic, and minutes on a
    /// 100k-resource plan. Rules stay pure functions of `(resource, inventory)`; the index is derived data.
    /// `key` must name everything `build` depends on besides the inventory.
    public func memoized<Value: Sendable>(_ key: String, _ build: (ResourceInventory) -> Value) -> Value {
        if let value = memo.value(for: key) as? Value { return value }
        let value = build(self)
        memo.store(value, for: key)
        return value
    }

    public func resources(ofType type: String) -> [Resource] {
        resourcesByType[type] ?? []
    }

    public func count(ofType type: String) -> Int { resourcesByType[type]?.count ?? 0 }

    public var types: [String] { resourcesByType.keys.sorted() }
    public var count: Int { resources.count }
}

/// Lock-protected storage for `ResourceInventory.memoized`: rules of one target may run concurrently.
final class InventoryMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: any Sendable] = [:]

    func value(for key: String) -> (any Sendable)? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func store(_ value: any Sendable, for key: String) {
        lock.lock()
        defer { lock.unlock() }
        if values[key] == nil { values[key] = value }
    }
}
