# --- CloudTrail ---------------------------------------------------------------------

resource "aws_cloudtrail" "careless" {
  name                          = "careless"
  s3_bucket_name                = "steadystate-fixture-trail"
  is_multi_region_trail         = false
  enable_log_file_validation    = false
  enable_logging                = false
  include_global_service_events = true
}

resource "aws_cloudtrail" "hardened" {
  name                          = "hardened"
  s3_bucket_name                = "steadystate-fixture-trail"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  enable_logging                = true
  include_global_service_events = true
  kms_key_id                    = local.kms_key
}
