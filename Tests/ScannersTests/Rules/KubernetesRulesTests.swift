import Core
import Foundation
import Testing

@testable import Scanners

/// The Kubernetes pack over one manifest per pod-bearing kind (`Tests/Fixtures/kubernetes/pss/`).
@Suite struct KubernetesRulesTests {
    static let files = [
        "pod", "deployment", "statefulset", "daemonset", "job", "cronjob", "replicaset", "replicationcontroller",
    ].map { "kubernetes/pss/\($0).yaml" }

    static func resources() throws -> [Resource] {
        ManifestFixtures.kubernetesResources(try ManifestFixtures.kubernetesObjects(files))
    }

    /// What fires under the baseline profile, per address; objects not listed must stay clean.
    static let baseline: [String: Set<String>] = [
        "Pod/shop/debug": [
            "k8s-privileged", "k8s-host-pid", "k8s-host-network", "k8s-pss-host-ports", "k8s-runs-as-root",
            "k8s-added-capabilities", "k8s-image-latest", "k8s-env-secret-literal",
        ],
        "apps/Deployment/shop/web": [
            "k8s-added-capabilities", "k8s-allow-privilege-escalation", "k8s-pss-apparmor",
            "k8s-pss-seccomp-unconfined",
        ],
        "apps/StatefulSet/data/db": ["k8s-runs-as-root", "k8s-host-path", "k8s-pss-selinux"],
        "apps/DaemonSet/kube-system/node-agent": [
            "k8s-host-ipc", "k8s-host-network", "k8s-pss-sysctls", "k8s-privileged", "k8s-pss-proc-mount",
            "k8s-pss-probe-host",
        ],
        "batch/Job/default/migrate": ["k8s-image-latest", "k8s-env-secret-literal"],
        "batch/CronJob/shop/report": ["k8s-host-pid", "k8s-runs-as-root", "k8s-added-capabilities"],
        "apps/ReplicaSet/shop/legacy": ["k8s-pss-host-process", "k8s-host-network"],
        "ReplicationController/shop/old-web": ["k8s-privileged", "k8s-pss-selinux"],
    ]

    /// What the restricted profile adds, per address.
    static let restrictedOnly: [String: Set<String>] = [
        "Pod/shop/debug": [
            "k8s-pss-privilege-escalation-unset", "k8s-pss-run-as-non-root-unset", "k8s-seccomp-unset",
            "k8s-capabilities-not-dropped", "k8s-cpu-requests-missing", "k8s-cpu-limits-missing",
            "k8s-memory-requests-missing", "k8s-memory-limits-missing", "k8s-liveness-probe-missing",
            "k8s-readiness-probe-missing", "k8s-image-no-digest", "k8s-service-account-token-automount",
        ],
        "apps/Deployment/shop/web": [
            "k8s-capabilities-not-dropped", "k8s-image-no-digest", "k8s-service-account-token-automount",
        ],
        "ServiceAccount/shop/web": ["k8s-service-account-token-automount"],
        "apps/StatefulSet/data/db": [
            "k8s-pss-volume-types", "k8s-cpu-limits-missing", "k8s-memory-limits-missing",
            "k8s-readiness-probe-missing",
        ],
        "apps/DaemonSet/kube-system/node-agent": ["k8s-pss-privilege-escalation-unset"],
        "batch/Job/default/migrate": [
            "k8s-default-namespace", "k8s-image-no-digest", "k8s-pss-privilege-escalation-unset",
            "k8s-pss-run-as-non-root-unset",
        ],
        "batch/CronJob/shop/report": ["k8s-pss-volume-types"],
        "apps/ReplicaSet/shop/legacy": [
            "k8s-pss-run-as-non-root-unset", "k8s-seccomp-unset", "k8s-capabilities-not-dropped",
        ],
        "ReplicationController/shop/old-web": ["k8s-pss-privilege-escalation-unset", "k8s-capabilities-not-dropped"],
    ]

    static let cleanAddresses = ["Pod/shop/hardened", "apps/Deployment/shop/api", "Service/shop/web"]

    static func expected(_ profile: RuleProfile) -> [String: Set<String>] {
        profile == .baseline ? baseline : baseline.merging(restrictedOnly) { $0.union($1) }
    }

