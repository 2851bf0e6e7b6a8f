import Core
import Testing

@testable import Scanners

/// A change's type, replacement and detail words come from its actions without building sets or strings for
/// the usual lists; these hold them to the definitions they replaced.
@Suite struct PlannedChangeWordsTests {
    static func change(_ actions: [String]) -> PlannedChange? {
        PlannedChange(
            .object(["address": .string("aws_s3_bucket.a"), "type": .string("aws_s3_bucket"),
                "change": .object(["actions": .array(actions.map { .string($0) })])]),
            isActionable: true)
    }

    @Test(arguments: [
        ["create"], ["delete"], ["update"], ["delete", "create"], ["create", "delete"], ["create", "delete", "create"],
        ["create", "update"], ["read"], ["no-op"], ["forget"], ["delete", "forget"],
    ])
    func wordsMatchTheirDefinitions(actions: [String]) {
        guard let change = Self.change(actions) else {
            #expect(actions.allSatisfy { $0 == "no-op" || $0 == "read" })
            return
        }
        #expect(change.isReplace == (Set(change.actions) == ["create", "delete"]))
        let expectedType: ChangeType =
            change.actions == ["create"] ? .added : change.actions == ["delete"] ? .removed : .modified
        #expect(change.changeType == expectedType)
        #expect(
            PlannedChange.applyDetail(change.actions)
                == "The plan differs from the recorded state: `terraform apply` would \(change.actions.joined(separator: " and ")) it.")
    }
}
