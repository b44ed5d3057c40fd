# Emulator only (moto 5.2.5); copied into the staged stack of emulator environments by the CLI.

# moto answers the distribution's viewer_certificate differently from what was sent, and adds
# legacy forwarded_values to cache behaviours that use cache policies; every plan would show
# changes that real CloudFront never reports.
resource "aws_cloudfront_distribution" "this" {
  lifecycle {
    ignore_changes = [
      viewer_certificate,
      default_cache_behavior[0].forwarded_values,
      ordered_cache_behavior[0].forwarded_values,
    ]
  }
}

# moto has no CreateResponseHeadersPolicy (404). The emulated distribution uses the AWS managed
# SecurityHeadersPolicy instead, whose id is fixed by AWS; real deployments keep the custom policy.
resource "aws_cloudfront_response_headers_policy" "security_headers" {
  count = 0
}

locals {
  response_headers_policy_id = "67f7725c-6f97-4210-82d7-5512b31e9d03" # Managed-SecurityHeadersPolicy
}
