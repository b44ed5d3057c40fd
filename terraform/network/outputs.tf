output "availability_zones" {
  description = "The Availability Zones the subnets span."
  value       = module.vpc.availability_zones
}

output "hosted_zone_id" {
  description = "Route 53 public zone of the domain."
  value       = local.hosted_zone_id
}

output "private_subnet_ids" {
  description = "Private subnets (database, EFS), one per zone."
  value       = module.vpc.private_subnet_ids
}

output "public_subnet_ids" {
  description = "Public subnets (load balancer, web instances), one per zone."
  value       = module.vpc.public_subnet_ids
}

output "security_group_ids" {
  description = "Security groups by tier: alb, web, db, efs."
  value       = module.security_groups.ids
}

output "vpc_id" {
  description = "The VPC id."
  value       = module.vpc.vpc_id
}
