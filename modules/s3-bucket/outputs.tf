output "arn" {
  description = "ARN of the bucket."
  value       = aws_s3_bucket.this.arn
}

output "name" {
  description = "Name of the bucket, available once its policy and encryption are in place."
  value       = aws_s3_bucket.this.id

  depends_on = [
    aws_s3_bucket_policy.this,
    aws_s3_bucket_server_side_encryption_configuration.this,
  ]
}
