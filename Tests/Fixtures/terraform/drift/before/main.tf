variable "api_token" {
  type      = string
  sensitive = true
  default   = "s3cr3t-token-before"
}

resource "terraform_data" "app" {
  input = { name = "web", replicas = 2 }
}

resource "terraform_data" "db" {
  input            = "postgres"
  triggers_replace = ["v1"]
}

resource "terraform_data" "old" {
  input = "bye"
}

resource "terraform_data" "secret" {
  input = var.api_token
}

resource "terraform_data" "inline_secret" {
  input = { user = "app", password = sensitive("hunter2-before") }
}
