import Core
import Testing

@testable import Scanners

/// Account- and registry-wide settings that clear findings on other resources of the same plan.
struct AWSInventoryRulesTests {
    static func resource(_ type: String, _ attributes: JSONValue) -> Resource {
        Resource(address: "\(type).x", type: type, name: "x", attributes: attributes)
    }

    @Test func encryptionByDefaultClearsUnencryptedVolumes() {
        let volume = Self.resource("aws_ebs_volume", ["size": 10])
        let on = Self.resource("aws_ebs_encryption_by_default", ["enabled": true])
        let off = Self.resource("aws_ebs_encryption_by_default", ["enabled": false])
        #expect(EBSRules.ebsUnencrypted.check(volume, in: ResourceInventory([volume, on])).isEmpty)
        #expect(EBSRules.ebsUnencrypted.check(volume, in: ResourceInventory([volume, off])).count == 1)
    }

    @Test func registryScanningCoversEveryRepository() {
        let repository = Self.resource("aws_ecr_repository", ["name": "app", "image_scanning_configuration": []])
        let onPush = Self.resource(
            "aws_ecr_registry_scanning_configuration",
            ["scan_type": "BASIC", "rule": [["scan_frequency": "SCAN_ON_PUSH"]]])
        let manual = Self.resource(
            "aws_ecr_registry_scanning_configuration", ["scan_type": "BASIC", "rule": [["scan_frequency": "MANUAL"]]])
        #expect(ECRRules.scanOnPushDisabled.check(repository, in: ResourceInventory([repository, onPush])).isEmpty)
        #expect(ECRRules.scanOnPushDisabled.check(repository, in: ResourceInventory([repository, manual])).count == 1)
    }

    @Test func listenersSayWhetherTheirLoadBalancerFacesTheInternet() {
        let balancer = Resource(
            address: "aws_lb.web", type: "aws_lb", name: "web", attributes: ["internal": true])
        let listener = Resource(
            address: "aws_lb_listener.http", type: "aws_lb_listener", name: "http",
            attributes: ["port": 80, "protocol": "HTTP", "default_action": [["type": "forward"]]],
            references: ["load_balancer_arn": ["aws_lb.web"]])
        let violations = LoadBalancerRules.httpListener.check(listener, in: ResourceInventory([balancer, listener]))
        #expect(violations.first?.message?.hasSuffix("(internal load balancer)") == true)
    }
}
