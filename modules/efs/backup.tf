# Enrols the file system in AWS Backup's default plan (daily backups, 35 days).
resource "aws_efs_backup_policy" "this" {
  count          = var.backup_policy_enabled ? 1 : 0
  file_system_id = aws_efs_file_system.this.id

  backup_policy {
    status = "ENABLED"
  }
}
