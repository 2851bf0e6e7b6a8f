import Foundation
import Testing

/// A nested infrastructure monorepo, created as a real git repository in a temporary folder, for the
/// discovery tests: what discovery must find, and what it must pass over.
enum MonorepoFixture {
    static let files: [String: String] = [
        ".gitignore": "# build output and scratch work\n/build/\n*.tfstate\nscratch/\n*.local.yaml\n",
        // Terraform: two roots (one with a backend, one nobody calls), one called module, one library module.
        "infra/envs/prod/main.tf": """
        terraform {
          backend "local" {}
        }

        module "network" {
          source = "../../modules/network"
          name   = "prod"
        }
        """,
        "infra/envs/staging/main.tf": """
        module "network" {
          source = "../../modules/network"
          name   = "staging"
        }

        resource "terraform_data" "marker" {
          input = "staging"
        }
        """,
        "infra/modules/network/main.tf": """
        variable "name" {
          type = string
        }

        resource "terraform_data" "network" {
          input = var.name
        }
        """,
        "infra/modules/dns/main.tf": "variable \"zone\" {\n  type = string\n}\n",
        // Helm: two charts; the subchart and the templates belong to their chart.
        "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "charts/web/values.yaml": "replicaCount: 1\n",
        "charts/web/templates/deployment.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        """,
        "charts/web/charts/redis/Chart.yaml": "apiVersion: v2\nname: redis\nversion: 1.0.0\n",
        "charts/worker/Chart.yaml": "apiVersion: v2\nname: worker\nversion: 0.2.0\n",
        // Kustomize: an overlay built on a base; the base's manifest is an input, not a folder of its own.
        "k8s/base/kustomization.yaml":
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n",
        "k8s/base/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n",
        "k8s/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n",
        "k8s/overlays/prod/replicas.yaml":
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n",
        // Plain manifests, in a folder and a subfolder; YAML without apiVersion/kind is not a manifest.
        "manifests/namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
        "manifests/monitoring/rules.yml":
            "---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: shop\n",
        "manifests/monitoring/dev.local.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dev\n",
        "docs/mkdocs.yml": "site_name: infra\nnav:\n  - index.md\n",
        // Compose: a project with an override file.
        "services/shop/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
        "services/shop/compose.override.yaml": "services:\n  web:\n    ports:\n      - \"8080:80\"\n",
        // Ignored (.gitignore), excluded ([discovery] exclude) and never-entered folders.
        "scratch/main.tf": "resource \"terraform_data\" \"tmp\" {}\n",
        "scratch/compose.yaml": "services:\n  x:\n    image: busybox\n",
        "legacy/old-stack/main.tf": "terraform {\n  backend \"local\" {}\n}\n",
        "node_modules/some-package/main.tf": "resource \"terraform_data\" \"x\" {}\n",
        // A stale cache: `.terraform` is never searched (it sits in a module here, so no root skips its init).
        "infra/modules/network/.terraform/modules/x/main.tf": "resource \"terraform_data\" \"cached\" {}\n",
    ]

    /// What discovery must find, in walk order: (source, path).
    static let expectedTargets: [(String, String)] = [
        ("helm", "charts/web"), ("helm", "charts/worker"), ("terraform", "infra/envs/prod"),
        ("terraform", "infra/envs/staging"), ("kustomize", "k8s/overlays/prod"), ("kubernetes", "manifests"),
        ("kubernetes", "manifests/monitoring"), ("docker-compose", "services/shop"),
    ]

    static let expectedSkipped: Set<String> = [
        "legacy/ (excluded by 'legacy/**' in [discovery] exclude)",
        "scratch/ (ignored by 'scratch/' in .gitignore)",
        "manifests/monitoring/dev.local.yaml (ignored by '*.local.yaml' in .gitignore)",
        "infra/modules/network (terraform module used by infra/envs/prod, infra/envs/staging)",
        "infra/modules/dns (terraform module: inside a modules/ folder, with no backend or provider)",
        "k8s/base (kustomize base used by k8s/overlays/prod)",
    ]

    static let exclude = ["legacy/**"]

    /// Creates the repository (with `git init` when git is installed) and returns its root.
    static func create() throws -> String {
        let root = try TestSupport.temporaryDirectory("monorepo")
        try TestSupport.write(files, under: root)
        if Git.isAvailable { _ = try Git.run(["init", "-q"], in: root) }
        return root
    }
}

/// The real git, isolated from the machine's configuration, to check our ignore rules against git's own.
enum Git {
    static var executable: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/git" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var isAvailable: Bool { executable != nil }

    /// git, or `nil` after recording an issue in CI (where a missing git is a broken runner) or noting the skip.
    static func require(_ test: String) -> String? {
        if let executable { return executable }
        if TestSupport.isCI { Issue.record("git is not on PATH; CI must provide it") }
        print("skipping \(test): git is not on PATH")
        return nil
    }

    static func run(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? "/usr/bin/git")
        process.arguments = ["-c", "core.excludesFile=/dev/null"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": directory, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The untracked files git does not ignore (nothing is committed, so: every file git would see).
    static func visibleFiles(in directory: String) throws -> Set<String> {
        Set(
            try run(["ls-files", "--others", "--exclude-standard"], in: directory).split(separator: "\n").map(
                String.init))
    }
}
