"""Benchmark the packaged backup function against a bare boto3 ``copy_object`` loop, on moto server.

Two questions, two tables:

1. Per-object time for 200 objects of mixed sizes: the function (as SQS batches of 10, with the
   default concurrency and with one worker) against a loop of plain ``copy_object`` calls, which is
   the least any server-side backup can do. Goal: at most 1.1x the loop.
2. The function's peak memory copying a 1 MB and a 100 MB object (tracemalloc peak and RSS growth,
   each in a fresh process after a warm-up call). Goal: no growth, because no bytes pass through it.

Usage: ``.venv/bin/python bench/backup.py [--port 5120] [--objects 200] [--rounds 3]``.
Everything runs over HTTP against a moto server started on ``--port``; numbers are for this machine
and the emulator, so compare the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
MIB = 1024 * 1024
# Mixed image sizes: mostly web photos, some originals, a few large ones.
SIZE_BANDS = ((0.70, 10 * 1024, 200 * 1024), (0.25, 200 * 1024, MIB), (0.05, MIB, 5 * MIB))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5120, help="port for the moto server (default 5120)")
    parser.add_argument("--objects", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="repetitions; the median is reported")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory-probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe(json.loads(args.memory_probe))
        return
    with moto_server(args.port) as endpoint, tempfile.TemporaryDirectory(prefix="bench-backup-") as scratch:
        configure_env(endpoint)
        zip_path = package(Path(scratch))
        print(f"moto server {endpoint}; function {zip_path.name} ({zip_path.stat().st_size} bytes)\n")
        print(throughput_table(zip_path, args.objects, args.rounds, args.seed))
        print()
        print(memory_table(zip_path, endpoint, args.port))


# --- setup -------------------------------------------------------------------------------------


@contextlib.contextmanager
def moto_server(port: int) -> Iterator[str]:
    endpoint = f"http://127.0.0.1:{port}"
    script = Path(sys.executable).with_name("moto_server")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "moto.server"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([*command, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_listening(endpoint, process, log)
            yield endpoint
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_until_listening(endpoint: str, process: subprocess.Popen, log: Any) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2).close()  # noqa: S310 - loopback only
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit(f"moto server did not start at {endpoint}:\n{log.read().decode()}") from None
            time.sleep(0.1)


def configure_env(endpoint: str) -> None:
    os.environ.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",  # noqa: S106 - the emulator's dummy credentials
        AWS_REGION=REGION,
        AWS_DEFAULT_REGION=REGION,
    )
    for name in ("AWS_PROFILE", "BACKUP_MULTIPART_THRESHOLD_BYTES", "BACKUP_PART_SIZE_BYTES", "BACKUP_MAX_WORKERS"):
        os.environ.pop(name, None)


def package(out_dir: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from cli.artifacts import build_backup_zip

    return build_backup_zip(ROOT, out_dir).path


def s3_client() -> Any:
    import boto3

    return boto3.client("s3", region_name=REGION)


def create_bucket(s3: Any, role: str) -> str:
    name = f"bench-{role}-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def drop_bucket(s3: Any, bucket: str) -> None:
    """Free the emulator's memory between rounds."""
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        versions = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in page.get("Versions", [])]
        if versions:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": versions, "Quiet": True})
    s3.delete_bucket(Bucket=bucket)


