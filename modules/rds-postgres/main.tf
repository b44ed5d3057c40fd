locals {
  _major_version = split(".", var.engine_version)[0]
  family         = "postgres${local._major_version}"
}

resource "aws_db_instance" "this" {
  identifier     = var.identifier
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class
  db_name        = var.db_name
  port           = 5432

  # RDS generates and rotates the master password in Secrets Manager; it never enters Terraform.
  username                            = var.username
  manage_master_user_password         = true
  iam_database_authentication_enabled = true

  storage_type          = "gp3"
  allocated_storage     = var.storage.allocated_gb
  max_allocated_storage = var.storage.max_allocated_gb
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = var.network.security_group_ids
  publicly_accessible    = false
  multi_az               = var.protection.multi_az
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  parameter_group_name        = aws_db_parameter_group.this.name
  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false

  backup_retention_period   = var.protection.backup_retention_days
  copy_tags_to_snapshot     = true
  delete_automated_backups  = false
  deletion_protection       = var.protection.deletion_protection
  skip_final_snapshot       = var.protection.skip_final_snapshot
  final_snapshot_identifier = var.protection.skip_final_snapshot ? null : "${var.identifier}-final"

  enabled_cloudwatch_logs_exports       = var.monitoring.log_exports
  performance_insights_enabled          = var.monitoring.performance_insights_enabled
  performance_insights_kms_key_id       = var.monitoring.performance_insights_enabled ? var.kms_key_arn : null
  performance_insights_retention_period = var.monitoring.performance_insights_enabled ? var.monitoring.performance_insights_retention_days : null
  monitoring_interval                   = var.monitoring.interval
  monitoring_role_arn                   = var.monitoring.interval > 0 ? aws_iam_role.monitoring[0].arn : null

  tags = merge({ Name = var.identifier }, var.tags)

  # Exported logs land in groups that already carry retention and encryption, and the monitoring
  # role must hold its policy before RDS accepts it.
  depends_on = [
    aws_cloudwatch_log_group.exports,
    aws_iam_role_policy_attachment.monitoring,
  ]
}
