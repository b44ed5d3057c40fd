resource "aws_cloudfront_response_headers_policy" "security_headers" {
  name    = "${var.name}-security-headers"
  comment = "Security headers added to every response of ${var.name}"

  security_headers_config {
    # Two years with subdomains and preload: the bar for the browsers' HSTS preload lists.
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    content_security_policy {
      content_security_policy = var.security_headers.content_security_policy
      override                = true
    }

    referrer_policy {
      referrer_policy = var.security_headers.referrer_policy
      override        = true
    }
  }
}
