# Every client through this access point acts as the application's POSIX user inside its own
# directory, whatever user it runs as locally.
resource "aws_efs_access_point" "this" {
  file_system_id = aws_efs_file_system.this.id

  posix_user {
    uid = var.access_point.posix_uid
    gid = var.access_point.posix_gid
  }

  root_directory {
    path = var.access_point.root_directory

    creation_info {
      owner_uid   = var.access_point.posix_uid
      owner_gid   = var.access_point.posix_gid
      permissions = var.access_point.permissions
    }
  }

  tags = merge({ Name = var.name }, var.tags)
}
