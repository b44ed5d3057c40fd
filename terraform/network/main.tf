data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }

  lifecycle {
    postcondition {
      condition     = length(self.names) >= var.az_count
      error_message = "The region offers ${length(self.names)} Availability Zones; az_count asks for ${var.az_count}."
    }
  }
}

data "aws_ec2_managed_prefix_list" "cloudfront_origin_facing" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

locals {
  availability_zones = slice(sort(data.aws_availability_zones.available.names), 0, var.az_count)
}

module "vpc" {
  source = "../../modules/vpc"

  name               = var.name_prefix
  cidr_block         = var.vpc_cidr
  availability_zones = local.availability_zones
  flow_logs = {
    retention_days = var.flow_log_retention_days
  }
}

module "security_groups" {
  source = "../../modules/security-groups"

  name                        = var.name_prefix
  vpc_id                      = module.vpc.vpc_id
  app_port                    = var.app_port
  alb_ingress_prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront_origin_facing.id]
}
