# doctor's fixture: a root whose -refresh=false plan still reads three data sources (one per provider kind),
# one of them inside a local module. Never applied; doctor only inits (without a backend) and graphs it.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "3.39.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}

data "aws_caller_identity" "me" {}

resource "terraform_data" "marker" {
  input = data.aws_caller_identity.me.account_id
}

module "net" {
  source = "./net"
}
