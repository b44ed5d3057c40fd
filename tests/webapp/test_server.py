"""The real server process: body limits on the wire, graceful shutdown, and structured logs."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tests.support.network import free_port
from tests.webapp import images
from tests.webapp.conftest import (
    REPO_ROOT,
    VALID_FIELDS,
    LiveServer,
    Stores,
    make_bucket,
    run_server,
    s3_client,
    serve_command,
    server_env,
    wait_until,
)

BOUNDARY = "wire-boundary"
MEGABYTE = 1024 * 1024


def connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=60)
    return sock


def request_head(path: str, extra: str) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n{extra}\r\n"
    ).encode()


def fields_and_image_header() -> bytes:
    text = images.multipart({key: value.encode() for key, value in VALID_FIELDS.items()}, boundary=BOUNDARY)
    text = text[: -len(f"--{BOUNDARY}--\r\n")]
    return (
        text
        + (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="image"; filename="big.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
    )


def read_status(sock: socket.socket) -> int:
    received = b""
    while b"\r\n" not in received:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    return int(received.split(b" ", 2)[1])


def counts(stores: Stores) -> tuple[int, int, int]:
    return len(stores.efs_files()), len(stores.s3_objects()), len(stores.rows())


def test_declared_50_mb_body_is_refused_before_it_is_sent(live_server: LiveServer) -> None:
    before = counts(live_server.stores)
    with connect(live_server.url) as sock:
        sock.sendall(request_head("/api/uploads", f"Content-Length: {50 * MEGABYTE}\r\n"))
        # Not one byte of the body is sent: the answer must come from the header alone.
        assert read_status(sock) == 413
    assert counts(live_server.stores) == before


def test_chunked_body_is_cut_off_at_the_limit_not_buffered_to_the_end(live_server: LiveServer) -> None:
    before = counts(live_server.stores)
    with connect(live_server.url) as sock:
        sock.sendall(request_head("/api/uploads", "Transfer-Encoding: chunked\r\n"))
        first = fields_and_image_header() + b"\xff\xd8\xff\xe0"
        sock.sendall(b"%x\r\n%s\r\n" % (len(first), first))
        block = b"\0" * (256 * 1024)
        for _ in range(11 * 4):  # 11 MB of image, past the 10 MB limit
            sock.sendall(b"%x\r\n%s\r\n" % (len(block), block))
        # The body never ends (no closing boundary, no last chunk): only a server that stops at the
        # limit can answer now.
        assert read_status(sock) == 413
    assert counts(live_server.stores) == before


def test_logs_are_json_with_request_ids_and_no_personal_data(live_server: LiveServer) -> None:
    fields = {"name": "Grace Hopper-Unique", "email": "grace.unique@example.org", "phone": "+1 650 253 0000"}
    response = httpx.post(
        f"{live_server.url}/api/uploads",
        data=fields,
        files={"image": ("a.png", images.png(), "image/png")},
        headers={"X-Request-ID": "log-check-1"},
        timeout=30,
    )
    assert response.status_code == 201

    def access_line_written() -> bool:
        return '"log-check-1"' in live_server.log()

    wait_until(access_line_written)
    lines = [json.loads(line) for line in live_server.log().splitlines() if line.strip()]
    mine = [line for line in lines if line.get("request_id") == "log-check-1"]
    assert {"message": "request", "status": 201, "path": "/api/uploads", "method": "POST"}.items() <= mine[-1].items()
    assert any(line["message"] == "upload stored" for line in mine)
    text = live_server.log()
    for value in (*fields.values(), "+16502530000", "Grace Hopper"):
        assert value not in text


def test_sigterm_lets_an_in_flight_upload_finish(postgres_url: str, moto_endpoint: str, tmp_path: Path) -> None:
    bucket = make_bucket(moto_endpoint)
    env = server_env(
        database_url=postgres_url, efs_root=tmp_path / "efs", bucket=bucket, moto=moto_endpoint, data_dir=tmp_path
    )
    stores = Stores(tmp_path / "efs", bucket, s3_client(moto_endpoint), postgres_url)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "server.log"
    body = images.multipart(
        {**{key: value.encode() for key, value in VALID_FIELDS.items()}, "image": images.png(300, 200)},
        boundary=BOUNDARY,
    )

    with run_server(serve_command(port, workers=1), env, log_path, url) as process, connect(url) as sock:
        sock.sendall(request_head("/api/uploads", f"Content-Length: {len(body)}\r\n"))
        sock.sendall(body[:100])
        process.send_signal(signal.SIGTERM)
        # Send the rest only once the worker is shutting down, so the upload is truly in flight.
        wait_until(lambda: '"Shutting down"' in log_path.read_text(errors="replace"))
        sock.sendall(body[100:])
        assert read_status(sock) == 201
        assert process.wait(timeout=60) == 0

    stores.assert_consistent()
    assert len(stores.rows()) == 1


def test_python_dash_m_webapp_shows_the_commands() -> None:
    result = subprocess.run([sys.executable, "-m", "webapp", "--help"], capture_output=True, text=True, check=True)
    for command in ("serve", "migrate", "reconcile"):
        assert command in result.stdout


def test_serve_without_a_bucket_fails_fast_with_a_clear_message(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("WEBAPP_")}
    env.update(WEBAPP_DATA_DIR=str(tmp_path), PYTHONPATH=str(REPO_ROOT))

    result = subprocess.run(
        [sys.executable, "-m", "webapp", "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 2
    assert "WEBAPP_S3_BUCKET" in result.stderr
