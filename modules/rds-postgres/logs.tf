# RDS would otherwise create these groups itself, without retention or encryption.
resource "aws_cloudwatch_log_group" "exports" {
  for_each          = toset(var.monitoring.log_exports)
  name              = "/aws/rds/instance/${var.identifier}/${each.key}"
  retention_in_days = var.monitoring.log_retention_days
  kms_key_id        = var.monitoring.log_kms_key_arn
  tags              = merge({ Name = "${var.identifier}-${each.key}" }, var.tags)
}
