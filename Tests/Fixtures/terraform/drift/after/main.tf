variable "api_token" {
  type      = string
  sensitive = true
  default   = "s3cr3t-token-after"
}

resource "terraform_data" "app" {
  input = { name = "web", replicas = 3 }
}

resource "terraform_data" "db" {
  input            = "postgres"
  triggers_replace = ["v2"]
}

resource "terraform_data" "new" {
  input = "hello"
}

resource "terraform_data" "secret" {
  input = var.api_token
}

resource "terraform_data" "inline_secret" {
  input = { user = "app", password = sensitive("hunter2-after") }
}
