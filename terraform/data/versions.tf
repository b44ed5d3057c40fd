terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 6.0"
    }
  }

  # Partial configuration: the CLI supplies bucket, key and region for each environment.
  backend "s3" {}
}
