data "aws_region" "here" {}

data "terraform_remote_state" "core" {
  backend = "local"
  config  = { path = "core.tfstate" }
}