    static func fired(_ findings: [Finding]) -> [String: Set<String>] {
        findings.reduce(into: [:]) { table, finding in table[finding.resource, default: []].insert(finding.ruleID) }
    }

    @Test func thereIsAFixtureForEveryPodBearingKind() throws {
        let resources = try Self.resources()
        #expect(Set(resources.map(\.type)).isSuperset(of: PodSpecs.kinds))
        #expect(Set(resources.map(\.address)).isSuperset(of: Self.cleanAddresses))
    }

    @Test(arguments: RuleProfile.allCases)
    func firesExactlyTheExpectedRulesPerObject(_ profile: RuleProfile) throws {
        let findings = ManifestFixtures.findings(try Self.resources(), profile: profile, source: .kubernetes)
        let fired = Self.fired(findings)
        let expected = Self.expected(profile)
        for address in Set(fired.keys).union(expected.keys).sorted() {
            let extra = (fired[address] ?? []).subtracting(expected[address] ?? [])
            let missing = (expected[address] ?? []).subtracting(fired[address] ?? [])
            #expect(
                extra.isEmpty && missing.isEmpty,
                "\(profile) \(address): extra \(extra.sorted()), missing \(missing.sorted())")
        }
        // One finding per rule and object: the fingerprint has no room for the container.
        #expect(Set(findings.map(\.fingerprint)).count == findings.count)
    }

    @Test func everyKubernetesRuleFiresOnSomeFixture() {
        let fired = Self.expected(.restricted).values.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(fired == Set(KubernetesRules.all.map(\.description.id)))
    }

    @Test func theBaselineProfileRunsNoRestrictedRule() {
        let baselineRules = RulePolicy(profile: .baseline).apply(to: KubernetesRules.all)
        #expect(baselineRules.allSatisfy { $0.description.profile == .baseline })
        #expect(RulePolicy(profile: .restricted).apply(to: KubernetesRules.all).count == KubernetesRules.all.count)
    }

    /// The examples' hardened pod spec, wrapped in every kind, passes the whole pack.
    @Test(arguments: PodSpecs.kinds)
    func hardenedWorkloadsPassEveryRule(_ kind: String) {
        let object = K8sExample.workload(kind)
        let resource = ManifestFixtures.kubernetesResources([object])[0]
        #expect(PodSpecs(resource) != nil, "the pod template of a \(kind) is found")
        let findings = ManifestFixtures.findings([resource], profile: .restricted, source: .kubernetes)
        #expect(findings.isEmpty, "\(findings.map(\.ruleID))")
    }

    @Test func podSpecsFindTheTemplateAndEveryContainerList() throws {
        let byAddress = Dictionary(uniqueKeysWithValues: try Self.resources().map { ($0.address, $0) })
        let cronJob = try #require(byAddress["batch/CronJob/shop/report"].flatMap(PodSpecs.init))
        #expect(cronJob.specPath == "spec.jobTemplate.spec.template.spec")
        #expect(cronJob.containers.map(\.path) == ["spec.jobTemplate.spec.template.spec.containers.0"])
        let debug = try #require(byAddress["Pod/shop/debug"].flatMap(PodSpecs.init))
        #expect(debug.containers.map(\.name) == ["shell", "debugger"])
        #expect(debug.containers.map(\.list) == [.containers, .ephemeralContainers])
        let agent = try #require(byAddress["apps/DaemonSet/kube-system/node-agent"].flatMap(PodSpecs.init))
        #expect(
            agent.containers.map(\.path) == ["spec.template.spec.containers.0", "spec.template.spec.initContainers.0"])
        #expect(byAddress["Service/shop/web"].flatMap(PodSpecs.init) == nil)
    }

    @Test func findingsNameTheContainersAndPointAtTheField() throws {
        let findings = ManifestFixtures.findings(try Self.resources(), profile: .restricted, source: .kubernetes)
        func finding(_ address: String, _ rule: String) throws -> Finding {
            try #require(findings.first { $0.resource == address && $0.ruleID == rule })
        }
        let capabilities = try finding("apps/Deployment/shop/web", "k8s-added-capabilities")
        #expect(capabilities.title == "apps/Deployment/shop/web: adds Linux capabilities: NET_ADMIN, SYS_TIME")
        #expect(capabilities.severity == .high, "NET_ADMIN is host-escape grade")
        #expect(capabilities.evidence.first?.path == "spec.template.spec.containers.0.securityContext.capabilities.add")
        #expect(try finding("batch/CronJob/shop/report", "k8s-added-capabilities").severity == .medium)
        let privileged = try finding("apps/DaemonSet/kube-system/node-agent", "k8s-privileged")
        #expect(privileged.title == "apps/DaemonSet/kube-system/node-agent: runs a privileged container ('setup')")
        #expect(privileged.evidence.first?.path == "spec.template.spec.initContainers.0.securityContext.privileged")
        let apparmor = try finding("apps/Deployment/shop/web", "k8s-pss-apparmor")
        #expect(
            apparmor.evidence.first?.path
                == "spec.template.metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/web\"]")
        let sysctls = try finding("apps/DaemonSet/kube-system/node-agent", "k8s-pss-sysctls")
        #expect(sysctls.title.hasSuffix("sets unsafe sysctls: kernel.msgmax"))
        #expect(
            try finding("apps/StatefulSet/data/db", "k8s-host-path").title.hasSuffix("mounts host path(s): /var/lib/db")
        )
        #expect(findings.allSatisfy { $0.category == .security && $0.source == "kubernetes" })
    }

    @Test func literalSecretsNeverReachTheFindings() throws {
        let findings = ManifestFixtures.findings(try Self.resources(), profile: .restricted, source: .kubernetes)
        let secret = try #require(
            findings.first { $0.ruleID == "k8s-env-secret-literal" && $0.resource == "Pod/shop/debug" })
        #expect(
            secret.title
                == "Pod/shop/debug: sets secret-looking environment variables to literal values: DB_PASSWORD ('shell')")
        let encoded = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
        #expect(!encoded.contains("fixture-not-a-real-password"))
        #expect(!encoded.contains("fixture-token-value-1234"))
    }

    /// The original's ids it does not report here: the kinds and container lists it does not read.
    static let readOnlyByUs: Set<String> = [
        "Pod/shop/debug k8s-added-capabilities",  // SYS_PTRACE is added by the ephemeral container
        "ReplicationController/shop/old-web k8s-privileged",
        "ReplicationController/shop/old-web k8s-capabilities-not-dropped",
    ]

    /// The original, run on the same objects (its normal scan and its compliance pass), gives the same
    /// findings and fingerprints for its ten ids, but for the documented differences above.
    @Test func fingerprintsMatchThePythonOriginal() throws {
        let objects = try ManifestFixtures.kubernetesObjects(Self.files)
        let script = """
            import json, sys
            from steadystate.sources.k8s import resources_from_manifests
            from steadystate.domains.security_k8s import KubernetesSecurityDomain
            resources = resources_from_manifests(json.load(open(sys.argv[1])))
            domain = KubernetesSecurityDomain()
            for f in domain.evaluate(resources) + domain.evaluate_posture(resources):
                print(f.fingerprint, f.identity, f.rule_id, f.severity.name.lower())
            """
        guard let lines = try ManifestFixtures.runOriginal(script, input: .array(objects)) else { return }
        let theirs = Set(lines)
        let originalIDs = Set(theirs.map { String($0.split(separator: " ")[2]) })
        #expect(
            originalIDs.count == 10, "the fixtures exercise every one of the original's ids: \(originalIDs.sorted())")
        let ours = ManifestFixtures.findings(
            ManifestFixtures.kubernetesResources(objects), profile: .restricted, source: .kubernetes
        ).filter { originalIDs.contains($0.ruleID) }
        let shared = Set(ours.map { "\($0.fingerprint) \($0.identity) \($0.ruleID) \($0.severity.rawValue)" })
            .filter { !Self.readOnlyByUs.contains($0.split(separator: " ")[1...2].joined(separator: " ")) }
        #expect(
            shared == theirs,
            "ours only: \(shared.subtracting(theirs).sorted()); theirs only: \(theirs.subtracting(shared).sorted())")
        let onlyOurs = Set(ours.map { "\($0.identity) \($0.ruleID)" }).subtracting(
            theirs.map { $0.split(separator: " ")[1...2].joined(separator: " ") })
        #expect(onlyOurs == Self.readOnlyByUs)
    }
}
