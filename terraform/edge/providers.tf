provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

# CloudFront's certificate, web ACL and log delivery must live in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = var.tags
  }
}
