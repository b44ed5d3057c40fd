terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 6.0"
    }
  }
}

provider "aws" {
  region = "eu-central-1"
}

module "dns_records" {
  source = "../../"

  zone_id = "Z0123456789ABCDEFGHIJ"
  names   = ["www.proje.com", "proje.com"]
  alias_target = {
    domain_name    = "d111111abcdef8.cloudfront.net"
    hosted_zone_id = "Z2FDTNDATAQYW2"
  }
}

output "fqdns" {
  value = module.dns_records.fqdns
}
