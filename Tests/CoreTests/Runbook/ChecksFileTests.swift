import Foundation
import Testing

@testable import Core

struct ChecksFileTests {
    static let file = "steadystate/checks.json"

    @Test func fixtureLoadsEveryKind() throws {
        let (checks, problems) = try ChecksFile.parse(RunbookPaths.fixture("valid-checks.json"), file: Self.file)
        #expect(problems == [])
        #expect(checks.map(\.reader.kind) == [
            "kubectl-cpu", "kubectl-mem", "kubectl-log", "docker-log", "ansible-service", "http",
            "resource", "resource", "resource", "resource",
        ])
        #expect(
            checks.first
                == Check(
                    name: "web-cpu", reader: .kubectlCPU(selector: "app=web", aggregate: .max, threshold: .init(op: .greaterThan, value: 800)),
                    namespace: "shop", severity: .high, title: "web CPU above 800m"))
        #expect(checks[1].reader == .kubectlMemory(selector: "app=web", aggregate: .sum, threshold: .init(op: .lessOrEqual, value: 12.5)))
        #expect(checks[2].reader == .kubectlLog(selector: "app=postfix", tail: 500, expectation: .init(pattern: "status=sent", expect: .present)))
        #expect(checks[3].reader == .dockerLog(selector: "name=worker", tail: 200, expectation: .init(pattern: "Traceback", expect: .absent)))
        #expect(checks[4].reader == .ansibleService(hostPattern: "mail*", service: "postfix", expect: .active))
        #expect(checks[5].reader == .http(url: "https://shop.example/healthz", method: .head, status: 204, body: "ok|ready"))
        #expect(checks[5].namespace == nil)
        #expect(
            checks[6].reader
                == .resource(
                    selector: ResourceSelector(types: ["aws_s3_bucket"], filters: ["tags.env": "prod"]),
                    condition: .test(path: "versioning.0.enabled", op: .equals, value: true)))
        #expect(checks[7].namespace == "shop")
        #expect(
            checks[9].reader
                == .resource(
                    selector: ResourceSelector(types: ["aws_instance"]), condition: .test(path: "tags.owner", op: .absent, value: nil)))
    }

    static let emit = #""emit": {"severity": "high", "title": "t"}"#
    static let cpu = #""read": {"kind": "kubectl-cpu", "selector": "app=web", "namespace": "ns""#
    static let log = #""read": {"kind": "docker-log", "selector": "name=w""#
    static let http = #""read": {"kind": "http", "url": "https://x""#
    static let res = #""read": {"kind": "resource", "type": "aws_s3_bucket""#

    /// One broken field each; every one must yield exactly one error naming that field.
    static let invalidEntries: [(json: String, field: String)] = [
        (#"{"name": "", \#(cpu)}, "when": {"op": ">", "value": 1}, \#(emit)}"#, "name"),
        (#"{"name": 5, \#(cpu)}, "when": {"op": ">", "value": 1}, \#(emit)}"#, "name"),
        (#"{"name": "c", "read": "kubectl-cpu", "when": {"op": ">", "value": 1}, \#(emit)}"#, "read"),
        (#"{"name": "c", "read": [1], "when": {"op": ">", "value": 1}, \#(emit)}"#, "read"),
        (#"{"name": "c", "read": null, "when": {"op": ">", "value": 1}, \#(emit)}"#, "read.kind"),
        (#"{"name": "c", \#(cpu)}, "when": "x > 1", \#(emit)}"#, "when"),
        (#"{"name": "c", \#(cpu)}, "when": {"op": ">", "value": 1}, "emit": 3}"#, "emit"),
        (#"{"name": "c", \#(cpu)}, "when": {"op": ">", "value": 1}, "emit": {"severity": "High", "title": "t"}}"#, "emit.severity"),
        (#"{"name": "c", \#(cpu)}, "when": {"op": ">", "value": 1}, "emit": {"severity": "low", "title": ""}}"#, "emit.title"),
        (#"{"name": "c", "read": {"kind": "shell", "selector": "x"}, \#(emit)}"#, "read.kind"),
        (#"{"name": "c", "read": {"kind": "kubectl-cpu", "selector": "app=web"}, "when": {"op": ">", "value": 1}, \#(emit)}"#, "read.namespace"),
        (#"{"name": "c", \#(log), "namespace": null}, "when": {"pattern": "x", "expect": "absent"}, \#(emit)}"#, "read.namespace"),
        (#"{"name": "c", \#(log), "namespace": 5}, "when": {"pattern": "x", "expect": "absent"}, \#(emit)}"#, "read.namespace"),
        (#"{"name": "c", "read": {"kind": "docker-log"}, "when": {"pattern": "x", "expect": "absent"}, \#(emit)}"#, "read.selector"),
        (#"{"name": "c", \#(cpu)}, "when": {"op": "=~", "value": 1}, \#(emit)}"#, "when.op"),
        (#"{"name": "c", \#(cpu)}, "when": {"op": ">", "value": true}, \#(emit)}"#, "when.value"),
        (#"{"name": "c", \#(cpu)}, "when": {"op": ">", "value": "5"}, \#(emit)}"#, "when.value"),
        (#"{"name": "c", \#(cpu), "agg": "median"}, "when": {"op": ">", "value": 1}, \#(emit)}"#, "read.agg"),
        (#"{"name": "c", \#(log)}, "when": {"pattern": "(", "expect": "absent"}, \#(emit)}"#, "when.pattern"),
        (#"{"name": "c", \#(log)}, "when": {"pattern": "x", "expect": "maybe"}, \#(emit)}"#, "when.expect"),
        (#"{"name": "c", \#(log), "tail": 0}, "when": {"pattern": "x", "expect": "absent"}, \#(emit)}"#, "read.tail"),
        (#"{"name": "c", \#(log), "tail": true}, "when": {"pattern": "x", "expect": "absent"}, \#(emit)}"#, "read.tail"),
        (#"{"name": "c", "read": {"kind": "ansible-service", "selector": "h"}, "when": {"expect": "active"}, \#(emit)}"#, "read.service"),
        (#"{"name": "c", "read": {"kind": "ansible-service", "selector": "h", "service": "s"}, "when": {"expect": "running"}, \#(emit)}"#, "when.expect"),
        (#"{"name": "c", "read": {"kind": "http", "url": "ftp://x"}, \#(emit)}"#, "read.url"),
        (#"{"name": "c", \#(http), "method": "POST"}, \#(emit)}"#, "read.method"),
        (#"{"name": "c", \#(http), "method": null}, \#(emit)}"#, "read.method"),
        (#"{"name": "c", \#(http)}, "when": {"status": "200"}, \#(emit)}"#, "when.status"),
        (#"{"name": "c", \#(http)}, "when": {"body": "("}, \#(emit)}"#, "when.body"),
        (#"{"name": "c", \#(http)}, "when": {"body": null}, \#(emit)}"#, "when.body"),
        (#"{"name": "c", "read": {"kind": "resource"}, "when": {"path": "a", "op": "exists"}, \#(emit)}"#, "read.type"),
        (#"{"name": "c", \#(res), "where": [1]}, "when": {"path": "a", "op": "exists"}, \#(emit)}"#, "read.where"),
        (#"{"name": "c", \#(res)}, "when": {"op": "exists"}, \#(emit)}"#, "when.path"),
        (#"{"name": "c", \#(res)}, "when": {"path": "a", "op": "frobnicate"}, \#(emit)}"#, "when.op"),
        (#"{"name": "c", \#(res)}, "when": {"path": "a", "op": "contains"}, \#(emit)}"#, "when.value"),
        (#"{"name": "c", \#(res)}, "when": {"all": []}, \#(emit)}"#, "when.all"),
        (#"{"name": "c", \#(res)}, "when": {"any": [{"path": "a", "op": "exists"}, {"path": "b", "op": "in", "value": 3}]}, \#(emit)}"#, "when.any[1].value"),
        (#"{"name": "c", \#(res)}, "when": {"not": {"path": "a", "op": "cidr_contains", "value": "10.0.0.0/33"}}, \#(emit)}"#, "when.not.value"),
        (#"{"name": "c", \#(res)}, "when": {"all": [{"path": "a", "op": "version<", "value": "x.y"}]}, \#(emit)}"#, "when.all[0].value"),
        (#"{"name": "c", \#(res)}, "when": {"not": {"path": "a", "op": "exists"}, "path": "b"}, \#(emit)}"#, "when"),
        (#"{"name": "c", \#(res)}, "when": {"path": "a", "op": "<", "value": "3"}, \#(emit)}"#, "when.value"),
        (#"{"name": "c", \#(res)}, "when": {"path": "a", "op": "=="}, \#(emit)}"#, "when.value"),
        (#"{"name": "c", \#(res)}, "when": {"path": "a", "op": "matches", "value": "("}, \#(emit)}"#, "when.value"),
        ("42", "entry"),
    ]

    @Test(arguments: invalidEntries)
    func invalidCheckIsDroppedWithOneProblem(json: String, field: String) throws {
        let (checks, problems) = try ChecksFile.parse(Data(json: "[\(json)]"), file: Self.file)
        #expect(checks.isEmpty)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.field == field)
        #expect(problems.first?.entry == 1 && problems.first?.severity == .error)
    }

    @Test func nonObjectSectionsDoNotCrashAndNameTheCheck() throws {
        let json = #"[{"name": "c", "read": "x", "when": [1], "emit": "loud"}]"#
        let (checks, problems) = try ChecksFile.parse(Data(json: json), file: Self.file)
        #expect(checks.isEmpty)
        #expect(problems.map(\.description) == [
            "steadystate/checks.json: entry #1 'c': read: must be an object, found a string (at $[0].read)",
            "steadystate/checks.json: entry #1 'c': when: must be an object, found an array (at $[0].when)",
            "steadystate/checks.json: entry #1 'c': emit: must be an object, found a string (at $[0].emit)",
        ])
    }

    @Test func httpDefaultsAndNamespaceAreTheOriginals() throws {
        let json = #"[{"name": "h", "read": {"kind": "http", "url": "http://x", "namespace": "ns"}, "when": null, \#(Self.emit)}]"#
        let (checks, problems) = try ChecksFile.parse(Data(json: json), file: Self.file)
        #expect(problems == [])
        #expect(checks.first?.reader == .http(url: "http://x", method: .get, status: 200, body: nil))
        #expect(checks.first?.namespace == nil)
    }

    @Test func duplicateNamesAreKeptWithAWarning() throws {
        let entry = #"{"name": "d", "read": {"kind": "http", "url": "http://x"}, \#(Self.emit)}"#
        let (checks, problems) = try ChecksFile.parse(Data(json: "[\(entry), \(entry)]"), file: Self.file)
        #expect(checks.count == 2)
        #expect(problems.count == 1 && problems.first?.severity == .warning && problems.first?.entry == 2)
    }

    @Test func brokenOrNonArrayFilesThrowWithTheFileName() {
        #expect {
            try ChecksFile.parse(Data(json: "[{]"), file: Self.file)
        } throws: { error in
            if case .malformed(Self.file, 1, _, _) = error as? ConfigError { return true }
            return false
        }
        #expect(throws: ConfigError.wrongType(file: Self.file, key: "top level", expected: "an array of check objects")) {
            try ChecksFile.parse(Data(json: #"{"checks": []}"#), file: Self.file)
        }
    }
}
