import Core
import Foundation
import Testing

@testable import Scanners

/// What doctor tells a team about credentials: data sources and providers, from terraform's own output.
@Suite struct TerraformRequirementsTests {
    /// `terraform graph` output of Terraform 1.15 for a root with a module (captured from the fixture).
    static let graph = """
        digraph G {
          rankdir = "RL";
          node [shape = rect, fontname = "sans-serif"];
          "data.aws_caller_identity.me" [label="data.aws_caller_identity.me"];
          "aws_s3_bucket.logs" [label="aws_s3_bucket.logs"];
          "aws_s3_bucket.logs" -> "data.aws_caller_identity.me";
          subgraph "cluster_module.net" {
            label = "module.net"
            "module.net.data.aws_region.here" [label="data.aws_region.here"];
            "module.net.data.terraform_remote_state.core" [label="data.terraform_remote_state.core"];
            "module.net.database.main" [label="database.main"];
          }
        }
        """

    @Test func graphNodesThatAreDataSources() {
        #expect(TerraformRequirements.dataSources(inGraph: Self.graph) == [
            "data.aws_caller_identity.me", "module.net.data.aws_region.here",
            "module.net.data.terraform_remote_state.core",
        ])
    }

    @Test func providerTreeAddresses() {
        let tree = """
            Providers required by configuration:
            .
            ├── provider[registry.terraform.io/hashicorp/aws] 3.39.0
            └── module.net
                ├── provider[terraform.io/builtin/terraform]
                └── provider[registry.terraform.io/hashicorp/aws]

            Providers required by state:

                provider[registry.terraform.io/hashicorp/google]
            """
        #expect(TerraformRequirements.providers(inTree: tree) == [
            "registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/google",
            "terraform.io/builtin/terraform",
        ])
    }

    @Test(arguments: [
        ("aws", "OIDC role"), ("google", "GOOGLE_APPLICATION_CREDENTIALS"), ("azurerm", "ARM_CLIENT_ID"),
        ("terraform", "terraform_remote_state"), ("random", "nothing"), ("datadog", "datadog provider's read"),
    ])
    func credentialsAreNamedPerProvider(provider: String, mentions: String) {
        #expect(TerraformRequirements.credentials(forProvider: provider).contains(mentions))
    }

    @Test func capturedPlanConfigurationListsDataSourcesOfEveryModule() throws {
        let plan = try TerraformPlan.decode(Data("""
            {"configuration": {
              "provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}},
              "root_module": {
                "resources": [
                  {"address": "data.aws_ami.ubuntu", "mode": "data", "type": "aws_ami", "name": "ubuntu"},
                  {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web"}
                ],
                "module_calls": {"net": {"module": {"resources": [
                  {"address": "data.aws_vpc.main", "mode": "data", "type": "aws_vpc", "name": "main"}
                ]}}}
              }}}
            """.utf8))
        let found = TerraformRequirements.fromPlan(plan)
        #expect(found.providers == ["registry.terraform.io/hashicorp/aws"])
        #expect(found.dataSources == ["data.aws_ami.ubuntu", "module.net.data.aws_vpc.main"])
        #expect(found.dataSourcesByProvider.map(\.provider) == ["aws"])
    }

    /// Real terraform, the real AWS provider from the offline mirror: a root never initialised is inspected
    /// without a backend, without credentials, and left exactly as it was.
    @Test func realRootIsInspectedAndLeftUntouched() async throws {
        guard let terraform = TestTools.requireTerraform(#function), let aws = AWSEmulation.require(#function) else {
            return
        }
        let work = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-requirements")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try TestTools.copyTree(TestTools.fixture("terraform/requirements"), to: work + "/infra")
        let before = try FileManager.default.subpathsOfDirectory(atPath: work + "/infra").sorted()
        let context = ScanContext(
            workingDirectory: work, runner: LiveProcessRunner(), fileSystem: LocalFileSystem(),
            tools: ToolPaths(terraform: terraform), toolEnvironment: try aws.terraformEnvironment(home: work),
            timeoutSeconds: 120)
        let found = try await TerraformSource().requirements(
            of: ScanTarget(source: .terraformState, path: "infra"), context: context)
        #expect(found.dataSources == [
            "data.aws_caller_identity.me", "module.net.data.aws_region.here",
            "module.net.data.terraform_remote_state.core",
        ])
        #expect(found.providers.contains("registry.terraform.io/hashicorp/aws"))
        #expect(found.providers.contains("terraform.io/builtin/terraform"))
        #expect(found.dataSourcesByProvider.map(\.provider) == ["aws", "terraform"])
        let after = try FileManager.default.subpathsOfDirectory(atPath: work + "/infra").sorted()
        #expect(after == before, "doctor left files behind: \(Set(after).subtracting(before))")
    }
}
