"""Post-deploy checks of an environment, the same code path on the emulator and on AWS.

Each check reads what is deployed (boto3) or uses the app over HTTP. A check that has no meaning
on the emulator says so (``n/a``) instead of pretending.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from cli.config import EnvironmentConfig

PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "n/a"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: str
    detail: str
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class CheckFailed(Exception):
    """Raised inside a check with the reason it failed."""


class NotApplicable(Exception):
    """Raised inside a check that means nothing in this environment."""


@dataclass
class Context:
    env: EnvironmentConfig
    outputs: dict[str, dict[str, Any]]
    client: Callable[..., Any]
    app_url: str | None
    backup_timeout: float


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def check_asg(context: Context) -> str:
    compute, network = context.outputs["compute"], context.outputs["network"]
    groups = context.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[compute["asg_name"]])
    (group,) = groups["AutoScalingGroups"]
    in_service = [item for item in group["Instances"] if item["LifecycleState"] == "InService"]
    minimum = context.env.compute.min_size
    _require(len(in_service) >= minimum, f"{len(in_service)} InService, want >= {minimum}")
    if context.env.emulator:
        subnet_ids = [item for item in group["VPCZoneIdentifier"].split(",") if item]
        subnets = context.client("ec2").describe_subnets(SubnetIds=subnet_ids)["Subnets"]
        zones = {subnet["AvailabilityZone"] for subnet in subnets}
        how = "the group's subnets (the emulator puts every instance in the first subnet)"
    else:
        zones = {item["AvailabilityZone"] for item in in_service}
        how = "its InService instances"
    _require(len(zones) >= 3, f"spread over {len(zones)} AZs by {how}, want >= 3")
    _require(zones <= set(network["availability_zones"]), f"zones {sorted(zones)} outside the VPC's")
    return f"{len(in_service)} InService (min {minimum}), {len(zones)} AZs by {how}"


def check_targets(context: Context) -> str:
    health = context.client("elbv2").describe_target_health(
        TargetGroupArn=context.outputs["compute"]["target_group_arn"]
    )
    states = [item["TargetHealth"]["State"] for item in health["TargetHealthDescriptions"]]
    minimum = context.env.compute.min_size
    if context.env.emulator:
        _require(len(states) >= minimum, f"{len(states)} targets registered, want >= {minimum}")
        return f"{len(states)} registered (the emulator runs no health checks)"
    healthy = states.count("healthy")
    _require(healthy >= minimum, f"{healthy} healthy of {len(states)}, want >= {minimum}")
    return f"{healthy} healthy"


def check_scale_out_alarm(context: Context) -> str:
    compute = context.outputs["compute"]
    alarms = context.client("cloudwatch").describe_alarms(AlarmNames=[compute["scale_out_alarm_name"]])["MetricAlarms"]
    _require(len(alarms) == 1, f"alarm {compute['scale_out_alarm_name']} not found")
    alarm = alarms[0]
    threshold = context.env.compute.scale_out_cpu
    _require(alarm["MetricName"] == "CPUUtilization", f"metric is {alarm['MetricName']}")
    _require(alarm["ComparisonOperator"] == "GreaterThanThreshold", f"operator is {alarm['ComparisonOperator']}")
    _require(alarm["Threshold"] == threshold, f"threshold {alarm['Threshold']}, want {threshold}")
    _require(compute["scale_out_policy_arn"] in alarm["AlarmActions"], "not wired to the scale-out policy")
    return f"CPUUtilization > {threshold:g} -> scale-out policy"


def check_database(context: Context) -> str:
    identifier = context.outputs["data"]["db_instance_identifier"]
    (instance,) = context.client("rds").describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"]
    _require(instance["PubliclyAccessible"] is False, "publicly accessible")
    _require(instance["StorageEncrypted"] is True, "storage not encrypted")
    return f"{identifier}: private, encrypted"


def check_efs(context: Context) -> str:
    file_system = context.outputs["data"]["efs_file_system_id"]
    targets = context.client("efs").describe_mount_targets(FileSystemId=file_system)["MountTargets"]
    subnets = context.client("ec2").describe_subnets(SubnetIds=[item["SubnetId"] for item in targets])["Subnets"]
    zones = {subnet["AvailabilityZone"] for subnet in subnets}
    wanted = set(context.outputs["network"]["availability_zones"])
    _require(wanted <= zones, f"no mount target in {sorted(wanted - zones)}")
    return f"mount targets in {len(zones)} AZs"


def check_buckets(context: Context) -> str:
    data = context.outputs["data"]
    buckets = [(data["images_bucket"], context.env.region), (data["backup_bucket"], data["backup_bucket_region"])]
    for bucket, region in buckets:
        s3 = context.client("s3", region)
        block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
        _require(all(block.values()), f"{bucket}: public access not fully blocked")
        _require(s3.get_bucket_versioning(Bucket=bucket).get("Status") == "Enabled", f"{bucket}: not versioned")
        rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        _require(bool(rules), f"{bucket}: no default encryption")
    return "images and backup: private, versioned, encrypted"


def _sample_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (32, 96, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def _http(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the app's own URL
        return response.status, response.headers, response.read()


def _multipart(fields: dict[str, str], image: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="verify.png"\r\n'
        "Content-Type: image/png\r\n\r\n".encode()
        + image
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def check_round_trip(context: Context) -> str:
    if not context.app_url:
        raise NotApplicable("no app URL: pass --app-url")
    base = context.app_url.rstrip("/")
    body, content_type = _multipart(
        {"name": "infra verify", "email": "verify@example.com", "phone": "+14155550100"}, _sample_png()
    )
    status, _, raw = _http("POST", f"{base}/api/uploads", body, {"Content-Type": content_type})
    _require(status == 201, f"upload answered {status}")
    record = json.loads(raw)
    _, _, listed = _http("GET", f"{base}/api/uploads/{record['id']}")
    _require(json.loads(listed)["sha256"] == record["sha256"], "database record differs")
    _, _, served = _http("GET", f"{base}/images/{record['id']}")
    _require(hashlib.sha256(served).hexdigest() == record["sha256"], "image served from EFS differs")
    data = context.outputs["data"]
    images = context.client("s3", context.env.region)
    stored = images.get_object(Bucket=data["images_bucket"], Key=record["s3_key"])
    original = stored["Body"].read()
    _require(hashlib.sha256(original).hexdigest() == record["sha256"], "S3 object differs")
    backup = context.client("s3", data["backup_bucket_region"])
    deadline = time.monotonic() + context.backup_timeout
    while True:
        try:
            copy = backup.get_object(Bucket=data["backup_bucket"], Key=record["s3_key"])
            break
        except backup.exceptions.NoSuchKey:
            _require(time.monotonic() < deadline, f"no backup within {context.backup_timeout:.0f}s")
            time.sleep(1)
    _require(copy["Body"].read() == original, "backup bytes differ")
    _require(copy["ContentType"] == stored["ContentType"], "backup Content-Type differs")
    return f"upload {record['id']}: DB, EFS, S3 and backup agree ({record['size']} bytes, {stored['ContentType']})"


def check_cloudfront(context: Context) -> str:
    if context.env.emulator:
        raise NotApplicable("the emulator has no CloudFront edge or public DNS")
    url = f"https://{context.env.dns.site_name}/healthz"
    try:
        status, _, _ = _http("GET", url)
    except urllib.error.URLError as error:
        raise CheckFailed(f"{url}: {error.reason}") from None
    _require(status == 200, f"{url} answered {status}")
    return f"{url}: 200 with a valid certificate"


CHECKS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("asg capacity and spread", check_asg),
    ("target group", check_targets),
    ("scale-out alarm", check_scale_out_alarm),
    ("database private and encrypted", check_database),
    ("efs mount targets", check_efs),
    ("buckets", check_buckets),
    ("upload round trip", check_round_trip),
    ("cloudfront https", check_cloudfront),
)


def run_checks(context: Context) -> list[CheckResult]:
    results = []
    for name, check in CHECKS:
        started = time.monotonic()
        try:
            status, detail = PASS, check(context)
        except NotApplicable as reason:
            status, detail = NOT_APPLICABLE, str(reason)
        except CheckFailed as reason:
            status, detail = FAIL, str(reason)
        except Exception as error:  # any other error fails this check, not the run
            status, detail = FAIL, f"{type(error).__name__}: {error}"
        results.append(CheckResult(name, status, detail, round(time.monotonic() - started, 2)))
    return results


def all_passed(results: list[CheckResult]) -> bool:
    return all(result.status != FAIL for result in results)
