output "artifacts_bucket" {
  description = "Bucket for the web app artifact (AWS managed KMS key: readers need only s3:GetObject)."
  value       = module.artifacts.name
}

output "backup_bucket" {
  description = "Bucket that receives a copy of every image."
  value       = module.backup.name
}

output "backup_bucket_region" {
  description = "Region of the backup bucket."
  value       = var.backup_bucket_region
}

output "backup_dlq_url" {
  description = "URL of the backup dead-letter queue."
  value       = module.backup_pipeline.dlq_url
}

output "backup_function_name" {
  description = "Name of the backup function."
  value       = module.backup_pipeline.function_name
}

output "backup_queue_arn" {
  description = "ARN of the queue fed by the images bucket's object-created events."
  value       = module.backup_pipeline.queue_arn
}

output "backup_queue_url" {
  description = "URL of the queue fed by the images bucket's object-created events."
  value       = module.backup_pipeline.queue_url
}

output "backup_queue_visibility_timeout" {
  description = "Visibility timeout of the backup queue in seconds."
  value       = module.backup_pipeline.queue_visibility_timeout_seconds
}

output "db_address" {
  description = "Private host name of the PostgreSQL instance."
  value       = module.database.address
}

output "db_instance_identifier" {
  description = "Identifier of the PostgreSQL instance."
  value       = module.database.identifier
}

output "db_master_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret with the master credentials (AWS managed key: readers need only secretsmanager:GetSecretValue)."
  value       = module.database.master_user_secret_arn
}

output "db_name" {
  description = "Name of the application database."
  value       = module.database.db_name
}

output "db_port" {
  description = "Port of the PostgreSQL instance."
  value       = module.database.port
}

output "efs_access_point_id" {
  description = "ID of the application's EFS access point."
  value       = module.files.access_point_id
}

output "efs_file_system_id" {
  description = "ID of the shared file system."
  value       = module.files.id
}

output "images_bucket" {
  description = "Bucket for uploaded images."
  value       = module.images.name
}

output "images_bucket_arn" {
  description = "ARN of the images bucket."
  value       = module.images.arn
}

output "images_bucket_kms_key_arn" {
  description = "ARN of the customer managed key of the images bucket; readers and writers need kms:Decrypt and kms:GenerateDataKey on it."
  value       = aws_kms_key.this["images"].arn
}

output "logs_bucket" {
  description = "Access-log bucket of the primary region (S3 server access logs; S3-managed encryption)."
  value       = module.logs.name
}
