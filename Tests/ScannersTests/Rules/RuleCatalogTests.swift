import Core
import Foundation
import Testing

@testable import Scanners

@Suite struct RuleCatalogTests {
    @Test(arguments: RuleCatalog.all.map(\.description.id))
    func examplesBehave(_ id: String) throws {
        let rule = try #require(RuleCatalog.all.first { $0.description.id == id })
        #expect(!rule.examples.triggering.isEmpty && !rule.examples.nonTriggering.isEmpty)
        /// A Kubernetes example is a whole object and is checked as its own kind; the others as every type the
        /// rule reads, among the rule's context resources.
        func violations(_ attributes: JSONValue) -> Int {
            let types = attributes["kind"]?.stringValue.map { [$0] } ?? rule.description.resourceTypes
            return types.map { type in
                #expect(rule.description.resourceTypes.contains(type), "\(id) example of kind \(type)")
                let resource = Resource(address: "\(type).example", type: type, name: "example", attributes: attributes)
                return rule.check(resource, in: ResourceInventory(rule.examples.context + [resource])).count
            }.reduce(0, +)
        }
        for example in rule.examples.triggering {
            #expect(violations(example) >= 1, "\(id) should trigger on \(example.compactText)")
        }
        for example in rule.examples.nonTriggering {
            #expect(violations(example) == 0, "\(id) should not trigger on \(example.compactText)")
        }
    }

    @Test func idsAreUniqueAndCarryTheirPack() {
        let ids = RuleCatalog.all.map(\.description.id)
        #expect(Set(ids).count == ids.count)
        for rule in RuleCatalog.all {
            let description = rule.description
            #expect(description.id.hasPrefix(description.pack + "-"), "\(description.id)")
            #expect(description.id == description.id.lowercased())
            #expect(!description.references.isEmpty, "\(description.id) names its benchmark or technique")
            if let checkov = description.checkov {
                #expect(checkov.wholeMatch(of: /CKV2?_(AWS|GCP|AZURE|K8S|DOCKER)_[0-9]+/) != nil, "\(description.id): \(checkov)")
            }
            switch description.pack {
            case "aws", "gcp", "azure":
                // nil where Checkov has no equivalent check; otherwise a real id, never a guess.
                #expect(description.profile == nil)
                #expect(description.remediation.contains("="), "remediation of \(description.id) has HCL")
            default:
                #expect(description.profile != nil, "\(description.id) names the profile that runs it")
                #expect(description.category == .security)
                #expect(description.remediation.contains(":\n"), "remediation of \(description.id) has YAML")
            }
        }
    }

    /// Every rule a PSS control names runs under the profile that control belongs to, or a lower one.
    @Test func pssReferencesMatchTheProfile() {
        for rule in RuleCatalog.all {
            let controls = rule.description.references.filter { $0.hasPrefix("PSS ") }
            guard let profile = rule.description.profile, !controls.isEmpty else { continue }
            if profile == .restricted {
                #expect(controls.allSatisfy { $0.hasPrefix("PSS restricted: ") }, "\(rule.description.id)")
            }
        }
    }
}
