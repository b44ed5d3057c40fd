# One mount target per AZ, keyed by AZ name so adding or removing an AZ touches only that target.
resource "aws_efs_mount_target" "this" {
  for_each        = var.subnet_ids_by_az
  file_system_id  = aws_efs_file_system.this.id
  subnet_id       = each.value
  security_groups = var.security_group_ids
}
