resource "aws_efs_file_system" "this" {
  #checkov:skip=CKV2_AWS_18:Backups come from aws_efs_backup_policy (AWS Backup's default plan: daily, kept 35 days), which this check does not recognise; an extra plan would back up twice.
  creation_token   = var.name
  encrypted        = true
  kms_key_id       = var.kms_key_arn
  performance_mode = "generalPurpose"
  throughput_mode  = var.throughput_mode

  lifecycle_policy {
    transition_to_ia = var.storage_tiering.transition_to_ia
  }

  # A file read again from Infrequent Access returns to Standard, so hot images stay fast.
  lifecycle_policy {
    transition_to_primary_storage_class = var.storage_tiering.transition_to_primary_storage_class
  }

  tags = merge({ Name = var.name }, var.tags)
}
