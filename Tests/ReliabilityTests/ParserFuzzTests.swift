import Core
import Foundation
@testable import GitHub
@testable import Scanners
import Testing

/// Thousands of mutated inputs through the public entry point the product uses for each format it reads.
///
/// A crash kills the test process (that is the failure, and the ledger shows it); each call must return within
/// a bound; a rejected input must be the parser's typed error, and its message must name the file (or, for a
/// GitHub response, the call), so a CI log says where to look.
struct ParserFuzzTests {
    /// Inputs per parser: enough to reach every mutation many times, small enough for a debug build on 2 cores.
    static let inputsPerParser = 2_000
    /// Wall time one parse may take in a debug build, nesting bombs included.
    static let perCallBound: Duration = .seconds(3)

    /// What one input did.
    enum Outcome {
        case accepted
        /// The parser's typed error, as printed.
        case rejected(String)
        /// Some other error type escaped: the product would print something unhelpful.
        case untyped(String)
    }

    struct ParserCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// What a rejection must mention: the file, or the GitHub call. Empty for plan JSON, whose decoder takes no
        /// file name (the terraform source wraps its error in `ToolError.badInputFile`, naming the plan file).
        var mustName: String
        var seeds: [String]
        var structural: String
        var parse: @Sendable (Data) async -> Outcome
        var testDescription: String { name }
    }

    static func fixture(_ path: String) -> String {
        (try? String(contentsOfFile: TestSupport.packageRoot + "/" + path, encoding: .utf8)) ?? ""
    }

    static func typed<E: Error & CustomStringConvertible>(_ body: () throws(E) -> Void) -> Outcome {
        do {
            try body()
            return .accepted
        } catch {
            return .rejected(error.description)
        }
    }

    static let context = RuleEngine.Context(source: .terraform, target: "infra")

    static let cases: [ParserCase] = [
        ParserCase(
            name: "config.toml", mustName: "steadystate/config.toml",
            seeds: [fixture("examples/demo/steadystate/config.toml"), "[[targets]]\nname = \"a\"\nsource = \"helm\"\npath = \"c\"\nset = { a = 1 }\n"],
            structural: "[{]}=\".,'\n#"
        ) { data in
            typed { () throws(ConfigError) in
                _ = try ProjectConfig.parse(String(decoding: data, as: UTF8.self), file: "steadystate/config.toml")
            }
        },
        ParserCase(
            name: "solutions.json", mustName: "steadystate/solutions.json",
            seeds: [fixture("examples/demo/steadystate/solutions.json"), fixture("Tests/Fixtures/runbook/valid-solutions.json")],
            structural: "[{]}:,\"\\"
        ) { data in
            do throws(ConfigError) {
                let (_, problems) = try SolutionsFile.parse(data, file: "steadystate/solutions.json")
                let unnamed = problems.first { $0.file != "steadystate/solutions.json" }
                return unnamed.map { .untyped("a problem names \($0.file)") } ?? .accepted
            } catch {
                return .rejected(error.description)
            }
        },
        ParserCase(
            name: "checks.json", mustName: "steadystate/checks.json",
            seeds: [fixture("Tests/Fixtures/runbook/valid-checks.json"), fixture("Tests/Fixtures/runbook/valid-checks-trees.json")],
            structural: "[{]}:,\"\\"
        ) { data in
            do throws(ConfigError) {
                let (_, problems) = try ChecksFile.parse(data, file: "steadystate/checks.json")
                let unnamed = problems.first { $0.file != "steadystate/checks.json" }
                return unnamed.map { .untyped("a problem names \($0.file)") } ?? .accepted
            } catch {
                return .rejected(error.description)
            }
        },
        ParserCase(
            name: "mutes.json", mustName: ".steadystate-mutes.json",
            seeds: [#"{"muted": [{"fingerprint": "abc", "reason": "r", "expires": "2099-01-01"}]}"#, "[]"],
            structural: "[{]}:,\"\\"
        ) { data in
            typed { () throws(ConfigError) in _ = try Waiver.parseMutes(data, file: ".steadystate-mutes.json") }
        },
        // Plan and state JSON (`terraform show -json` of a plan made from state) share one decoder; only its
        // public API is used here (its depth bound belongs to the decoder's owner).
        ParserCase(
            name: "plan/state JSON", mustName: "",
            seeds: [fixture("Tests/Fixtures/pipeline/small-plan.json"), fixture("examples/demo/infra/plan.json")],
            structural: "]}[{:,\"\\"
        ) { data in
            do {
                let document = try TerraformPlan.decode(data)
                _ = TerraformPlan.resources(in: document)
                _ = TerraformPlan.driftFindings(in: document, context: context)
                return .accepted
            } catch {
                return .rejected("\(error)")
            }
        },
        ParserCase(
            name: "Kubernetes YAML", mustName: "k8s/app.yaml",
            seeds: [fixture("Tests/Fixtures/kubernetes/manifests/app.yaml"), fixture("Tests/Fixtures/kubernetes/manifests/pod.yml")],
            structural: "[{]}:-,&*!|>'\"\n#"
        ) { data in
            typed { () throws(ManifestError) in _ = try ManifestReader.read(data, file: "k8s/app.yaml", format: .yaml) }
        },
        ParserCase(
            name: "Kubernetes JSON", mustName: "k8s/cronjob.json",
            seeds: [fixture("Tests/Fixtures/kubernetes/manifests/nested/cronjob.json"), fixture("Tests/Fixtures/kubernetes/manifests/nested/typed-list.json")],
            structural: "[{]}:,\"\\"
        ) { data in
            typed { () throws(ManifestError) in _ = try ManifestReader.read(data, file: "k8s/cronjob.json", format: .json) }
        },
        ParserCase(
            name: "compose", mustName: "compose.yaml",
            seeds: [fixture("Tests/Fixtures/compose/rules/docker-compose.yml"), fixture("Tests/Fixtures/compose/override/compose.yaml")],
            structural: "[{]}:-,&*<|>'\"\n#$"
        ) { data in
            typed { () throws(ComposeError) in
                let text = String(decoding: data, as: UTF8.self)
                let root = try ComposeYAML.parse(text, file: "compose.yaml")
                if let root, ComposeSnapshot.isSnapshot(root) {
                    _ = try ComposeSnapshot.read(root: root, file: "compose.yaml")
                } else {
                    _ = try ComposeDocument.read(root: root, file: "compose.yaml")
                }
            }
        },
        ParserCase(
            name: "compose snapshot", mustName: "compose-snapshot.json",
            seeds: [fixture("Tests/Fixtures/compose/snapshot/compose-snapshot.json")],
            structural: "[{]}:,\"\\"
        ) { data in
            typed { () throws(ComposeError) in
                guard let root = try ComposeYAML.parse(String(decoding: data, as: UTF8.self), file: "compose-snapshot.json"),
                    ComposeSnapshot.isSnapshot(root)
                else { return }
                _ = try ComposeSnapshot.read(root: root, file: "compose-snapshot.json")
            }
        },
        ParserCase(
            name: "helm template output", mustName: "charts/web",
            seeds: [helmRendered],
            structural: "[{]}:-,&*|>'\"\n#"
        ) { data in
            typed { () throws(ManifestError) in
                let text = String(decoding: data, as: UTF8.self)
                let index = HelmTemplate.SourceIndex(rendered: text)
                let read = try ManifestReader.read(text, file: "charts/web", format: .yaml)
                for object in read.objects { _ = index.source(forLine: object.line) }
            }
        },
        ParserCase(
            name: "helm list JSON", mustName: "releases.json",
            seeds: [fixture("Tests/Fixtures/helm/releases.json")],
            structural: "[{]}:,\"\\"
        ) { data in
            typed { () throws(ManifestError) in
                _ = try HelmReleaseList.driftFindings(
                    in: String(decoding: data, as: UTF8.self), file: "releases.json",
                    context: RuleEngine.Context(source: .helm, target: "releases"))
            }
        },
        ParserCase(
            name: "GitHub responses", mustName: "GET /repos/o/r",
            seeds: GitHubBodies.all, structural: "[{]}:,\"\\"
        ) { data in
            await GitHubBodies.decodeAll(data)
        },
    ]

    static let helmRendered = """
        ---
        # Source: web/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          ports: [{port: 80, targetPort: 8080}]
        ---
        # Source: web/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: &labels {app: web}
        spec:
          selector: {matchLabels: *labels}
          template:
            spec:
              containers:
                - name: web
                  image: "nginx:1.25"
                  securityContext: {privileged: true}

        """

    @Test(arguments: cases)
    func mutatedInputsNeverCrashHangOrLoseTheFileName(_ parser: ParserCase) async throws {
        try await ReliabilityLedger.record("fuzz \(parser.name)") { counts in
            let seeds = parser.seeds.filter { !$0.isEmpty }
            try #require(!seeds.isEmpty, "the seed fixtures of \(parser.name) are missing")
            var mutator = Mutator(seed: 0x5EED_0000 &+ UInt64(parser.name.utf8.count), structural: parser.structural)
            let clock = ContinuousClock()
            var rejected = 0
            for index in 0..<Self.inputsPerParser {
                // Parsing is CPU work on one of the few cooperative threads: yield between inputs so the GitHub
                // emulators of tests running alongside still get answered.
                await Task.yield()
                let input = mutator.mutate(Data(seeds[index % seeds.count].utf8))
                if let dump = ProcessInfo.processInfo.environment["STEADYSTATE_FUZZ_DUMP"] {
                    try? input.write(to: URL(fileURLWithPath: dump + "/" + parser.name.replacingOccurrences(of: "/", with: "_")))
                }
                let started = clock.now
                let outcome = await parser.parse(input)
                let elapsed = clock.now - started
                counts.inputsFuzzed += 1
                #expect(elapsed < Self.perCallBound, "\(parser.name) input #\(index) took \(elapsed)")
                switch outcome {
                case .accepted: break
                case .rejected(let message):
                    rejected += 1
                    #expect(parser.mustName.isEmpty || message.contains(parser.mustName), "\(parser.name) input #\(index): \(message.prefix(300))")
                case .untyped(let message):
                    Issue.record("\(parser.name) input #\(index): not the typed error: \(message.prefix(300))")
                }
            }
            // A mutator that never breaks anything would prove nothing.
            #expect(rejected > Self.inputsPerParser / 20, "\(parser.name): only \(rejected) inputs were rejected")
        }
    }
}
