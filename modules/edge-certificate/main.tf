locals {
  # Every name the certificate covers, each needing its own validation record.
  _names = toset(concat([var.domain_name], var.subject_alternative_names))
}

resource "aws_acm_certificate" "this" {
  provider = aws.us_east_1

  domain_name               = var.domain_name
  subject_alternative_names = var.subject_alternative_names
  validation_method         = "DNS"
  key_algorithm             = var.key_algorithm

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  tags = merge({ Name = var.domain_name }, var.tags)

  # A replacement must be issued before the old one leaves the distribution.
  lifecycle {
    create_before_destroy = true
  }
}
