# Emulator only (moto 5.2.5 with hashicorp/aws 5.100); copied into the staged stack of emulator
# environments by the CLI, never seen by real AWS.

# moto does not store Performance Insights settings, so every plan would switch them on again.
# It also ignores CACertificateIdentifier on create, so the provider would modify the new instance
# at once and wait for it a second time (~80 s); locally the emulator's default CA stays.
resource "aws_db_instance" "this" {
  ca_cert_identifier = null

  lifecycle {
    ignore_changes = [
      performance_insights_enabled,
      performance_insights_kms_key_id,
      performance_insights_retention_period,
    ]
  }
}

# moto's DescribeDBParameters leaves out each parameter's Source, so the provider reads no
# user-set parameters back and would add them all again. create_before_destroy is merged from the
# module's own lifecycle block.
resource "aws_db_parameter_group" "this" {
  lifecycle {
    ignore_changes = [parameter]
  }
}
