# --- instances, launch templates, launch configurations -------------------------

resource "aws_instance" "legacy_metadata" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true

  root_block_device {
    encrypted = false
  }
}

resource "aws_instance" "hardened" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = false

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 10
    encrypted   = true
  }
}

resource "aws_instance" "metadata_optional" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdg"
    volume_size = 10
    encrypted   = false
  }
}

resource "aws_instance" "metadata_off" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  # No metadata endpoint at all: nothing to steal credentials from (good).
  metadata_options {
    http_endpoint = "disabled"
  }

  root_block_device {
    encrypted = true
  }
}

resource "aws_launch_template" "public_v1" {
  name          = "public-v1"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional"
  }

  network_interfaces {
    associate_public_ip_address = true
  }
}

resource "aws_launch_template" "private_v2" {
  name          = "private-v2"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }

  network_interfaces {
    associate_public_ip_address = false
  }
}

resource "aws_launch_configuration" "plain_disk" {
  name          = "plain-disk"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = false
  }
}

resource "aws_launch_configuration" "encrypted_disk" {
  name          = "encrypted-disk"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}

# --- account-level EBS encryption -----------------------------------------------

resource "aws_ebs_encryption_by_default" "off" {
  enabled = false
}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

# --- AMI sharing (3.x shares with accounts only; "group = all" is 4.x+) --------

resource "aws_ami_launch_permission" "partner" {
  image_id   = "ami-0123456789abcdef0"
  account_id = "210987654321"
}
