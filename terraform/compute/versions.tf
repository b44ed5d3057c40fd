terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 6.0"
    }
  }

  # Partial configuration: `infra` passes bucket, key, region and use_lockfile per environment.
  backend "s3" {}
}
