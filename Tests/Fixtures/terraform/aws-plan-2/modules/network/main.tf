# A VPC with its flow log and default security group inside the module (linked by module-local
# references), and a spare VPC whose flow log lives in the root module, through an output.

resource "aws_vpc" "this" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_flow_log" "this" {
  vpc_id          = aws_vpc.this.id
  traffic_type    = "REJECT"
  log_destination = "arn:aws:s3:::steadystate-fixture-flow-logs"

  log_destination_type = "s3"
}

resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_vpc" "spare" {
  cidr_block = "10.40.0.0/16"
}

output "spare_vpc_id" {
  value = aws_vpc.spare.id
}
