# --- buckets (provider 3.x: inline ACL, policy, encryption, versioning, logging) ---

resource "aws_s3_bucket" "access_logs" {
  bucket = "steadystate-fixture-access-logs"
  acl    = "log-delivery-write"

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_bucket" "hardened" {
  bucket = "steadystate-fixture-hardened"
  acl    = "private"

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "steadystate-fixture-access-logs"
    target_prefix = "hardened/"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = local.kms_key
      }
    }
  }

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::steadystate-fixture-hardened", "arn:aws:s3:::steadystate-fixture-hardened/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "ReadFromTheVPCEndpoint"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::steadystate-fixture-hardened/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }
      },
    ]
  })
}

resource "aws_s3_bucket" "bare" {
  bucket = "steadystate-fixture-bare"
}

resource "aws_s3_bucket" "versioning_suspended" {
  bucket = "steadystate-fixture-versioning-suspended"

  versioning {
    enabled = false
  }

  logging {
    target_bucket = "steadystate-fixture-access-logs"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_bucket" "public_policy_inline" {
  bucket = "steadystate-fixture-public-policy-inline"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::steadystate-fixture-public-policy-inline/*"
    }]
  })
}

resource "aws_s3_bucket" "grant_all_users" {
  bucket = "steadystate-fixture-grant-all-users"

  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ"]
  }
}

resource "aws_s3_bucket_policy" "public_aws_star" {
  bucket = aws_s3_bucket.bare.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["*"] }
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = ["arn:aws:s3:::steadystate-fixture-bare", "arn:aws:s3:::steadystate-fixture-bare/*"]
    }]
  })
}

resource "aws_s3_bucket_policy" "org_only" {
  bucket = aws_s3_bucket.hardened.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::steadystate-fixture-hardened/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }
    }]
  })
}

# --- public access blocks -------------------------------------------------------

resource "aws_s3_bucket_public_access_block" "all_on" {
  bucket                  = aws_s3_bucket.hardened.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "acls_only" {
  bucket            = aws_s3_bucket.bare.id
  block_public_acls = true
  # the other three default to false
}

resource "aws_s3_bucket_public_access_block" "policy_only" {
  bucket                  = aws_s3_bucket.public_policy_inline.id
  block_public_acls       = false
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls   = true
  block_public_policy = true
  ignore_public_acls  = false
  # restrict_public_buckets defaults to false
}
