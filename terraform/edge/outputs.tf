output "certificate_arn" {
  description = "ACM certificate (us-east-1) of the site's names."
  value       = module.certificate.arn
}

output "distribution_domain_name" {
  description = "The distribution's cloudfront.net name."
  value       = module.cdn.domain_name
}

output "distribution_id" {
  description = "Id of the CloudFront distribution, for cache invalidations."
  value       = module.cdn.id
}

output "site_url" {
  description = "Public address of the site."
  value       = "https://${local.site_name}"
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL in front of the site."
  value       = module.cdn.web_acl_arn
}
