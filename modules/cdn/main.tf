locals {
  # AWS managed policies. Their ids are fixed and documented by AWS; they are written here rather
  # than looked up, since a lookup adds an API call and some emulators do not answer it.
  # https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
  # https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
  _cache_policy_caching_disabled                = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" # Managed-CachingDisabled
  _cache_policy_caching_optimized               = "658327ea-f89d-4fab-a63d-7e88639e58f6" # Managed-CachingOptimized
  _origin_request_policy_all_viewer_except_host = "b689b0a8-53d0-40ab-baf2-68738e2966ac" # Managed-AllViewerExceptHostHeader
  _origin_id                                    = "alb"

  response_headers_policy_id = aws_cloudfront_response_headers_policy.security_headers.id
}

resource "aws_cloudfront_distribution" "this" {
  #checkov:skip=CKV_AWS_310:The only origin is one regional ALB that already spans three AZs; a second origin to fail over to would be a second copy of the whole stack.
  #checkov:skip=CKV_AWS_305:Every path, including /, is rendered by the application; a default root object would rewrite / to a file the application does not serve.
  #checkov:skip=CKV_AWS_374:The site serves a worldwide audience; geo_restriction lets an environment narrow it when needed.
  #checkov:skip=CKV_AWS_86:Access logs use CloudFront standard logging v2 (logging.tf, CloudWatch Logs delivery), which needs no ACL-enabled bucket; this check only recognises the legacy logging_config block.
  comment             = "${var.name}: ${join(", ", var.aliases)}"
  enabled             = true
  aliases             = var.aliases
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = var.price_class
  web_acl_id          = module.waf.arn
  wait_for_deployment = var.wait_for_deployment

  origin {
    origin_id   = local._origin_id
    domain_name = var.origin.domain_name

    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = "https-only"
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = var.origin.read_timeout_seconds
      origin_keepalive_timeout = 5
    }

    # The ALB forwards only requests that carry this secret, so the origin is unusable without CloudFront.
    custom_header {
      name  = var.origin.verify_header_name
      value = var.origin_verify_header_value
    }
  }

  # Pages and uploads: never cached, every viewer header except Host reaches the ALB (which then
  # sees its own name and certificate), and POST is allowed.
  default_cache_behavior {
    target_origin_id           = local._origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local._cache_policy_caching_disabled
    origin_request_policy_id   = local._origin_request_policy_all_viewer_except_host
    response_headers_policy_id = local.response_headers_policy_id
  }

  # Stored images do not change once written, so the edge caches them.
  dynamic "ordered_cache_behavior" {
    for_each = var.cached_path_patterns
    content {
      path_pattern               = ordered_cache_behavior.value
      target_origin_id           = local._origin_id
      viewer_protocol_policy     = "redirect-to-https"
      allowed_methods            = ["GET", "HEAD", "OPTIONS"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = true
      cache_policy_id            = local._cache_policy_caching_optimized
      response_headers_policy_id = local.response_headers_policy_id
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = var.geo_restriction.type
      locations        = var.geo_restriction.locations
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = merge({ Name = var.name }, var.tags)
}
