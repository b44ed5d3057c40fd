"""The whole product on a fresh emulator, as `make demo` runs it, end to end.

One test, because each step needs the one before and the stack takes minutes to build:
`infra demo` applies the four layers with real Terraform and serves the packaged app with the
backup worker; a real Chromium uploads through the page; `infra verify local --json` passes; a
second `infra plan local --all` shows no changes; Ctrl-C stops the demo cleanly; and
`infra destroy local --all` leaves no resources in the emulator.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest

from tests.support.cli import make_project_root, run_infra
from tests.support.network import free_port
from tests.webapp.images import png

pytestmark = [pytest.mark.terraform, pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(2400)]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _client(service: str, endpoint: str, region: str = "us-east-1"):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=region, aws_access_key_id="test", aws_secret_access_key="test"
    )


def _start_demo(root: Path, endpoint: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "INFRA_ROOT": str(root), "INFRA_AWS_ENDPOINT": endpoint, "NO_COLOR": "1", "COLUMNS": "200"}
    with log.open("wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "cli", "demo", "--port", str(port)],
            cwd=root,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def _wait_for(log: Path, text: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        assert process.poll() is None, log.read_text()[-5000:]
        time.sleep(2)
    raise AssertionError(f"{text!r} not seen within {timeout}s:\n{log.read_text()[-5000:]}")


def _upload_through_the_page(url: str, picture: Path) -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        page.get_by_label("Name").fill("Demo Visitor")
        page.get_by_label("E-mail address").fill("visitor@example.com")
        page.get_by_label("Phone number").fill("+1 415 555 0100")
        page.get_by_label("Image").set_input_files(str(picture))
        page.get_by_role("button", name="Upload").click()
        page.wait_for_url("**/uploads/*")
        upload_id = page.url.rsplit("/", 1)[-1]
        page.goto(url)
        item = page.locator(".gallery-item").filter(has=page.locator(f'a[href="/uploads/{upload_id}"]'))
        assert item.locator(".gallery-name").inner_text() == "Demo Visitor"
        image = item.locator("img")
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        browser.close()
    return upload_id


def _remaining_resources(endpoint: str) -> dict[str, list]:
    ec2, elbv2 = _client("ec2", endpoint), _client("elbv2", endpoint)
    return {
        "vpcs": [vpc["VpcId"] for vpc in ec2.describe_vpcs()["Vpcs"] if not vpc["IsDefault"]],
        "instances": [
            instance["InstanceId"]
            for reservation in ec2.describe_instances()["Reservations"]
            for instance in reservation["Instances"]
            if instance["State"]["Name"] != "terminated"
        ],
        "load_balancers": [lb["LoadBalancerArn"] for lb in elbv2.describe_load_balancers()["LoadBalancers"]],
        "auto_scaling_groups": _client("autoscaling", endpoint).describe_auto_scaling_groups()["AutoScalingGroups"],
        "db_instances": _client("rds", endpoint).describe_db_instances()["DBInstances"],
        "file_systems": _client("efs", endpoint).describe_file_systems()["FileSystems"],
        "buckets": [bucket["Name"] for bucket in _client("s3", endpoint).list_buckets()["Buckets"]],
        "queues": _client("sqs", endpoint).list_queues().get("QueueUrls", []),
        "functions": _client("lambda", endpoint).list_functions()["Functions"],
        "distributions": _client("cloudfront", endpoint).list_distributions()["DistributionList"].get("Items", []),
        "hosted_zones": _client("route53", endpoint).list_hosted_zones()["HostedZones"],
        "web_acls": _client("wafv2", endpoint).list_web_acls(Scope="CLOUDFRONT")["WebACLs"],
        # The emulator ships AWS's public /aws/service/... parameters; anything else would be ours.
        "ssm_parameters": [
            item["Name"]
            for item in _client("ssm", endpoint).describe_parameters()["Parameters"]
            if not item["Name"].startswith("/aws/")
        ],
        "iam_roles": [role["RoleName"] for role in _client("iam", endpoint).list_roles()["Roles"]],
        "secrets": _client("secretsmanager", endpoint).list_secrets()["SecretList"],
    }


def test_demo_serves_uploads_backs_them_up_and_tears_down_clean(tmp_path: Path, fresh_moto_endpoint: str) -> None:
    root = make_project_root(tmp_path)
    for tree in ("webapp", "lambda_src", "pyproject.toml"):
        (root / tree).symlink_to(Path(__file__).resolve().parents[1] / tree)
    repo_cache = Path(__file__).resolve().parents[1] / "build" / "cache"
    if repo_cache.is_dir():
        shutil.copytree(repo_cache, root / "build" / "cache")
    endpoint, port = fresh_moto_endpoint, free_port()
    env = {"INFRA_AWS_ENDPOINT": endpoint}
    log = tmp_path / "demo.log"
    demo = _start_demo(root, endpoint, port, log)
    try:
        _wait_for(log, "The demo is running", demo, timeout=1500)
        picture = tmp_path / "holiday.png"
        picture.write_bytes(png(160, 120))
        upload_id = _upload_through_the_page(f"http://127.0.0.1:{port}", picture)

        record = json.loads(
            subprocess.check_output(["curl", "-fs", f"http://127.0.0.1:{port}/api/uploads/{upload_id}"])
        )
        outputs = json.loads(run_infra(root, "output", "local", "--layer", "data", "--json", env=env).stdout)
        stored = _client("s3", endpoint).get_object(Bucket=outputs["images_bucket"], Key=record["s3_key"])
        original = stored["Body"].read()
        backup_client = _client("s3", endpoint, outputs["backup_bucket_region"])
        deadline = time.monotonic() + 90
        while True:
            try:
                copy = backup_client.get_object(Bucket=outputs["backup_bucket"], Key=record["s3_key"])
                break
            except backup_client.exceptions.NoSuchKey:
                assert time.monotonic() < deadline, "no backup copy within 90 s"
                time.sleep(2)
        assert copy["Body"].read() == original
        assert copy["ContentType"] == stored["ContentType"] == record["content_type"]

        verified = run_infra(root, "verify", "local", "--json", env=env)
        assert verified.returncode == 0, verified.stdout + verified.stderr
        results = {item["name"]: item["status"] for item in json.loads(verified.stdout)}
        assert results.pop("cloudfront https") == "n/a"
        assert set(results.values()) == {"pass"}, results
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=60)
    assert "demo stopped" in log.read_text()

    replanned = run_infra(root, "plan", "local", "--all", env=env)
    assert replanned.returncode == 0, replanned.stderr
    clean_layers = re.findall(r"^│ (network|data|compute|edge) .*│ no changes *│$", replanned.stdout, re.MULTILINE)
    assert sorted(clean_layers) == ["compute", "data", "edge", "network"], replanned.stdout[-3000:]

    destroyed = run_infra(root, "destroy", "local", "--all", "--auto-approve", env=env)
    assert destroyed.returncode == 0, destroyed.stdout[-3000:] + destroyed.stderr
    remaining = _remaining_resources(endpoint)
    assert {kind: items for kind, items in remaining.items() if items} == {}
