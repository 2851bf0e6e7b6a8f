import Core
import Foundation
import Testing

@testable import Scanners

/// Links between resources read from a plan's `configuration` section.
struct ConfigurationReferencesTests {
    static let document: JSONValue = [
        "planned_values": [
            "root_module": [
                "resources": [
                    [
                        "address": "aws_flow_log.root", "mode": "managed", "type": "aws_flow_log", "name": "root",
                        "values": ["traffic_type": "ALL"],
                    ],
                    [
                        "address": "aws_flow_log.loose[0]", "mode": "managed", "type": "aws_flow_log", "name": "loose",
                        "index": 0, "values": ["traffic_type": "ALL"],
                    ],
                ],
                "child_modules": [
                    [
                        "address": "module.net",
                        "resources": [
                            [
                                "address": "module.net.aws_vpc.main", "mode": "managed", "type": "aws_vpc",
                                "name": "main",
                                "values": ["cidr_block": "10.0.0.0/16"],
                            ],
                            [
                                "address": "module.net.aws_flow_log.inner", "mode": "managed", "type": "aws_flow_log",
                                "name": "inner", "values": ["traffic_type": "ALL"],
                            ],
                        ],
                    ]
                ],
            ]
        ],
        "configuration": [
            "root_module": [
                "resources": [
                    [
                        "address": "aws_flow_log.root", "mode": "managed", "type": "aws_flow_log", "name": "root",
                        "expressions": [
                            "vpc_id": ["references": ["module.net.vpc_id", "module.net"]],
                            "log_destination": ["references": ["var.bucket_arn"]],
                        ],
                    ],
                    [
                        "address": "aws_flow_log.loose", "mode": "managed", "type": "aws_flow_log", "name": "loose",
                        "expressions": [
                            "vpc_id": ["references": ["module.net.missing", "module.net"]],
                            "tags": ["references": ["local.tags", "each.key"]],
                        ],
                    ],
                ],
                "module_calls": [
                    "net": [
                        "source": "./net",
                        "module": [
                            "outputs": ["vpc_id": ["expression": ["references": ["aws_vpc.main.id", "aws_vpc.main"]]]],
                            "resources": [
                                [
                                    "address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
                                    "expressions": ["cidr_block": ["constant_value": "10.0.0.0/16"]],
                                ],
                                [
                                    "address": "aws_flow_log.inner", "mode": "managed", "type": "aws_flow_log",
                                    "name": "inner",
                                    "expressions": [
                                        "vpc_id": [
                                            "references": ["aws_vpc.main[0].id", "aws_vpc.main[0]", "aws_vpc.main"]
                                        ]
                                    ],
                                ],
                            ],
                        ],
                    ]
                ],
            ]
        ],
    ]

    static func references(_ address: String) -> [String: [String]]? {
        TerraformPlan.resources(in: document).first { $0.address == address }?.references
    }

    @Test func moduleLocalReferencesAreQualifiedAndLoseInstanceKeys() {
        #expect(Self.references("module.net.aws_flow_log.inner") == ["vpc_id": ["module.net.aws_vpc.main"]])
    }

    @Test func moduleOutputsAreFollowedToTheirResources() {
        // Variables name no resource and are dropped.
        #expect(Self.references("aws_flow_log.root") == ["vpc_id": ["module.net.aws_vpc.main"]])
    }

    @Test func anUnknownOutputStaysTheModule() {
        #expect(Self.references("aws_flow_log.loose[0]") == ["vpc_id": ["module.net"]])
    }

    @Test func statesHaveNoConfigurationAndNoReferences() {
        let state: JSONValue = [
            "values": [
                "root_module": [
                    "resources": [
                        [
                            "address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a",
                            "values": ["id": "vpc-1"],
                        ]
                    ]
                ]
            ]
        ]
        #expect(TerraformPlan.resources(in: state).first?.references == [:])
    }

    /// One module body called several times (terraform repeats it per call; the decoder shares the repeats)
    /// is read once and qualified per call, nested calls included: each call's index is its own.
    @Test func aSharedModuleBodyIsQualifiedPerCall() {
        let body: JSONValue = [
            "outputs": ["id": ["expression": ["references": ["aws_vpc.this.id", "aws_vpc.this"]]]],
            "resources": [
                ["address": "aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this"],
                [
                    "address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
                    "expressions": ["vpc_id": ["references": ["aws_vpc.this.id", "aws_vpc.this"]]],
                ],
            ],
        ]
        var outer = body.objectValue ?? [:]
        outer["module_calls"] = ["inner": ["source": "./net", "module": body]]
        let document: JSONValue = [
            "configuration": [
                "root_module": [
                    "resources": [
                        [
                            "address": "aws_flow_log.f", "mode": "managed", "type": "aws_flow_log", "name": "f",
                            "expressions": ["vpc_id": ["references": ["module.b.id", "module.b"]]],
                        ]
                    ],
                    "module_calls": [
                        "a": ["source": "./net", "module": .object(outer)],
                        "b": ["source": "./net", "module": .object(outer)],
                        "c": ["source": "./net", "module": body],
                    ],
                ]
            ]
        ]
        #expect(
            ConfigurationReferences.index(document) == [
                "aws_flow_log.f": ["vpc_id": ["module.b.aws_vpc.this"]],
                "module.a.aws_subnet.a": ["vpc_id": ["module.a.aws_vpc.this"]],
                "module.a.module.inner.aws_subnet.a": ["vpc_id": ["module.a.module.inner.aws_vpc.this"]],
                "module.b.aws_subnet.a": ["vpc_id": ["module.b.aws_vpc.this"]],
                "module.b.module.inner.aws_subnet.a": ["vpc_id": ["module.b.module.inner.aws_vpc.this"]],
                "module.c.aws_subnet.a": ["vpc_id": ["module.c.aws_vpc.this"]],
            ])
    }
}
