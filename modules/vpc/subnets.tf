resource "aws_subnet" "public" {
  for_each = local.public_subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
  # Instances get public addresses from their launch template only, never implicitly.
  map_public_ip_on_launch = false

  tags = merge({ Name = "${var.name}-public-${each.key}", Tier = "public" }, var.tags)
}

resource "aws_subnet" "private" {
  for_each = local.private_subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = merge({ Name = "${var.name}-private-${each.key}", Tier = "private" }, var.tags)
}
