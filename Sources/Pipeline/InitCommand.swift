import Core
import Foundation

/// `steadystate init`: scaffolds `steadystate/` with commented defaults, never overwriting a file.
public enum InitCommand {
    public static func run(directory: String?, environment: RunEnvironment) -> Int32 {
        let root = RunEnvironment.absolute(directory ?? ".", in: environment.currentDirectory)
        guard environment.fileSystem.isDirectory(root) else {
            environment.printError("steadystate: \(directory ?? root): no such directory (--dir)")
            return ExitStatus.usageError
        }
        let files: [(String, String)] = [
            (IntentPaths.config, configTemplate),
            (IntentPaths.solutions, "[]\n"),
            (IntentPaths.checks, "[]\n"),
        ]
        var failed = false
        for (relative, content) in files {
            let path = RunEnvironment.absolute(relative, in: root)
            if environment.fileSystem.fileExists(path) {
                environment.print("kept     \(relative) (already there)")
                continue
            }
            do {
                try environment.fileSystem.writeFile(path, Data(content.utf8))
                environment.print("created  \(relative)")
            } catch {
                environment.printError("steadystate: \(relative): cannot write: \(error.localizedDescription)")
                failed = true
            }
        }
        let gitignore = RunEnvironment.absolute(".gitignore", in: root)
        let existing = (try? environment.fileSystem.readFile(gitignore)).map { String(decoding: $0, as: UTF8.self) }
        let ignored = existing?.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == ".steadystate/" || $0 == ".steadystate" } ?? false
        if !ignored {
            let prefix = (existing?.isEmpty ?? true) || existing?.hasSuffix("\n") == true ? "" : "\n"
            do {
                try environment.fileSystem.appendFile(
                    gitignore, Data((prefix + "# steadystate run output (reports, temporary plans)\n.steadystate/\n").utf8))
                environment.print("updated  .gitignore (.steadystate/ is run output)")
            } catch {
                environment.printError("steadystate: .gitignore: cannot update: \(error.localizedDescription)")
                failed = true
            }
        }
        if failed { return ExitStatus.toolFailed }
        environment.print("next: edit steadystate/config.toml, then run 'steadystate validate' and 'steadystate scan'")
        return ExitStatus.pass
    }

    /// Every key with its default, commented out, so the file documents itself.
    public static let configTemplate = """
        # steadystate configuration: committed intent for the pre-merge gate.
        # Precedence for every setting: command-line flag > STEADYSTATE_* environment variable > this file > built-in.
        # Reference: docs/repo-native-posture.md

        [defaults]
        # What to scan when no flag says: terraform | terraform-state | helm | kubernetes | kustomize | docker-compose.
        # source = "terraform"
        # The folder (a Terraform root) or a captured plan JSON file, relative to the repository root.
        # path = "."

        [ci]
        # Fail the merge on findings at or above: any | low | medium | high | critical | none.
        # fail_on = "any"
        # Where to report, comma-separated: console, github.
        # to = "console"
        # Deliveries: none | github-pr.
        # deliver = "none"
        # Finding categories that gate: drift, security, custom.
        # categories = ["drift", "security", "custom"]

        # [bound]
        # Highest impact a fix may have and still be applied unattended, per reversibility:
        # lossless = "tenant"
        # self_healing = "service"
        # recoverable = "none"
        # irreversible = "none"

        # [github]
        # Issue filing bar (also STEADYSTATE_GITHUB_SEVERITY): low | medium | high | critical.
        # severity = "high"
        # labels = ["infra"]

        # [tools]
        # Seconds a tool call may run before it is stopped.
        # timeout = 300
        # terraform = "/usr/local/bin/terraform"

        # Several roots in one repository: one [[targets]] table each.
        # [[targets]]
        # name = "prod"
        # source = "terraform-state"
        # path = "infra/prod"

        # Waivers: accept a finding for a while, with a reason.
        # [[suppress]]
        # rule = "aws-s3-public-acl"
        # resource = "aws_s3_bucket.website"
        # reason = "public website bucket, reviewed by security"
        # expires = 2026-12-31

        """
}
