terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 6.0"
    }
  }
}

# A CLOUDFRONT web ACL exists only in us-east-1.
provider "aws" {
  region = "us-east-1"
}

module "waf" {
  source = "../../"

  name                = "imageupload-prod"
  rate_limit_per_5min = 2000
  max_body_bytes      = 10485760
  logging = {
    retention_days = 365
  }
}

output "web_acl_arn" {
  value = module.waf.arn
}
