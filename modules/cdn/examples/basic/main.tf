terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 6.0"
    }
  }
}

# The web ACL and CloudFront log delivery must be in us-east-1.
provider "aws" {
  region = "us-east-1"
}

variable "origin_verify_secret" {
  description = "Shared secret the load balancer expects in X-Origin-Verify."
  type        = string
  sensitive   = true
}

module "cdn" {
  source = "../../"

  name            = "imageupload-prod"
  aliases         = ["www.proje.com"]
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  origin = {
    domain_name        = "origin.proje.com"
    verify_header_name = "X-Origin-Verify"
  }
  origin_verify_header_value = var.origin_verify_secret
  waf = {
    rate_limit_per_5min = 2000
    max_body_bytes      = 10485760
  }
}

output "distribution_domain_name" {
  value = module.cdn.domain_name
}
