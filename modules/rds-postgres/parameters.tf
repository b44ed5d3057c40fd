locals {
  # TLS only, and enough statement logging to audit schema changes and slow queries.
  _default_parameters = {
    "rds.force_ssl"              = { value = "1", apply_method = "immediate" }
    "ssl_min_protocol_version"   = { value = "TLSv1.2", apply_method = "immediate" }
    "log_connections"            = { value = "1", apply_method = "immediate" }
    "log_disconnections"         = { value = "1", apply_method = "immediate" }
    "log_statement"              = { value = "ddl", apply_method = "immediate" }
    "log_min_duration_statement" = { value = "1000", apply_method = "immediate" }
  }
  parameters = merge(local._default_parameters, var.parameters)
}

resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.identifier}-"
  family      = local.family
  description = "Parameters for ${var.identifier}"

  dynamic "parameter" {
    for_each = local.parameters

    content {
      name         = parameter.key
      value        = parameter.value.value
      apply_method = parameter.value.apply_method
    }
  }

  tags = merge({ Name = var.identifier }, var.tags)

  # A new family on a major upgrade needs the new group before the instance lets go of the old one.
  lifecycle {
    create_before_destroy = true
  }
}
