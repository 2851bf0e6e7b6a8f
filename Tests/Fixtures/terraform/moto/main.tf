# Two S3 buckets applied against moto's AWS API on loopback; the tests then change one and delete the other
# out of band, and `refresh = true` must report both. MOTO_URL is filled in by the test (var.endpoint).
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "3.39.0" }
  }
}

variable "endpoint" { type = string }

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  s3_force_path_style         = true
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_get_ec2_platforms      = true
  endpoints {
    s3  = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "steadystate-logs"
  tags   = { team = "platform" }
}

resource "aws_s3_bucket" "assets" {
  bucket = "steadystate-assets"
  tags   = { team = "web" }
}
