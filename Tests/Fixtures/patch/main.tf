terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "3.39.0"
    }
  }
}

# Dummy credentials and every skip flag: the plan is computed offline, nothing is ever applied.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_get_ec2_platforms      = true
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2-fixture-secret"
}

# --- security groups ---------------------------------------------------------

resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "SSH from anywhere (bad)"

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "internal" {
  name        = "internal"
  description = "SSH from the VPN only (good)"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "windows" {
  name        = "windows"
  description = "Separate rules"
}

resource "aws_security_group_rule" "rdp_world" {
  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.windows.id
}

resource "aws_security_group_rule" "all_world" {
  type              = "ingress"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.windows.id
}

resource "aws_security_group_rule" "egress_world" {
  type              = "egress"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.windows.id
}

# --- storage -----------------------------------------------------------------

resource "aws_s3_bucket" "public_assets" {
  bucket = "steadystate-fixture-public-assets"
  acl    = "public-read"
}

resource "aws_s3_bucket" "logs" {
  bucket = "steadystate-fixture-logs"
  acl    = "private"
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = false
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
}

module "storage" {
  source = "./modules/storage"
  name   = "steadystate-fixture-module"
}

# --- databases ---------------------------------------------------------------

resource "aws_db_instance" "public" {
  identifier          = "public-db"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = var.db_password
  publicly_accessible = true
  skip_final_snapshot = true
}

resource "aws_db_instance" "private" {
  identifier          = "private-db"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = var.db_password
  publicly_accessible = false
  skip_final_snapshot = true
  storage_encrypted   = true
}

# --- IAM ---------------------------------------------------------------------

resource "aws_iam_policy" "admin" {
  name = "everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "read_logs" {
  name = "read-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::steadystate-fixture-logs", "arn:aws:s3:::steadystate-fixture-logs/*"]
    }]
  })
}
