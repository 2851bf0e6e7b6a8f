# --- Lambda ---------------------------------------------------------------------------

resource "aws_lambda_function" "leaky" {
  function_name = "leaky"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "index.handler"
  runtime       = "python3.8"
  filename      = "function.zip"

  environment {
    variables = {
      LOG_LEVEL   = "debug"
      DB_PASSWORD = "fixture-lambda-password"
      API_TOKEN   = var.api_token
    }
  }
}

resource "aws_lambda_function" "hardened" {
  function_name = "hardened"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "index.handler"
  runtime       = "python3.8"
  filename      = "function.zip"
  kms_key_arn   = local.kms_key

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      LOG_LEVEL          = "info"
      DB_PASSWORD_ARN    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"
    }
  }
}

resource "aws_lambda_permission" "public" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.leaky.function_name
  principal     = "*"
}

resource "aws_lambda_permission" "from_bucket" {
  statement_id   = "AllowS3"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.hardened.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::steadystate-fixture-hardened"
  source_account = "123456789012"
}

# --- EKS ------------------------------------------------------------------------------

resource "aws_eks_cluster" "open" {
  name     = "open"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_public_access = true
  }
}

resource "aws_eks_cluster" "hardened" {
  name                      = "hardened"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = ["203.0.113.0/24"]
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    }
  }
}

# --- ECR ------------------------------------------------------------------------------

resource "aws_ecr_repository" "mutable" {
  name = "mutable"
}

resource "aws_ecr_repository" "immutable" {
  name                 = "immutable"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository_policy" "public" {
  repository = aws_ecr_repository.mutable.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Public"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    }]
  })
}

resource "aws_ecr_repository_policy" "account" {
  repository = aws_ecr_repository.immutable.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Account"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    }]
  })
}
