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

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

module "certificate" {
  source = "../../"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  domain_name               = "www.proje.com"
  subject_alternative_names = ["proje.com"]
  zone_id                   = "Z0123456789ABCDEFGHIJ"
}

output "certificate_arn" {
  value = module.certificate.arn
}
