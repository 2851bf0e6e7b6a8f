# --- security groups: ingress open to the world -------------------------------

resource "aws_security_group" "mysql_world" {
  name        = "mysql-world"
  description = "MySQL from anywhere (bad)"

  ingress {
    description = "mysql"
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "app_private" {
  name        = "app-private"
  description = "Databases from the VPC only, HTTPS from anywhere, everything out (good)"

  ingress {
    description = "postgres from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "all out"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "everything_world" {
  name        = "everything-world"
  description = "All traffic from anywhere (bad)"

  ingress {
    description      = "all"
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group" "cache" {
  name        = "cache"
  description = "Separate rules"
}

resource "aws_security_group_rule" "redis_world" {
  type              = "ingress"
  description       = "redis from anywhere (bad)"
  from_port         = 6379
  to_port           = 6379
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.cache.id
}

resource "aws_security_group_rule" "elasticsearch_world_range" {
  type              = "ingress"
  description       = "9200-9300 from anywhere (bad)"
  from_port         = 9200
  to_port           = 9300
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.cache.id
}

resource "aws_security_group_rule" "tcp_all_ports_world" {
  type              = "ingress"
  description       = "every TCP port from anywhere (bad)"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.cache.id
}

resource "aws_security_group_rule" "redis_from_app" {
  type                     = "ingress"
  description              = "redis from the app security group (good)"
  from_port                = 6379
  to_port                  = 6379
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.app_private.id
  security_group_id        = aws_security_group.cache.id
}

resource "aws_security_group_rule" "mongo_egress_world" {
  type              = "egress"
  description       = "egress is not exposure (good)"
  from_port         = 27017
  to_port           = 27017
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.cache.id
}

# --- default security groups ----------------------------------------------------

resource "aws_vpc" "logged" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_vpc" "unlogged" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_default_security_group" "open" {
  vpc_id = aws_vpc.unlogged.id

  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_default_security_group" "closed" {
  vpc_id = aws_vpc.logged.id
}

# --- flow logs ------------------------------------------------------------------

resource "aws_flow_log" "logged" {
  vpc_id          = aws_vpc.logged.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::steadystate-fixture-flow-logs"

  log_destination_type = "s3"
}

# --- network ACLs ---------------------------------------------------------------

resource "aws_network_acl" "open_admin" {
  vpc_id = aws_vpc.unlogged.id

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }

  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }
}

resource "aws_network_acl" "deny_first" {
  vpc_id = aws_vpc.logged.id

  # A deny with a lower number wins: SSH is closed even though 120 allows everything.
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }

  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }

  ingress {
    rule_no    = 120
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }

  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl" "separate_rules" {
  vpc_id = aws_vpc.logged.id
}

resource "aws_network_acl_rule" "all_world" {
  network_acl_id = aws_network_acl.separate_rules.id
  rule_number    = 200
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "ssh_vpn" {
  network_acl_id = aws_network_acl.separate_rules.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/8"
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "all_out" {
  network_acl_id = aws_network_acl.separate_rules.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

# --- subnets --------------------------------------------------------------------

resource "aws_subnet" "public_by_default" {
  vpc_id                  = aws_vpc.unlogged.id
  cidr_block              = "10.20.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.logged.id
  cidr_block = "10.10.1.0/24"
}

# --- a VPC with neither a flow log nor a managed default security group -------------

resource "aws_vpc" "bare" {
  cidr_block = "10.50.0.0/16"
}

# --- module-held VPCs -----------------------------------------------------------------

module "network" {
  source = "./modules/network"
}

# Its target is only named through the module's output, which the plan's configuration resolves to the
# spare VPC.
resource "aws_flow_log" "spare_via_output" {
  vpc_id          = module.network.spare_vpc_id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::steadystate-fixture-flow-logs"

  log_destination_type = "s3"
}
