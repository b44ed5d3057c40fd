output "alb_arn" {
  description = "ARN of the load balancer."
  value       = module.alb.arn
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.alb.dns_name
}

output "alb_zone_id" {
  description = "Route 53 zone id of the load balancer, for alias records."
  value       = module.alb.zone_id
}

output "asg_name" {
  description = "Name of the web Auto Scaling group."
  value       = module.web_asg.asg_name
}

output "origin_domain_name" {
  description = "Host name CloudFront uses for the origin (<origin_host>.<domain>), covered by the load balancer's certificate."
  value       = module.alb.origin_domain_name
}

output "origin_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the origin-verify header value; the value itself is never output."
  value       = module.alb.origin_secret_arn
}

output "origin_verify_header_name" {
  description = "Name of the header CloudFront must send with the secret value."
  value       = module.alb.origin_verify_header_name
}

output "scale_in_alarm_name" {
  description = "Name of the low-CPU alarm that removes one instance."
  value       = module.web_asg.scale_in_alarm_name
}

output "scale_out_alarm_name" {
  description = "Name of the high-CPU alarm that adds one instance."
  value       = module.web_asg.scale_out_alarm_name
}

output "scale_out_policy_arn" {
  description = "ARN of the step-scaling policy that adds one instance."
  value       = module.web_asg.scale_out_policy_arn
}

output "target_group_arn" {
  description = "ARN of the target group of the web instances."
  value       = module.alb.target_group_arn
}
