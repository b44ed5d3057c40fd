provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

# The backup bucket, its key and (when the regions differ) its access-log bucket live here.
provider "aws" {
  alias  = "backup"
  region = var.backup_bucket_region

  default_tags {
    tags = var.tags
  }
}
