locals {
  # One IPv4 and one IPv6 alias per name, keyed "<name> <type>" so keys stay stable.
  _records = {
    for pair in setproduct(sort(var.names), ["A", "AAAA"]) : "${pair[0]} ${pair[1]}" => {
      name = pair[0]
      type = pair[1]
    }
  }
}

resource "aws_route53_record" "this" {
  for_each = local._records

  zone_id = var.zone_id
  name    = each.value.name
  type    = each.value.type

  alias {
    name                   = var.alias_target.domain_name
    zone_id                = var.alias_target.hosted_zone_id
    evaluate_target_health = var.alias_target.evaluate_target_health
  }
}
