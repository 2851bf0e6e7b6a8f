# --- policies -----------------------------------------------------------------------

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "anyone" {
  name = "anyone"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "partner_with_external_id" {
  name = "partner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "fixture-external-id" } }
    }]
  })
}

resource "aws_iam_role_policy" "star_on_bucket" {
  name = "star-on-bucket"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "arn:aws:s3:::steadystate-fixture-hardened/*"
    }]
  })
}

resource "aws_iam_role_policy" "scoped" {
  name = "scoped"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::steadystate-fixture-hardened/*"
    }]
  })
}

resource "aws_iam_group_policy" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = ["*"], Resource = ["*"] }
  })
}

resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group" "readers" {
  name = "readers"
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_user_policy" "ci_inline" {
  name = "ci-inline"
  user = aws_iam_user.ci.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:PutObject"
      Resource = "arn:aws:s3:::steadystate-fixture-hardened/*"
    }]
  })
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

# Deactivated, waiting to be deleted after the rotation (good).
resource "aws_iam_access_key" "ci_retired" {
  user   = aws_iam_user.ci.name
  status = "Inactive"
}

# --- attachments --------------------------------------------------------------------

resource "aws_iam_role_policy_attachment" "app_admin" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "app_readonly" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_group_policy_attachment" "admins_admin" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy_attachment" "readers_readonly" {
  group      = aws_iam_group.readers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_policy_attachment" "ci_admin" {
  user       = aws_iam_user.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_policy_attachment" "shared_admin" {
  name       = "shared-admin"
  roles      = [aws_iam_role.app.name]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# --- password policy ----------------------------------------------------------------

resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length   = 8
  password_reuse_prevention = 1
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  password_reuse_prevention      = 24
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
}
