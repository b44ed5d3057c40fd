data "aws_availability_zones" "selected" {
  state = "available"

  filter {
    name   = "zone-name"
    values = var.availability_zones
  }

  lifecycle {
    postcondition {
      condition     = length(self.names) == length(var.availability_zones)
      error_message = "Only ${length(self.names)} of the zones ${join(", ", var.availability_zones)} are available in ${var.region}."
    }
  }
}

data "aws_ec2_managed_prefix_list" "cloudfront_origin_facing" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

locals {
  # In the configured order; the data source has checked that every one is available.
  availability_zones = [for zone in var.availability_zones : zone if contains(data.aws_availability_zones.selected.names, zone)]
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
