# --- RDS instances ----------------------------------------------------------------

resource "aws_db_instance" "careless" {
  identifier                 = "careless"
  engine                     = "mysql"
  instance_class             = "db.t3.micro"
  allocated_storage          = 20
  username                   = "app"
  password                   = "fixture-password-1"
  publicly_accessible        = true
  storage_encrypted          = false
  backup_retention_period    = 0
  deletion_protection        = false
  multi_az                   = false
  auto_minor_version_upgrade = false
  skip_final_snapshot        = true
}

resource "aws_db_instance" "hardened" {
  identifier                          = "hardened"
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  username                            = "app"
  password                            = "fixture-password-2"
  publicly_accessible                 = false
  storage_encrypted                   = true
  kms_key_id                          = local.kms_key
  backup_retention_period             = 7
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  multi_az                            = true
  auto_minor_version_upgrade          = true
  final_snapshot_identifier           = "hardened-final"
}

resource "aws_db_instance" "defaults" {
  identifier          = "defaults"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = "fixture-password-3"
  skip_final_snapshot = true
}

# SQL Server has no IAM database authentication: that rule must not ask for it.
resource "aws_db_instance" "sqlserver" {
  identifier          = "sqlserver"
  engine              = "sqlserver-ex"
  instance_class      = "db.t3.small"
  allocated_storage   = 20
  username            = "app"
  password            = "fixture-password-4"
  storage_encrypted   = true
  deletion_protection = true
  skip_final_snapshot = true
}

# --- Aurora -----------------------------------------------------------------------

resource "aws_rds_cluster" "plain" {
  cluster_identifier  = "plain"
  engine              = "aurora-postgresql"
  master_username     = "app"
  master_password     = "fixture-password-5"
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "hardened" {
  cluster_identifier                  = "hardened"
  engine                              = "aurora-postgresql"
  master_username                     = "app"
  master_password                     = "fixture-password-6"
  storage_encrypted                   = true
  kms_key_id                          = local.kms_key
  backup_retention_period             = 14
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  final_snapshot_identifier           = "hardened-cluster-final"
}

resource "aws_rds_cluster_instance" "plain_1" {
  identifier                 = "plain-1"
  cluster_identifier         = aws_rds_cluster.plain.id
  instance_class             = "db.r5.large"
  engine                     = "aurora-postgresql"
  publicly_accessible        = true
  auto_minor_version_upgrade = false
}

resource "aws_rds_cluster_instance" "hardened_1" {
  identifier          = "hardened-1"
  cluster_identifier  = aws_rds_cluster.hardened.id
  instance_class      = "db.r5.large"
  engine              = "aurora-postgresql"
  publicly_accessible = false
}

# --- DynamoDB ---------------------------------------------------------------------

resource "aws_dynamodb_table" "plain" {
  name         = "plain"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "hardened" {
  name         = "hardened"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = local.kms_key
  }
}

# --- EFS --------------------------------------------------------------------------

resource "aws_efs_file_system" "plain" {
  creation_token = "plain"
}

resource "aws_efs_file_system" "encrypted" {
  creation_token = "encrypted"
  encrypted      = true
  kms_key_id     = local.kms_key
}

# --- ElastiCache ------------------------------------------------------------------

resource "aws_elasticache_replication_group" "plain" {
  replication_group_id          = "plain"
  replication_group_description = "no encryption (bad)"
  node_type                     = "cache.t3.micro"
  number_cache_clusters         = 1
  engine                        = "redis"
}

resource "aws_elasticache_replication_group" "encrypted" {
  replication_group_id          = "encrypted"
  replication_group_description = "encrypted at rest and in transit (good)"
  node_type                     = "cache.t3.micro"
  number_cache_clusters         = 1
  engine                        = "redis"
  at_rest_encryption_enabled    = true
  transit_encryption_enabled    = true
  kms_key_id                    = local.kms_key
}

# --- Redshift ---------------------------------------------------------------------

resource "aws_redshift_cluster" "public" {
  cluster_identifier  = "public"
  node_type           = "dc2.large"
  master_username     = "app"
  master_password     = "Fixture-password-7"
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "private" {
  cluster_identifier  = "private"
  node_type           = "dc2.large"
  master_username     = "app"
  master_password     = "Fixture-password-8"
  publicly_accessible = false
  encrypted           = true
  kms_key_id          = local.kms_key
  skip_final_snapshot = true
}

# --- Elasticsearch (provider 3.x; aws_opensearch_domain is 4.x+) ------------------

resource "aws_elasticsearch_domain" "plain" {
  domain_name           = "plain"
  elasticsearch_version = "7.10"

  cluster_config {
    instance_type  = "t3.small.elasticsearch"
    instance_count = 2
  }

  ebs_options {
    ebs_enabled = true
    volume_size = 10
  }
}

resource "aws_elasticsearch_domain" "hardened" {
  domain_name           = "hardened"
  elasticsearch_version = "7.10"

  cluster_config {
    instance_type = "t3.small.elasticsearch"
  }

  ebs_options {
    ebs_enabled = true
    volume_size = 10
  }

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
