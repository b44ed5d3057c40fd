locals {
  # Keyed by AZ so adding a zone never renumbers the others.
  _az_index = { for index, zone in var.availability_zones : zone => index }
  public_subnets = {
    for zone, index in local._az_index : zone => cidrsubnet(var.cidr_block, var.subnet_newbits, index)
  }
  private_subnets = {
    for zone, index in local._az_index : zone => cidrsubnet(var.cidr_block, var.subnet_newbits, index + 100)
  }
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge({ Name = var.name }, var.tags)
}

# Adopt the default security group and strip every rule from it, so nothing can use it by accident.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge({ Name = "${var.name}-default-closed" }, var.tags)
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge({ Name = var.name }, var.tags)
}
