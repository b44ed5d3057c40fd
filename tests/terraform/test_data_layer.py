"""The data layer (RDS, EFS, buckets, backup pipeline) planned and applied with real Terraform on moto.

The network layer is stood in for by a VPC, three private subnets and the four security groups made
with boto3, shaped like the network layer's outputs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import boto3
import pytest

from tests.support.tfstack import LayerStack, planned_resources, resources_of_type

pytestmark = pytest.mark.terraform

# The downstream layers and the CLI read exactly these names.
CONTRACT_OUTPUTS = {
    "artifacts_bucket",
    "backup_bucket",
    "backup_bucket_region",
    "backup_dlq_url",
    "backup_function_name",
    "backup_queue_arn",
    "backup_queue_url",
    "backup_queue_visibility_timeout",
    "db_address",
    "db_instance_identifier",
    "db_master_secret_arn",
    "db_name",
    "db_port",
    "efs_access_point_id",
    "efs_file_system_id",
    "images_bucket",
    "images_bucket_arn",
    "images_bucket_kms_key_arn",
    "logs_bucket",
}

REGION = "us-east-1"
BACKUP_REGION = "us-west-2"
AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]
ACCOUNT = "123456789012"  # moto's default account

BACKUP_SOURCE = '''"""Placeholder backup handler packaged for the data-layer tests."""


def handler(event, context):
    return {"batchItemFailures": []}
'''


def _client(service: str, endpoint: str, region: str = REGION):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def backup_package(directory: Path) -> dict[str, str]:
    """A real zip holding backup.py, described the way `infra package` describes it."""
    path = directory / "backup.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("backup.py", date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        archive.writestr(info, BACKUP_SOURCE)
    digest = hashlib.sha256(path.read_bytes()).digest()
    return {"path": str(path), "base64sha256": base64.b64encode(digest).decode()}


def network_outputs(endpoint: str, name: str) -> dict[str, Any]:
    """A VPC with one private subnet per AZ and the security groups, as the network layer outputs them."""
    ec2 = _client("ec2", endpoint)
    vpc_id = ec2.create_vpc(CidrBlock="10.77.0.0/16")["Vpc"]["VpcId"]
    subnet_ids = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.77.{10 + index}.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
        for index, az in enumerate(AZS)
    ]
    groups = {
        role: ec2.create_security_group(GroupName=f"{name}-{role}", Description=f"{role} tier", VpcId=vpc_id)["GroupId"]
        for role in ("alb", "web", "db", "efs")
    }
    return {
        "vpc_id": vpc_id,
        "availability_zones": AZS,
        "private_subnet_ids": subnet_ids,
        "security_group_ids": groups,
    }


def data_variables(name_prefix: str, network: dict[str, Any], package: dict[str, str], **overrides: Any) -> dict:
    """Root variables as the CLI renders them for the local environment."""
    variables = {
        "environment": "test",
        "name_prefix": name_prefix,
        "region": REGION,
        "tags": {"Project": "imageupload", "Environment": "test"},
        **network,
        "database": {
            "instance_class": "db.t4g.micro",
            "multi_az": False,
            "deletion_protection": False,
            "skip_final_snapshot": True,
        },
        "efs": {"backup_policy_enabled": False},
        "backup_bucket_region": BACKUP_REGION,
        "backup_function_package": package,
        "backup_queue_max_receive_count": 4,
        "force_destroy_buckets": True,
    }
    variables.update(overrides)
    return variables


def _by_module(resources: dict[str, dict[str, Any]], resource: str) -> dict[str, dict[str, Any]]:
    """``{module name: values}`` for ``module.<name>.<resource>`` addresses (count indexes dropped)."""
    found = {}
    for address, values in resources.items():
        parts = [part.split("[")[0] for part in address.split(".")]
        if len(parts) == 4 and parts[0] == "module" and ".".join(parts[2:]) == resource:
            found[parts[1]] = values
    return found


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory, moto_endpoint: str) -> dict[str, Any]:
    """One plan of the data layer with its inputs, shared by the plan assertions."""
    work = tmp_path_factory.mktemp("data-plan")
    name_prefix = f"dplan-{uuid.uuid4().hex[:6]}"
    network = network_outputs(moto_endpoint, name_prefix)
    variables = data_variables(name_prefix, network, backup_package(work))
    plan = LayerStack(work, moto_endpoint).plan("data", variables)
    return {"plan": plan, "resources": planned_resources(plan), "variables": variables, "network": network}


def test_database_is_private_encrypted_and_keeps_no_password(planned: dict[str, Any]) -> None:
    (db,) = resources_of_type(planned["plan"], "aws_db_instance").values()
    network = planned["network"]
    assert db["publicly_accessible"] is False
    assert db["storage_encrypted"] is True
    assert db["manage_master_user_password"] is True
    assert db.get("password") is None
    assert db["engine"] == "postgres" and db["engine_version"].startswith("16")
    assert db["vpc_security_group_ids"] == [network["security_group_ids"]["db"]]
    assert db["auto_minor_version_upgrade"] is True
    assert db["iam_database_authentication_enabled"] is True
    assert db["backup_retention_period"] >= 7
    assert set(db["enabled_cloudwatch_logs_exports"]) == {"postgresql", "upgrade"}
    assert db["performance_insights_enabled"] is True and db["monitoring_interval"] == 60
    # The local-style inputs reach the instance.
    assert (db["multi_az"], db["deletion_protection"], db["skip_final_snapshot"]) == (False, False, True)

    (subnet_group,) = resources_of_type(planned["plan"], "aws_db_subnet_group").values()
    assert sorted(subnet_group["subnet_ids"]) == sorted(network["private_subnet_ids"])

    (parameters,) = resources_of_type(planned["plan"], "aws_db_parameter_group").values()
    assert parameters["family"] == "postgres16"
    assert {"name": "rds.force_ssl", "value": "1", "apply_method": "immediate"} in parameters["parameter"]


def test_database_keys_and_storage_use_customer_managed_kms(planned: dict[str, Any]) -> None:
    changes = {change["address"]: change for change in planned["plan"]["resource_changes"]}
    db_change = changes["module.database.aws_db_instance.this"]["change"]
    # Key ARNs are only known after apply; the plan must still show they are set, not left empty.
    assert db_change["after_unknown"]["kms_key_id"] is True
    assert db_change["after_unknown"]["performance_insights_kms_key_id"] is True
    keys = resources_of_type(planned["plan"], "aws_kms_key")
    assert len(keys) == 5  # database, files, images, backup, pipeline
    assert all(key["enable_key_rotation"] for key in keys.values())


def test_efs_has_a_mount_target_per_private_subnet(planned: dict[str, Any]) -> None:
    network = planned["network"]
    (file_system,) = resources_of_type(planned["plan"], "aws_efs_file_system").values()
    assert file_system["encrypted"] is True
    targets = resources_of_type(planned["plan"], "aws_efs_mount_target")
    assert len(targets) == 3
    assert sorted(target["subnet_id"] for target in targets.values()) == sorted(network["private_subnet_ids"])
    assert all(target["security_groups"] == [network["security_group_ids"]["efs"]] for target in targets.values())

    (access_point,) = resources_of_type(planned["plan"], "aws_efs_access_point").values()
    assert access_point["posix_user"] == [{"uid": 1000, "gid": 1000, "secondary_gids": None}]
    assert access_point["root_directory"][0]["path"] == "/imageupload"
    # The emulator environment turns the backup policy off; the production-defaults test sees it on.
    assert resources_of_type(planned["plan"], "aws_efs_backup_policy") == {}


def test_buckets_are_private_versioned_encrypted_and_logged(planned: dict[str, Any]) -> None:
    resources = planned["resources"]
    buckets = _by_module(resources, "aws_s3_bucket.this")
    assert set(buckets) == {"images", "backup", "artifacts", "logs", "backup_logs"}

    blocks = _by_module(resources, "aws_s3_bucket_public_access_block.this")
    versioning = _by_module(resources, "aws_s3_bucket_versioning.this")
    ownership = _by_module(resources, "aws_s3_bucket_ownership_controls.this")
    encryption = _by_module(resources, "aws_s3_bucket_server_side_encryption_configuration.this")
    logging = _by_module(resources, "aws_s3_bucket_logging.this")
    lifecycle = _by_module(resources, "aws_s3_bucket_lifecycle_configuration.this")
    for name in buckets:
        flags = blocks[name]
        assert all(
            flags[flag]
            for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
        ), name
        assert versioning[name]["versioning_configuration"][0]["status"] == "Enabled", name
        assert ownership[name]["rule"][0]["object_ownership"] == "BucketOwnerEnforced", name
        (rule,) = lifecycle[name]["rule"]
        assert rule["abort_incomplete_multipart_upload"][0]["days_after_initiation"] >= 1, name
        assert rule["noncurrent_version_expiration"][0]["noncurrent_days"] >= 1, name

    def algorithm(name: str) -> str:
        return encryption[name]["rule"][0]["apply_server_side_encryption_by_default"][0]["sse_algorithm"]

    assert {name: algorithm(name) for name in buckets} == {
        "images": "aws:kms",
        "backup": "aws:kms",
        "artifacts": "aws:kms",
        "logs": "AES256",
        "backup_logs": "AES256",
    }
    # Every data bucket logs; the log buckets do not log to themselves.
    # (Targets are bucket ids, known after apply; the emulator test reads them back.)
    assert {name: target["target_prefix"] for name, target in logging.items()} == {
        name: f"{buckets[name]['bucket']}/" for name in ("images", "backup", "artifacts")
    }
    assert buckets["backup"]["bucket"].endswith(BACKUP_REGION)


def test_backup_pipeline_reports_batch_item_failures(planned: dict[str, Any]) -> None:
    (mapping,) = resources_of_type(planned["plan"], "aws_lambda_event_source_mapping").values()
    assert mapping["function_response_types"] == ["ReportBatchItemFailures"]

    (function,) = resources_of_type(planned["plan"], "aws_lambda_function").values()
    package = planned["variables"]["backup_function_package"]
    assert (function["runtime"], function["handler"]) == ("python3.12", "backup.handler")
    assert function["source_code_hash"] == package["base64sha256"]
    assert function["reserved_concurrent_executions"] >= 2
    assert mapping["scaling_config"] == [{"maximum_concurrency": function["reserved_concurrent_executions"]}]

    queues = resources_of_type(planned["plan"], "aws_sqs_queue")
    main = next(values for address, values in queues.items() if address.endswith("aws_sqs_queue.this"))
    assert main["visibility_timeout_seconds"] >= 6 * function["timeout"]
    changes = {change["address"]: change for change in planned["plan"]["resource_changes"]}
    assert changes["module.backup_pipeline.aws_sqs_queue.this"]["change"]["after_unknown"]["redrive_policy"] is True

    (log_group,) = [
        values
        for values in resources_of_type(planned["plan"], "aws_cloudwatch_log_group").values()
        if values["name"].startswith("/aws/lambda/")
    ]
    assert log_group["retention_in_days"] == 365

    notifications = resources_of_type(planned["plan"], "aws_s3_bucket_notification")
    notification = notifications["module.backup_pipeline.aws_s3_bucket_notification.source"]
    assert notification["queue"][0]["events"] == ["s3:ObjectCreated:*"]


def test_production_defaults_and_a_backup_bucket_in_the_primary_region(tmp_path: Path, moto_endpoint: str) -> None:
    """With the defaults (no per-environment relaxations) and one region, the layer is production-grade."""
    name_prefix = f"dprod-{uuid.uuid4().hex[:6]}"
    network = network_outputs(moto_endpoint, name_prefix)
    variables = data_variables(name_prefix, network, backup_package(tmp_path), backup_bucket_region=REGION)
    for relaxed in ("database", "efs", "force_destroy_buckets"):
        variables.pop(relaxed)
    plan = LayerStack(tmp_path, moto_endpoint).plan("data", variables)
    resources = planned_resources(plan)

    (db,) = resources_of_type(plan, "aws_db_instance").values()
    assert (db["multi_az"], db["deletion_protection"], db["skip_final_snapshot"]) == (True, True, False)
    assert db["final_snapshot_identifier"] == f"{name_prefix}-db-final"
    assert len(resources_of_type(plan, "aws_efs_backup_policy")) == 1
    buckets = _by_module(resources, "aws_s3_bucket.this")
    assert set(buckets) == {"images", "backup", "artifacts", "logs"}
    assert not any(bucket["force_destroy"] for bucket in buckets.values())
    # One region: the backup bucket logs to the primary log bucket, so there is no second one.
    assert set(_by_module(resources, "aws_s3_bucket_logging.this")) == {"images", "backup", "artifacts"}


def test_backup_retention_below_seven_days_is_refused(tmp_path: Path, moto_endpoint: str) -> None:
    variables = data_variables(
        "dinvalid", network_outputs(moto_endpoint, f"dinv-{uuid.uuid4().hex[:6]}"), backup_package(tmp_path)
    )
    variables["database"]["backup_retention_days"] = 3
    with pytest.raises(AssertionError, match="backup_retention_days must be at least 7"):
        LayerStack(tmp_path, moto_endpoint).plan("data", variables)


def _assert_live_resources(endpoint: str, outputs: dict[str, Any], variables: dict[str, Any]) -> None:
    """Read the emulator back: placement, wiring and encryption as applied, not as planned."""
    rds = _client("rds", endpoint)
    (db,) = rds.describe_db_instances(DBInstanceIdentifier=outputs["db_instance_identifier"])["DBInstances"]
    assert db["PubliclyAccessible"] is False and db["StorageEncrypted"] is True
    assert db["MasterUserSecret"]["SecretArn"] == outputs["db_master_secret_arn"]
    subnets = {subnet["SubnetIdentifier"] for subnet in db["DBSubnetGroup"]["Subnets"]}
    assert subnets == set(variables["private_subnet_ids"])

    efs = _client("efs", endpoint)
    targets = efs.describe_mount_targets(FileSystemId=outputs["efs_file_system_id"])["MountTargets"]
    assert sorted(target["SubnetId"] for target in targets) == sorted(variables["private_subnet_ids"])
    (access_point,) = efs.describe_access_points(AccessPointId=outputs["efs_access_point_id"])["AccessPoints"]
    assert (access_point["PosixUser"]["Uid"], access_point["RootDirectory"]["Path"]) == (1000, "/imageupload")

    sqs = _client("sqs", endpoint)
    attributes = sqs.get_queue_attributes(QueueUrl=outputs["backup_queue_url"], AttributeNames=["All"])["Attributes"]
    assert int(attributes["VisibilityTimeout"]) == outputs["backup_queue_visibility_timeout"]
    redrive = json.loads(attributes["RedrivePolicy"])
    assert redrive["maxReceiveCount"] == variables["backup_queue_max_receive_count"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=outputs["backup_dlq_url"], AttributeNames=["QueueArn"])
    assert redrive["deadLetterTargetArn"] == dlq_arn["Attributes"]["QueueArn"]
    assert attributes["KmsMasterKeyId"].startswith("arn:aws:kms:")
    statements = {statement["Sid"]: statement for statement in json.loads(attributes["Policy"])["Statement"]}
    statement = statements["AllowSourceBucketNotifications"]
    assert statement["Condition"]["ArnEquals"]["aws:SourceArn"] == outputs["images_bucket_arn"]

    functions = _client("lambda", endpoint)
    function = functions.get_function_configuration(FunctionName=outputs["backup_function_name"])
    assert (function["Runtime"], function["Handler"]) == ("python3.12", "backup.handler")
    assert function["CodeSha256"] == variables["backup_function_package"]["base64sha256"]
    assert function["Environment"]["Variables"]["BACKUP_BUCKET"] == outputs["backup_bucket"]
    (mapping,) = [
        mapping
        for mapping in functions.list_event_source_mappings()["EventSourceMappings"]
        if mapping["EventSourceArn"] == outputs["backup_queue_arn"]
    ]
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]

    s3 = _client("s3", endpoint)
    location = _client("s3", endpoint, BACKUP_REGION).get_bucket_location(Bucket=outputs["backup_bucket"])
    assert location["LocationConstraint"] == BACKUP_REGION
    encryption = s3.get_bucket_encryption(Bucket=outputs["images_bucket"])["ServerSideEncryptionConfiguration"]
    default = encryption["Rules"][0]["ApplyServerSideEncryptionByDefault"]
    assert (default["SSEAlgorithm"], default["KMSMasterKeyID"]) == ("aws:kms", outputs["images_bucket_kms_key_arn"])
    assert (
        s3.get_bucket_logging(Bucket=outputs["images_bucket"])["LoggingEnabled"]["TargetBucket"]
        == outputs["logs_bucket"]
    )
    # Access logs stay in their region: the backup bucket logs to a log bucket beside it.
    backup_logs = _client("s3", endpoint, BACKUP_REGION).get_bucket_logging(Bucket=outputs["backup_bucket"])
    assert backup_logs["LoggingEnabled"]["TargetBucket"] == outputs["logs_bucket"].replace(REGION, BACKUP_REGION)

    # An upload reaches the backup queue through the bucket notification.
    sqs.purge_queue(QueueUrl=outputs["backup_queue_url"])
    s3.put_object(Bucket=outputs["images_bucket"], Key="cats/a b.jpg", Body=b"\xff\xd8\xff", ContentType="image/jpeg")
    received = sqs.receive_message(QueueUrl=outputs["backup_queue_url"], MaxNumberOfMessages=10, WaitTimeSeconds=5)
    records = [record for message in received["Messages"] for record in json.loads(message["Body"]).get("Records", [])]
    # Keys arrive URL-encoded, as the backup handler expects.
    assert [(record["eventName"], unquote_plus(record["s3"]["object"]["key"])) for record in records] == [
        ("ObjectCreated:Put", "cats/a b.jpg")
    ]


def _assert_nothing_left(endpoint: str, name_prefix: str) -> None:
    for region in (REGION, BACKUP_REGION):
        assert _client("s3", endpoint, region).list_buckets()["Buckets"] == []
        assert _client("rds", endpoint, region).describe_db_instances()["DBInstances"] == []
        assert _client("rds", endpoint, region).describe_db_subnet_groups()["DBSubnetGroups"] == []
        assert _client("efs", endpoint, region).describe_file_systems()["FileSystems"] == []
        assert _client("sqs", endpoint, region).list_queues().get("QueueUrls", []) == []
        assert _client("lambda", endpoint, region).list_functions()["Functions"] == []
        assert _client("lambda", endpoint, region).list_event_source_mappings()["EventSourceMappings"] == []
        assert _client("logs", endpoint, region).describe_log_groups()["logGroups"] == []
        kms = _client("kms", endpoint, region)
        assert [alias for alias in kms.list_aliases()["Aliases"] if name_prefix in alias["AliasName"]] == []
        # KMS keeps deleted keys for their waiting period; every key of ours must be scheduled for deletion.
        ours = [
            kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"]
            for key in kms.list_keys()["Keys"]
            if any(
                tag["TagKey"] == "Name" and tag["TagValue"].startswith(name_prefix)
                for tag in kms.list_resource_tags(KeyId=key["KeyId"])["Tags"]
            )
        ]
        assert ours == ["PendingDeletion"] * (4 if region == REGION else 1)
    assert _client("iam", endpoint).list_roles()["Roles"] == []


@pytest.mark.slow
def test_data_layer_applies_replans_clean_and_destroys_on_the_emulator(
    tmp_path: Path, fresh_moto_endpoint: str
) -> None:
    endpoint = fresh_moto_endpoint
    name_prefix = f"dapply-{uuid.uuid4().hex[:6]}"
    variables = data_variables(name_prefix, network_outputs(endpoint, name_prefix), backup_package(tmp_path))
    stack = LayerStack(tmp_path, endpoint)

    outputs = stack.apply("data", variables)
    assert set(outputs) == CONTRACT_OUTPUTS
    assert outputs["backup_bucket_region"] == BACKUP_REGION
    assert outputs["backup_queue_visibility_timeout"] >= 6 * 60
    assert "password" not in json.dumps(outputs).lower()
    _assert_live_resources(endpoint, outputs, variables)

    replan = stack.plan("data", variables)
    changed = [change["address"] for change in replan["resource_changes"] if change["change"]["actions"] != ["no-op"]]
    assert changed == []
    # The emulator keeps no TLS-only bucket policy (see the override); the real document is still rendered.
    documents = {
        resource["address"]: resource["values"]
        for module in replan["prior_state"]["values"]["root_module"]["child_modules"]
        for resource in module.get("resources", [])
        if resource["type"] == "aws_iam_policy_document"
    }
    images_policy = json.loads(documents["module.images.data.aws_iam_policy_document.this"]["json"])
    deny = next(statement for statement in images_policy["Statement"] if statement["Sid"] == "DenyInsecureTransport")
    assert (deny["Effect"], deny["Condition"]) == ("Deny", {"Bool": {"aws:SecureTransport": "false"}})

    stack.destroy("data", variables)
    _assert_nothing_left(endpoint, name_prefix)
