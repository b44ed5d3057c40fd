output "arn" {
  description = "ARN of the issued certificate in us-east-1; known only once validation has completed."
  value       = aws_acm_certificate_validation.this.certificate_arn
}
