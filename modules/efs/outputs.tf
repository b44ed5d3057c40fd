output "access_point_arn" {
  description = "ARN of the application's access point, for elasticfilesystem:AccessPointArn conditions."
  value       = aws_efs_access_point.this.arn
}

output "access_point_id" {
  description = "ID of the application's access point (mount option accesspoint=)."
  value       = aws_efs_access_point.this.id
}

output "arn" {
  description = "ARN of the file system, for the clients' IAM policies."
  value       = aws_efs_file_system.this.arn
}

output "id" {
  description = "ID of the file system, available once every mount target and the policy are in place."
  value       = aws_efs_file_system.this.id

  depends_on = [aws_efs_mount_target.this, aws_efs_file_system_policy.this]
}
