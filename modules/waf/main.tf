data "aws_region" "current" {}

locals {
  # WAF cannot compare numbers, and on CloudFront it sees at most the first 64 KB of a body, so
  # the size limit is enforced on the declared Content-Length with a regex matching every decimal
  # number above max_body_bytes: a number of the same length is larger when it keeps a prefix of
  # the limit and then has a larger digit; any number with more digits is larger too.
  _limit_digits = split("", tostring(var.max_body_bytes))
  _limit_length = length(local._limit_digits)
  _same_length_larger = [
    for position, digit in local._limit_digits : format(
      "%s[%d-9]%s",
      join("", slice(local._limit_digits, 0, position)),
      tonumber(digit) + 1,
      position < local._limit_length - 1 ? format("[0-9]{%d}", local._limit_length - 1 - position) : "",
    ) if tonumber(digit) < 9
  ]
  _more_digits                   = format("[1-9][0-9]{%d,}", local._limit_length)
  oversized_content_length_regex = format("^0*(?:%s)$", join("|", concat(local._same_length_larger, [local._more_digits])))
}

resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "Edge protection of ${var.name}: managed rules, rate limit and upload size limit."
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  # The managed rule groups are written out one by one (not generated) so that scanners can read them.
  rule {
    name     = "AWSManagedRulesAmazonIpReputationList"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAmazonIpReputationList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesAmazonIpReputationList"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 20

    action {
      block {
        custom_response {
          response_code = 429
        }
      }
    }

    statement {
      rate_based_statement {
        limit                 = var.rate_limit_per_5min
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit-per-ip"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "body-size-limit"
    priority = 30

    action {
      block {
        custom_response {
          response_code = 413
        }
      }
    }

    statement {
      regex_match_statement {
        regex_string = local.oversized_content_length_regex

        field_to_match {
          single_header {
            name = "content-length"
          }
        }

        text_transformation {
          priority = 0
          type     = "NONE"
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-body-size-limit"
      sampled_requests_enabled   = true
    }
  }

  # SizeRestrictions_BODY blocks any body over 8 KB, which would stop every image upload; it
  # only counts here, and the body-size-limit rule enforces the application's real limit.
  rule {
    name     = "AWSManagedRulesCommonRuleSet"
    priority = 40

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"

        rule_action_override {
          name = "SizeRestrictions_BODY"
          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesCommonRuleSet"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "AWSManagedRulesKnownBadInputsRuleSet"
    priority = 50

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesKnownBadInputsRuleSet"
      sampled_requests_enabled   = true
    }
  }

  # Anonymising proxies and Tor are blocked; HostingProviderIPList only counts, since it would
  # also block users behind VPNs and proxies hosted in public clouds.
  rule {
    name     = "AWSManagedRulesAnonymousIpList"
    priority = 60

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAnonymousIpList"
        vendor_name = "AWS"

        rule_action_override {
          name = "HostingProviderIPList"
          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesAnonymousIpList"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }

  tags = merge({ Name = var.name }, var.tags)

  lifecycle {
    precondition {
      condition     = data.aws_region.current.name == "us-east-1"
      error_message = "A CLOUDFRONT web ACL must be created in us-east-1: pass a us-east-1 provider to this module."
    }
    precondition {
      condition     = length(local.oversized_content_length_regex) <= 200
      error_message = "The Content-Length regex for max_body_bytes exceeds WAF's 200-character pattern limit."
    }
  }
}
