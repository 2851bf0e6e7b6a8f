import Core
import Foundation
import Pipeline
import Testing

/// terraform or helm missing, crashing, hanging past the timeout or printing garbage: a clear error naming the
/// tool and its command line, the other target still scanned, and the run report holding the stderr tail.
@Suite(.serialized) struct ToolFaultTests {
    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        var tool: String
        /// The fake's script; nil means the tool is missing.
        var script: String?
        /// What the printed error and the run report must both hold.
        var mustSay: [String]
        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        Fault(name: "terraform crashes", tool: "terraform",
            script: "echo 'panic: runtime error: invalid memory address' >&2\nexit 2\n",
            mustSay: ["terraform", "panic: runtime error: invalid memory address"]),
        Fault(name: "terraform hangs", tool: "terraform",
            script: "echo 'Acquiring state lock. This may take a few moments...' >&2\nexec sleep 600\n",
            mustSay: ["terraform", "Acquiring state lock"]),
        Fault(name: "terraform prints garbage", tool: "terraform",
            script: "printf '\\377\\000{[garbage ::: \\n'\nexit 0\n", mustSay: ["terraform show -json"]),
        Fault(name: "terraform is missing", tool: "terraform", script: nil, mustSay: ["terraform"]),
        Fault(name: "helm crashes", tool: "helm",
            script: "echo 'Error: template: web/templates/x.yaml:3: unexpected EOF' >&2\nexit 1\n",
            mustSay: ["helm template", "unexpected EOF"]),
        Fault(name: "helm hangs", tool: "helm",
            script: "echo 'rendering web' >&2\nexec sleep 600\n", mustSay: ["helm template", "rendering web"]),
        Fault(name: "helm prints garbage", tool: "helm",
            script: "printf 'kind: [unclosed\\n  : : :\\n\\t- {\\n'\nexit 0\n", mustSay: ["charts/web"]),
        Fault(name: "helm is missing", tool: "helm", script: nil, mustSay: ["helm"]),
    ]

    @Test(arguments: faults)
    func aBrokenToolFailsItsTargetOnly(_ fault: Fault) async throws {
        try await ReliabilityLedger.record("tool fault: \(fault.name)") { counts in
            let root = try TestSupport.temporaryDirectory("tool-fault")
            defer { TestSupport.cleanUp(root) }
            try TestSupport.copyFixture("pipeline/small-plan.json", to: root + "/captured/plan.json")
            let broken = fault.tool == "terraform"
                ? "[[targets]]\nname = \"broken\"\nsource = \"terraform-state\"\npath = \"live\"\n"
                : "[[targets]]\nname = \"broken\"\nsource = \"helm\"\npath = \"charts/web\"\n"
            try TestSupport.write([
                "live/main.tf": "resource \"terraform_data\" \"x\" {}\n",
                "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
                "charts/web/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n",
                "steadystate/config.toml": "[tools]\ntimeout = 2\n\n" + broken
                    + "\n[[targets]]\nname = \"captured\"\nsource = \"terraform\"\npath = \"captured/plan.json\"\n",
            ], under: root)
            let executable = try fault.script.map { try FakeTool.write(fault.tool, in: root, script: $0) }
                ?? root + "/nowhere/\(fault.tool)"
            let variable = fault.tool == "terraform" ? "STEADYSTATE_TERRAFORM_BIN" : "STEADYSTATE_HELM_BIN"
            let output = CollectingOutput()
            let environment = TestSupport.environment(
                in: root, variables: [variable: executable, "PATH": "/usr/bin:/bin"], output: output)
            counts.faultsInjected += 1
            let clock = ContinuousClock()
            let started = clock.now
            let code = await ScanCommand.run(ScanOptions(command: "scan", inputs: .init(), allowsGitHub: false), environment: environment)
            let printed = output.standardOutput + output.standardError
            // A hung fake sleeps ten minutes; returning well before that (with room for a loaded machine) proves the
            // 2 s timeout stopped it.
            #expect(clock.now - started < .seconds(150), "the run waited for a hung tool")
            #expect(code == ExitStatus.toolFailed, "\(printed)")
            #expect(printed.contains("aws_security_group.bastion"), "the captured target was not scanned:\n\(printed)")
            let report = try String(contentsOfFile: root + "/.steadystate/report.json", encoding: .utf8)
            for text in fault.mustSay {
                #expect(printed.contains(text), "the error does not say '\(text)':\n\(printed)")
                #expect(report.contains(text), "the run report does not hold '\(text)'")
            }
        }
    }
}
