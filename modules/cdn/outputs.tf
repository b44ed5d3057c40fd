output "arn" {
  description = "ARN of the distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "domain_name" {
  description = "The distribution's cloudfront.net name, the target of the DNS aliases."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "hosted_zone_id" {
  description = "Route 53 zone id to use in alias records that point at the distribution."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "id" {
  description = "Id of the distribution, for cache invalidations."
  value       = aws_cloudfront_distribution.this.id
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL that filters the distribution."
  value       = module.waf.arn
}