def mixed_sizes(count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    sizes = []
    for _ in range(count):
        pick = rng.random()
        for share, low, high in SIZE_BANDS:
            if pick < share:
                sizes.append(rng.randint(low, high))
                break
            pick -= share
    return sizes


def upload(s3: Any, bucket: str, sizes: list[int]) -> list[dict[str, Any]]:
    objects = []
    for index, size in enumerate(sizes):
        key = f"uploads/{index:04d} photo.jpg"
        response = s3.put_object(
            Bucket=bucket, Key=key, Body=os.urandom(size), ContentType="image/jpeg", Metadata={"index": str(index)}
        )
        objects.append(
            {"key": key, "size": size, "etag": response["ETag"].strip('"'), "version": response["VersionId"]}
        )
    return objects


def sqs_batches(bucket: str, objects: list[dict[str, Any]], batch_size: int = 10) -> list[dict[str, Any]]:
    from urllib.parse import quote_plus

    records = []
    for item in objects:
        notification = {
            "Records": [
                {
                    "eventSource": "aws:s3",
                    "eventName": "ObjectCreated:Put",
                    "s3": {
                        "bucket": {"name": bucket},
                        "object": {
                            "key": quote_plus(item["key"]),
                            "size": item["size"],
                            "eTag": item["etag"],
                            "versionId": item["version"],
                        },
                    },
                }
            ]
        }
        records.append(
            {
                "messageId": str(uuid.uuid4()),
                "receiptHandle": "bench",
                "body": json.dumps(notification),
                "attributes": {"ApproximateReceiveCount": "1"},
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:bench",
            }
        )
    return [{"Records": records[i : i + batch_size]} for i in range(0, len(records), batch_size)]


class Context:
    aws_request_id = "bench"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 900_000


# --- throughput --------------------------------------------------------------------------------


def throughput_table(zip_path: Path, count: int, rounds: int, seed: int) -> str:
    sys.path.insert(0, str(zip_path))
    import backup

    requests = count_s3_requests()
    s3 = s3_client()
    source = create_bucket(s3, "images")
    sizes = mixed_sizes(count, seed)
    objects = upload(s3, source, sizes)
    batches = sqs_batches(source, objects)
    # Warm both sides up (connections, service models), as a warm Lambda would be.
    warmup = create_bucket(s3, "warmup")
    raw_loop(s3, source, warmup, objects[:5])
    run_function(backup, sqs_batches(source, objects[:5]), warmup, 10)
    drop_bucket(s3, warmup)

    baseline = "boto3 copy_object loop (baseline)"
    default = "function, SQS batches of 10, 10 workers (default)"
    variants = {
        baseline: lambda target: raw_loop(s3, source, target, objects),
        default: lambda target: run_function(backup, batches, target, 10),
        "function, SQS batches of 10, 1 worker": lambda target: run_function(backup, batches, target, 1),
    }
    repeated = "function, the same events again (already_current)"
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in [*variants, repeated]}
    for _ in range(rounds):
        for name, run in variants.items():
            target = create_bucket(s3, "target")
            requests.clear()
            samples[name].append((run(target), sum(requests.values())))
            if name == default:
                requests.clear()
                samples[repeated].append((run_function(backup, batches, target, 10), sum(requests.values())))
            drop_bucket(s3, target)
    per_object_baseline = statistics.median(seconds for seconds, _ in samples[baseline]) / count
    lines = [
        f"{count} objects, {sum(sizes) / MIB:.1f} MiB in total ({min(sizes) // 1024} KiB to "
        f"{max(sizes) / MIB:.1f} MiB), median of {rounds} rounds",
        "",
        "| variant | total s | ms / object | vs baseline | S3 requests / object |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, runs in samples.items():
        total = statistics.median(seconds for seconds, _ in runs)
        per_object = total / count
        calls = statistics.median(calls for _, calls in runs) / count
        ratio = per_object / per_object_baseline
        lines.append(f"| {name} | {total:.2f} | {per_object * 1000:.1f} | {ratio:.2f}x | {calls:.2f} |")
    return "\n".join(lines)


def count_s3_requests() -> Counter[str]:
    """Count every S3 API call made by clients of the default session (the function's and the loop's)."""
    import boto3

    counts: Counter[str] = Counter()

    def count(model: Any, **_: Any) -> None:
        counts[model.name] += 1

    boto3.setup_default_session()
    boto3.DEFAULT_SESSION.events.register("before-call.s3", count)
    return counts


def raw_loop(s3: Any, source: str, target: str, objects: list[dict[str, Any]]) -> float:
    started = time.perf_counter()
    for item in objects:
        s3.copy_object(Bucket=target, Key=item["key"], CopySource={"Bucket": source, "Key": item["key"]})
    return time.perf_counter() - started


def run_function(backup: Any, batches: list[dict[str, Any]], target: str, workers: int) -> float:
    os.environ["BACKUP_BUCKET"] = target
    os.environ["BACKUP_MAX_WORKERS"] = str(workers)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as logs:
        for event in batches:
            response = backup.handler(event, Context())
            if response["batchItemFailures"]:
                raise SystemExit(f"the function reported failures: {response}\n{logs.getvalue()[-2000:]}")
    return time.perf_counter() - started


# --- memory ------------------------------------------------------------------------------------


def memory_table(zip_path: Path, endpoint: str, port: int) -> str:
    s3 = s3_client()
    source = create_bucket(s3, "mem-images")
    target = create_bucket(s3, "mem-backup")
    s3.put_object(Bucket=source, Key="warmup.jpg", Body=b"w" * 1024, ContentType="image/jpeg")
    cases = [
        ("1 MB", MIB, "copy", {}),
        ("100 MB", 100 * MIB, "copy", {}),
        (
            "100 MB",
            100 * MIB,
            "multipart",
            {"BACKUP_MULTIPART_THRESHOLD_BYTES": str(8 * MIB), "BACKUP_PART_SIZE_BYTES": str(8 * MIB)},
        ),
    ]
    lines = [
        "| object | path | tracemalloc peak KiB | peak RSS growth KiB | peak RSS MiB | copy s |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label, size, path, env in cases:
        key = f"{label.replace(' ', '')}-{path}.jpg"
        s3.put_object(Bucket=source, Key=key, Body=os.urandom(size), ContentType="image/jpeg")
        probe = {"zip": str(zip_path), "source": source, "target": target, "key": key, "size": size}
        result = subprocess.run(
            [sys.executable, __file__, "--port", str(port), "--memory-probe", json.dumps(probe)],
            env={**os.environ, **env, "BACKUP_BUCKET": target},
            capture_output=True,
            text=True,
            check=True,
        )
        found = json.loads(result.stdout.strip().splitlines()[-1])
        if found["method"] != path:
            raise SystemExit(f"expected the {path} path, the function took {found['method']}")
        lines.append(
            f"| {label} | {path} | {found['peak_kib']:.0f} | {found['rss_growth_kib']:.0f} | "
            f"{found['max_rss_mib']:.1f} | {found['seconds']:.2f} |"
        )
        s3.delete_object(Bucket=source, Key=key)
    return "\n".join(lines)


def memory_probe(probe: dict[str, Any]) -> None:
    """In a fresh process: warm the function up, then measure one copy of ``probe['key']``."""
    sys.path.insert(0, probe["zip"])
    import backup

    def event(key: str, size: int) -> dict[str, Any]:
        return {
            "Records": [
                {
                    "eventSource": "aws:s3",
                    "eventName": "ObjectCreated:Put",
                    "s3": {"bucket": {"name": probe["source"]}, "object": {"key": key, "size": size}},
                }
            ]
        }

    logs = io.StringIO()
    with contextlib.redirect_stdout(logs):
        backup.handler(event("warmup.jpg", 1024), Context())
    peak_rss_before = peak_rss_kib()
    tracemalloc.start()
    started = time.perf_counter()
    with contextlib.redirect_stdout(logs):
        backup.handler(event(probe["key"], probe["size"]), Context())
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss_after = peak_rss_kib()
    record = [json.loads(line) for line in logs.getvalue().splitlines() if '"backup record"' in line][-1]
    print(
        json.dumps(
            {
                "peak_kib": peak / 1024,
                "rss_growth_kib": peak_rss_after - peak_rss_before,
                "max_rss_mib": peak_rss_after / 1024,
                "seconds": seconds,
                "method": record.get("method"),
            }
        )
    )


def peak_rss_kib() -> int:
    """This process image's own high-water RSS (VmHWM); getrusage's maxrss survives exec from the parent."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main()
