output "arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "dns_name" {
  description = "DNS name of the load balancer."
  value       = aws_lb.this.dns_name
}

output "origin_domain_name" {
  description = "The origin host name (alias of the load balancer, name on its certificate) that CloudFront connects to."
  value       = aws_route53_record.origin.fqdn
}

output "origin_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the origin-verify header value (the value itself is never output)."
  value       = aws_secretsmanager_secret.origin_verify.arn
}

output "origin_secret_kms_key_arn" {
  description = "ARN of the KMS key encrypting the origin-verify secret; readers of the secret need kms:Decrypt on it."
  value       = aws_kms_key.origin_verify.arn
}

output "origin_verify_header_name" {
  description = "Name of the header that must carry the secret value."
  value       = var.origin_verify.header_name
}

output "target_group_arn" {
  description = "ARN of the target group of the web instances."
  value       = aws_lb_target_group.this.arn
}

output "zone_id" {
  description = "Route 53 zone id of the load balancer, for alias records."
  value       = aws_lb.this.zone_id
}
