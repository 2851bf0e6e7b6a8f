# --- KMS ----------------------------------------------------------------------------

resource "aws_kms_key" "no_rotation" {
  description = "no rotation, policy open to everyone (bad)"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "rotated" {
  description         = "rotated, account-scoped policy (good)"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Account"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "ViaS3InThisAccount"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = { StringEquals = { "kms:CallerAccount" = "123456789012", "kms:ViaService" = "s3.us-east-1.amazonaws.com" } }
      },
    ]
  })
}

# Asymmetric keys cannot rotate: the rotation rule must leave them alone.
resource "aws_kms_key" "signing" {
  description              = "asymmetric signing key"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

# --- SQS / SNS ----------------------------------------------------------------------

resource "aws_sqs_queue" "plain" {
  name = "plain"
}

resource "aws_sqs_queue" "encrypted" {
  name              = "encrypted"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sqs_queue_policy" "public" {
  queue_url = aws_sqs_queue.plain.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:us-east-1:123456789012:plain"
    }]
  })
}

resource "aws_sqs_queue_policy" "from_topic" {
  queue_url = aws_sqs_queue.encrypted.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:us-east-1:123456789012:encrypted"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:us-east-1:123456789012:encrypted" } }
    }]
  })
}

resource "aws_sns_topic" "plain" {
  name = "plain"
}

resource "aws_sns_topic" "encrypted" {
  name              = "encrypted"
  kms_master_key_id = "alias/aws/sns"
}

# --- Secrets Manager / SSM ----------------------------------------------------------

resource "aws_secretsmanager_secret" "default_key" {
  name = "default-key"
}

resource "aws_secretsmanager_secret" "cmk" {
  name       = "cmk"
  kms_key_id = local.kms_key
}

resource "aws_ssm_parameter" "db_password_plain" {
  name  = "/app/db_password"
  type  = "String"
  value = "fixture-plain-parameter"
}

resource "aws_ssm_parameter" "db_password_secure" {
  name   = "/app/db_password_secure"
  type   = "SecureString"
  value  = "fixture-secure-parameter"
  key_id = local.kms_key
}

resource "aws_ssm_parameter" "log_level" {
  name  = "/app/log_level"
  type  = "String"
  value = "info"
}

resource "aws_sns_topic_policy" "public" {
  arn = aws_sns_topic.plain.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["sns:Publish", "sns:Subscribe"]
      Resource  = "arn:aws:sns:us-east-1:123456789012:plain"
    }]
  })
}

resource "aws_sns_topic_policy" "account_events" {
  arn = aws_sns_topic.encrypted.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:us-east-1:123456789012:encrypted"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}
