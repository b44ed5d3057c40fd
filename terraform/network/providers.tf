provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

# Route 53 query logs can only be delivered to CloudWatch Logs in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = var.tags
  }
}
