terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 6.0"
      # CloudFront only accepts certificates from us-east-1, whatever the stack's region.
      configuration_aliases = [aws.us_east_1]
    }
  }
}
