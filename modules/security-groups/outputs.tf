output "ids" {
  description = "Security group ids by tier: alb, web, db, efs."
  value       = { for tier, group in aws_security_group.this : tier => group.id }
}
