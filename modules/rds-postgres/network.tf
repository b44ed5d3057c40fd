resource "aws_db_subnet_group" "this" {
  name        = var.identifier
  description = "Private subnets for ${var.identifier}"
  subnet_ids  = var.network.subnet_ids
  tags        = merge({ Name = var.identifier }, var.tags)
}
