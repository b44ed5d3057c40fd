locals {
  # Keyed by the names from configuration, so the keys are known at plan time.
  _validation_options = {
    for option in aws_acm_certificate.this.domain_validation_options : option.domain_name => option
  }
}

# Route 53 is global: these records use the default provider.
resource "aws_route53_record" "validation" {
  for_each = local._names

  zone_id         = var.zone_id
  name            = local._validation_options[each.key].resource_record_name
  type            = local._validation_options[each.key].resource_record_type
  records         = [local._validation_options[each.key].resource_record_value]
  ttl             = 60
  allow_overwrite = true
}

# Waits until ACM has issued the certificate, so consumers never attach a pending one.
resource "aws_acm_certificate_validation" "this" {
  provider = aws.us_east_1

  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}
