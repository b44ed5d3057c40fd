data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  # Bucket names are global: the account id (and the region for regional log buckets) keeps them unique.
  bucket_names = {
    artifacts   = "${var.name_prefix}-artifacts-${local.account_id}"
    backup      = "${var.name_prefix}-backup-${local.account_id}-${var.backup_bucket_region}"
    backup_logs = "${var.name_prefix}-logs-${local.account_id}-${var.backup_bucket_region}"
    images      = "${var.name_prefix}-images-${local.account_id}"
    logs        = "${var.name_prefix}-logs-${local.account_id}-${var.region}"
  }
  bucket_arns = { for key, name in local.bucket_names : key => "arn:${local.partition}:s3:::${name}" }

  # Server access logs stay in their bucket's region, so a backup bucket elsewhere needs its own log bucket.
  backup_in_primary_region = var.backup_bucket_region == var.region
  db_identifier            = coalesce(var.database.identifier, "${var.name_prefix}-db")
  subnet_ids_by_az         = zipmap(var.availability_zones, var.private_subnet_ids)
}

# Fails the plan early when the network layer's subnets are not in its VPC or not in the AZs it says.
data "aws_subnet" "private" {
  for_each = local.subnet_ids_by_az
  id       = each.value

  lifecycle {
    postcondition {
      condition     = self.vpc_id == var.vpc_id && self.availability_zone == each.key
      error_message = "Subnet ${each.value} must be in VPC ${var.vpc_id} and AZ ${each.key}."
    }
  }
}

module "database" {
  source = "../../modules/rds-postgres"

  identifier     = local.db_identifier
  engine_version = var.database.engine_version
  instance_class = var.database.instance_class
  db_name        = var.database.db_name
  username       = var.database.username
  kms_key_arn    = aws_kms_key.this["database"].arn

  network = {
    subnet_ids         = [for az in var.availability_zones : data.aws_subnet.private[az].id]
    security_group_ids = [var.security_group_ids.db]
  }

  storage = {
    allocated_gb     = var.database.allocated_storage
    max_allocated_gb = var.database.max_allocated_storage
  }

  protection = {
    backup_retention_days = var.database.backup_retention_days
    deletion_protection   = var.database.deletion_protection
    multi_az              = var.database.multi_az
    skip_final_snapshot   = var.database.skip_final_snapshot
  }

  monitoring = {
    interval                     = var.database.monitoring_interval
    performance_insights_enabled = var.database.performance_insights_enabled
    log_kms_key_arn              = aws_kms_key.this["database"].arn
    log_retention_days           = var.log_retention_days
  }
}

module "files" {
  source = "../../modules/efs"

  name                  = "${var.name_prefix}-files"
  kms_key_arn           = aws_kms_key.this["files"].arn
  subnet_ids_by_az      = { for az, subnet in data.aws_subnet.private : az => subnet.id }
  security_group_ids    = [var.security_group_ids.efs]
  backup_policy_enabled = var.efs.backup_policy_enabled

  access_point = {
    posix_uid      = var.efs.posix_uid
    posix_gid      = var.efs.posix_gid
    root_directory = var.efs.root_directory
  }

  storage_tiering = {
    transition_to_ia = var.efs.transition_to_ia
  }
}

module "backup_pipeline" {
  source = "../../modules/backup-pipeline"

  name               = "${var.name_prefix}-backup"
  function_package   = var.backup_function_package
  log_retention_days = var.log_retention_days

  source_bucket = {
    name        = module.images.name
    arn         = module.images.arn
    kms_key_arn = aws_kms_key.this["images"].arn
  }

  destination_bucket = {
    name        = module.backup.name
    arn         = module.backup.arn
    kms_key_arn = aws_kms_key.backup.arn
    region      = var.backup_bucket_region
  }

  queue = {
    max_receive_count = var.backup_queue_max_receive_count
  }
}
