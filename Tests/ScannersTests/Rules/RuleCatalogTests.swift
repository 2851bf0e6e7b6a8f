import Core
import Foundation
import Testing

@testable import Scanners

@Suite struct RuleCatalogTests {
    @Test(arguments: RuleCatalog.all.map(\.description.id))
    func examplesBehave(_ id: String) throws {
        let rule = try #require(RuleCatalog.all.first { $0.description.id == id })
        #expect(!rule.examples.triggering.isEmpty && !rule.examples.nonTriggering.isEmpty)
        // Each example is judged as every type the rule reads, among the rule's context resources.
        func violations(_ attributes: JSONValue) -> Int {
            rule.description.resourceTypes.map { type in
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
            #expect(rule.description.id.hasPrefix(rule.description.pack + "-"), "\(rule.description.id)")
            // A Checkov id is optional (nil where Checkov has no equivalent); references are not.
            #expect(!rule.description.references.isEmpty)
            #expect(rule.description.remediation.contains("="), "remediation of \(rule.description.id) has HCL")
        }
    }
}
