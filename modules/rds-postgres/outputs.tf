output "address" {
  description = "Host name of the instance (private; resolves inside the VPC)."
  value       = aws_db_instance.this.address
}

output "db_name" {
  description = "Name of the database created on the instance."
  value       = aws_db_instance.this.db_name
}

output "identifier" {
  description = "Identifier of the DB instance."
  value       = aws_db_instance.this.identifier
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret, owned by RDS, that holds the master credentials."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "port" {
  description = "Port the instance listens on."
  value       = aws_db_instance.this.port
}
