"""The stack's layers, their order, and what each one needs from the layers before it."""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    network = "network"
    data = "data"
    compute = "compute"
    edge = "edge"


ORDER: tuple[Layer, ...] = (Layer.network, Layer.data, Layer.compute, Layer.edge)

# Which upstream layers' outputs a layer's tfvars read.
UPSTREAM: dict[Layer, tuple[Layer, ...]] = {
    Layer.network: (),
    Layer.data: (Layer.network,),
    Layer.compute: (Layer.network, Layer.data),
    Layer.edge: (Layer.network, Layer.compute),
}

# Which build artifacts a layer's tfvars reference.
ARTIFACTS: dict[Layer, tuple[str, ...]] = {
    Layer.network: (),
    Layer.data: ("backup",),
    Layer.compute: ("webapp",),
    Layer.edge: (),
}

# Stand-ins for outputs of layers not applied yet. They let `infra plan` show a downstream layer
# early; a plan made with any of them is marked and can never be applied.
PLACEHOLDER_OUTPUTS: dict[Layer, dict[str, object]] = {
    Layer.network: {
        "vpc_id": "vpc-00000000000000000",
        "availability_zones": ["placeholder-az-a", "placeholder-az-b", "placeholder-az-c"],
        "public_subnet_ids": ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"],
        "private_subnet_ids": ["subnet-0000000000000001a", "subnet-0000000000000001b", "subnet-0000000000000001c"],
        "security_group_ids": {
            "alb": "sg-0000000000000000a",
            "web": "sg-0000000000000000b",
            "db": "sg-0000000000000000c",
            "efs": "sg-0000000000000000d",
        },
        "hosted_zone_id": "Z000000000PLACEHOLDER",
    },
    Layer.data: {
        "db_address": "placeholder.db.invalid",
        "db_port": 5432,
        "db_name": "imageupload",
        "db_master_secret_arn": "arn:aws:secretsmanager:us-east-1:000000000000:secret:placeholder-AbCdEf",
        "efs_file_system_id": "fs-00000000",
        "efs_access_point_id": "fsap-00000000000000000",
        "images_bucket": "placeholder-images",
        "images_bucket_arn": "arn:aws:s3:::placeholder-images",
        "images_bucket_kms_key_arn": None,
        "logs_bucket": "placeholder-logs",
        "artifacts_bucket": "placeholder-artifacts",
    },
    Layer.compute: {
        "origin_domain_name": "origin.placeholder.invalid",
        "origin_secret_arn": "arn:aws:secretsmanager:us-east-1:000000000000:secret:placeholder-origin-AbCdEf",
        "origin_verify_header_name": "X-Origin-Verify",
    },
    Layer.edge: {},
}


def parse_layers(layer: Layer | None, all_layers: bool) -> list[Layer]:
    """The layers a command acts on, in dependency order."""
    from cli.errors import UsageError

    if layer is not None and all_layers:
        raise UsageError("give either --layer or --all, not both")
    if layer is None and not all_layers:
        raise UsageError("say which layer: --layer network|data|compute|edge, or --all")
    return list(ORDER) if all_layers else [layer]
