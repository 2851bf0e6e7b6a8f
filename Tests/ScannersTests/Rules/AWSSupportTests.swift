import Core
import Testing

@testable import Scanners

/// The shared readers of the AWS pack: resource links, policy conditions and secret-looking names.
struct AWSSupportTests {
    static func vpc(_ address: String, id: String? = nil) -> Resource {
        Resource(address: address, type: "aws_vpc", name: "v", attributes: id.map { ["id": .string($0)] } ?? [:])
    }

    static func flowLog(_ vpcID: JSONValue?, references: [String] = []) -> Resource {
        var attributes: [String: JSONValue] = ["traffic_type": "ALL"]
        if let vpcID { attributes["vpc_id"] = vpcID }
        return Resource(
            address: "aws_flow_log.f", type: "aws_flow_log", name: "f", attributes: .object(attributes),
            references: references.isEmpty ? [:] : ["vpc_id": references])
    }

    static func link(_ target: Resource, _ logs: [Resource]) -> String {
        switch AWSSupport.link(
            to: target, from: ["aws_flow_log"], attribute: "vpc_id", targetKeys: ["id"],
            in: ResourceInventory([target] + logs))
        {
        case .linked: "linked"
        case .unknown: "unknown"
        case .none: "none"
        }
    }

    @Test func linksByReferenceOrKnownValue() {
        #expect(Self.link(Self.vpc("aws_vpc.a[0]"), [Self.flowLog(nil, references: ["aws_vpc.a"])]) == "linked")
        #expect(Self.link(Self.vpc("aws_vpc.a", id: "vpc-1"), [Self.flowLog("vpc-1")]) == "linked")
        #expect(Self.link(Self.vpc("aws_vpc.a", id: "vpc-1"), [Self.flowLog("vpc-2")]) == "none")
        #expect(Self.link(Self.vpc("aws_vpc.a"), [Self.flowLog(nil, references: ["aws_vpc.b"])]) == "none")
        // A flow log for a subnet has vpc_id null: it says where it points, and it is not here.
        #expect(Self.link(Self.vpc("aws_vpc.a"), [Self.flowLog(.null)]) == "none")
    }

    @Test func unknownTargetsGetTheBenefitOfTheDoubtOnlyWhereTheyCouldPoint() {
        #expect(Self.link(Self.vpc("aws_vpc.a"), [Self.flowLog(nil)]) == "unknown")
        #expect(
            Self.link(Self.vpc("module.net.aws_vpc.a"), [Self.flowLog(nil, references: ["module.net"])]) == "unknown")
        #expect(Self.link(Self.vpc("aws_vpc.a"), [Self.flowLog(nil, references: ["module.net"])]) == "none")
    }

    @Test(arguments: [
        (#"{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}"#, true),
        (#"{"StringEquals":{"aws:sourcevpce":"vpce-1"}}"#, true),
        (#"{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::bucket"}}"#, true),
        (#"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}"#, true),
        (#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#, false),
        (#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}"#, false),
        (#"{"StringNotEquals":{"aws:PrincipalAccount":"1"}}"#, false),
        (#"{"Bool":{"aws:SecureTransport":"true"}}"#, false),
        (#"{"StringLike":{"aws:PrincipalOrgID":"*"}}"#, false),
    ])
    func conditionsNarrowOnlyWithConcreteCallers(_ condition: String, _ narrows: Bool) throws {
        let statement =
            #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":"#
            + condition + "}]}"
        let statements = try #require(AWSSupport.statements(.string(statement)))
        #expect(statements.first?.isRestricted == narrows)
    }

    @Test(arguments: [
        ("DB_PASSWORD", true), ("stripeApiKey", true), ("GITHUB_TOKEN", true), ("client_secret", true),
        ("DB_PASSWORD_ARN", false), ("AWS_ACCESS_KEY_ID", false), ("TOKEN_TTL", false), ("secret_name", false),
        ("LOG_LEVEL", false), ("AUTHOR", false),
    ])
    func secretLookingNames(_ name: String, _ isSecret: Bool) {
        #expect(AWSSupport.looksSecret(name) == isSecret)
    }
}
