variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = "public-read-write"
}

resource "aws_ebs_volume" "cache" {
  availability_zone = "us-east-1b"
  size              = 5
}
