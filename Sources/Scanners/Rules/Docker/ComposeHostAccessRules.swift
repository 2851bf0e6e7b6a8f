import Core

/// Services that reach the host or the network around it: the container runtime's socket, host devices, and
/// databases published on every interface.
enum ComposeHostAccessRules {
    /// Socket files whose owner controls the host's containers (the last path component is compared).
    static let runtimeSockets: Set<String> = [
        "docker.sock", "containerd.sock", "crio.sock", "podman.sock", "docker_engine",
    ]

    static let runtimeSocket = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-socket-mount", "Service mounts the container runtime socket", .high, profile: .baseline,
            rationale: "Whoever can talk to /var/run/docker.sock can start a privileged container with the host's "
                + "root file system mounted: mounting the socket hands root on the host to anything that "
                + "compromises this service.",
            remediation: """
                Do not mount the socket; if a tool must manage containers, give it a socket proxy that allows only
                the API calls it needs:

                services:
                  web:
                    volumes:
                      - ./data:/data     # no /var/run/docker.sock
                """,
            references: ["CIS Docker 5.31", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("volumes", ["/var/run/docker.sock:/var/run/docker.sock:ro"]),
                ComposeExample.with(
                    "volumes", [["type": "bind", "source": "/run/docker.sock", "target": "/var/run/docker.sock"]]),
            ],
            nonTriggering: [
                ComposeExample.hardened, ComposeExample.with("volumes", ["./data:/data", "cache:/var/cache"]),
            ]),
        check: { service in
            for (index, volume) in (service["volumes"]?.arrayValue ?? []).enumerated() {
                let source: String
                if let text = volume.stringValue {
                    source = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
                } else {
                    source = volume["source"]?.stringValue ?? ""
                }
                let file = source.split(separator: "/").last.map(String.init) ?? source
                guard runtimeSockets.contains(file) else { continue }
                return Violation(
                    path: "volumes.\(index)", value: volume, message: "mounts the container runtime socket \(source)")
            }
            return nil
        })

    static let devices = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-devices", "Service maps host devices", .medium, profile: .baseline,
            rationale: "A host device mapped into the container (a disk, /dev/mem, a GPU) is reachable with the "
                + "container's privileges: raw disk access alone reads every file on the host.",
            remediation: """
                Remove the device; use a volume for data and a device plugin or a dedicated host for hardware:

                services:
                  web:
                    volumes:
                      - data:/data
                """,
            references: ["CIS Docker 5.17", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [ComposeExample.with("devices", ["/dev/sda:/dev/xvda:rwm"])],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("devices", [])]),
        check: { service in
            let devices = (service["devices"]?.arrayValue ?? []).map { $0["source"]?.compactText ?? $0.compactText }
            guard !devices.isEmpty else { return nil }
            return Violation(
                path: "devices", value: service["devices"],
                message: "maps host devices: \(devices.joined(separator: ", "))")
        })

    /// Well-known database ports, by the container port a service publishes.
    static let databasePortNames: [Int: String] = [
        5432: "PostgreSQL", 3306: "MySQL", 27017: "MongoDB", 6379: "Redis", 9200: "Elasticsearch", 1433: "SQL Server",
    ]

    static let databasePorts = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-db-port-public", "Service publishes a database port on every interface", .medium,
            profile: .baseline,
            rationale: "A published port with no host address listens on 0.0.0.0, and Docker's own iptables rules "
                + "bypass host firewalls such as ufw: the database is reachable from the network, where scanners "
                + "find default and weak credentials within hours.",
            remediation: """
                Do not publish the port (services on the same network reach it by name), or bind it to loopback:

                services:
                  db:
                    ports:
                      - "127.0.0.1:5432:5432"
                """,
            references: ["CIS Docker 5.13", "MITRE ATT&CK T1190"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("ports", ["5432:5432"]),
                ComposeExample.with("ports", ["0.0.0.0:3306:3306/tcp"]),
                ComposeExample.with("ports", [["target": 6379, "published": "6379", "protocol": "tcp"]]),
                ComposeExample.with("ports", [27017]),
            ],
            nonTriggering: [
                ComposeExample.hardened,
                ComposeExample.with("ports", ["127.0.0.1:5432:5432", "[::1]:6379:6379", "8080:8080"]),
                ComposeExample.with("ports", [["target": 5432, "published": "5432", "host_ip": "127.0.0.1"]]),
            ]),
        check: { service in
            for (index, entry) in (service["ports"]?.arrayValue ?? []).enumerated() {
                guard let published = PublishedPort(entry), published.isOnEveryInterface,
                    let name = published.containerPorts.lazy.compactMap({ databasePortNames[$0] }).first
                else { continue }
                return Violation(
                    path: "ports.\(index)", value: entry,
                    message: "publishes a \(name) port on every interface (\(entry.compactText))")
            }
            return nil
        })
}

/// One `ports` entry of a compose service, in short (`"127.0.0.1:8080:80/tcp"`) or long syntax.
struct PublishedPort {
    /// The host address it binds, `nil` when the entry names none (every interface).
    var hostIP: String?
    var containerPorts: ClosedRange<Int>

    var isOnEveryInterface: Bool {
        guard let hostIP else { return true }
        return ["", "0.0.0.0", "::", "[::]"].contains(hostIP)
    }

    init?(_ entry: JSONValue) {
        if entry.objectValue != nil {
            guard let target = entry["target"], let ports = Self.range(target.compactText) else { return nil }
            self.hostIP = entry["host_ip"]?.stringValue
            self.containerPorts = ports
            return
        }
        var text = entry.compactText
        if let slash = text.lastIndex(of: "/") { text = String(text[..<slash]) }
        var hostIP: String?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostIP = String(text[text.index(after: text.startIndex)..<close])
            text = String(text[text.index(after: close)...]).trimmingPrefix(":")
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, hostIP == nil { hostIP = parts[0] }
        guard let last = parts.last, let ports = Self.range(last) else { return nil }
        self.hostIP = hostIP
        self.containerPorts = ports
    }

    /// `5432` or `5432-5433`.
    private static func range(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let low = bounds.first ?? nil else { return nil }
        let high = bounds.count > 1 ? (bounds[1] ?? low) : low
        return low <= high ? low...high : nil
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
