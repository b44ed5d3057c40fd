output "availability_zones" {
  description = "The zones the subnets span, in the order given."
  value       = var.availability_zones
}

output "private_subnet_ids" {
  description = "Private subnet ids, in the order of availability_zones."
  value       = [for zone in var.availability_zones : aws_subnet.private[zone].id]
}

output "public_subnet_ids" {
  description = "Public subnet ids, in the order of availability_zones."
  value       = [for zone in var.availability_zones : aws_subnet.public[zone].id]
}

output "vpc_cidr_block" {
  description = "The VPC's IPv4 CIDR."
  value       = aws_vpc.this.cidr_block
}

output "vpc_id" {
  description = "The VPC id."
  value       = aws_vpc.this.id
}
