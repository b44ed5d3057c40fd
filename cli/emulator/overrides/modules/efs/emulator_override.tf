# Emulator only (moto 5.2.5 with hashicorp/aws 5.100); copied into the staged stack of emulator
# environments by the CLI, never seen by real AWS.

# moto implements PutFileSystemPolicy but not DeleteFileSystemPolicy, so destroy would retry
# forever; the policy's TLS condition means nothing on the plain-HTTP emulator anyway.
resource "aws_efs_file_system_policy" "this" {
  count = 0
}
