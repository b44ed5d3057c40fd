output "fqdns" {
  description = "The names that now resolve to the alias target."
  value       = sort(distinct([for record in aws_route53_record.this : record.fqdn]))
}
