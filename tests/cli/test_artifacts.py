"""Packaging: the backup zip and the web app bundle are complete and byte-identical on rebuild."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from cli import artifacts
from cli.artifacts import Artifact, build_backup_zip, build_webapp_bundle, manylinux_platforms
from cli.paths import repo_root

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@pytest.fixture
def lambda_root(tmp_path: Path) -> Path:
    """A root holding a copy of the real ``lambda_src/``, free to be touched and polluted."""
    root = tmp_path / "root"
    shutil.copytree(repo_root() / "lambda_src", root / "lambda_src", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture
def webapp_root(tmp_path: Path) -> Path:
    """The real pyproject.toml with a small web app that has templates, static files and migrations."""
    root = tmp_path / "webapp-root"
    package = root / "webapp"
    files = {
        "__init__.py": '"""A tiny web app."""\n',
        "main.py": "def app():\n    return 'ok'\n",
        "templates/index.html": "<h1>{{ title }}</h1>\n",
        "static/app.css": "body { margin: 0; }\n",
        "alembic.ini": "[alembic]\nscript_location = webapp:migrations\n",
        "migrations/env.py": "RUN = True\n",
        "migrations/script.py.mako": "${message}\n",
        "migrations/versions/0001_initial.py": 'revision = "0001"\n',
        "__pycache__/main.cpython-311.pyc": "stale bytecode",
        "stale.pyc": "stale bytecode",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    shutil.copyfile(repo_root() / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="module")
def wheel_cache() -> Path:
    """The repository's own download cache, so only the first run ever downloads."""
    return repo_root() / "build" / "cache"


def zip_sha(root: Path, out: Path) -> str:
    return build_backup_zip(root, out).sha256


def test_the_backup_zip_is_byte_identical_when_nothing_changed(lambda_root: Path, tmp_path: Path) -> None:
    first = zip_sha(lambda_root, tmp_path / "one")
    for path in (lambda_root / "lambda_src").rglob("*.py"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
        path.chmod(0o600)
    (lambda_root / "lambda_src" / "__pycache__").mkdir()
    (lambda_root / "lambda_src" / "__pycache__" / "backup.cpython-311.pyc").write_bytes(b"\x00")

    assert zip_sha(lambda_root, tmp_path / "two") == first

    (lambda_root / "lambda_src" / "backup.py").write_text("# changed\n", encoding="utf-8")
    assert zip_sha(lambda_root, tmp_path / "three") != first


def test_zip_entries_are_sorted_with_fixed_times_and_modes(lambda_root: Path, tmp_path: Path) -> None:
    (lambda_root / "lambda_src" / "image_backup" / "__pycache__").mkdir()
    (lambda_root / "lambda_src" / "image_backup" / "__pycache__" / "x.pyc").write_bytes(b"\x00")

    artifact = build_backup_zip(lambda_root, tmp_path)

    assert artifact.path == tmp_path / "backup.zip"
    with zipfile.ZipFile(artifact.path) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert "backup.py" in names
    assert "image_backup/copier.py" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert {info.date_time for info in infos} == {FIXED_ZIP_DATE}
    assert {stat.S_IMODE(info.external_attr >> 16) for info in infos} == {0o644}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_the_handler_imports_from_the_zip_in_a_fresh_process(tmp_path: Path) -> None:
    artifact = build_backup_zip(repo_root(), tmp_path)
    probe = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import backup, image_backup.copier;"
        "print(json.dumps({'file': backup.__file__, 'callable': callable(backup.handler)}))"
    )

    result = subprocess.run(
        [sys.executable, "-I", "-c", probe, str(artifact.path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )

    found = json.loads(result.stdout)
    assert found == {"file": str(artifact.path / "backup.py"), "callable": True}


def test_artifact_hashes_match_the_file_and_terraform(tmp_path: Path) -> None:
    artifact = build_backup_zip(repo_root(), tmp_path)
    digest = hashlib.sha256(artifact.path.read_bytes()).digest()

    assert artifact.sha256 == digest.hex()
    assert artifact.base64sha256 == base64.b64encode(digest).decode()
    terraform = shutil.which("terraform")
    if terraform is None:
        pytest.skip("terraform is not on PATH")
    console = subprocess.run(
        [terraform, "console"],
        input=f'filebase64sha256("{artifact.path}")\n',
        cwd=tmp_path,
        env={**os.environ, "CHECKPOINT_DISABLE": "1"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert console.stdout.strip().strip('"') == artifact.base64sha256


def test_to_json_gives_paths_relative_to_the_root(tmp_path: Path) -> None:
    artifact = Artifact("backup", tmp_path / "build" / "artifacts" / "backup.zip", "ab" * 32)

    assert artifact.to_json(tmp_path) == {"path": "build/artifacts/backup.zip", "sha256": "ab" * 32}


def test_a_failed_build_leaves_neither_a_partial_nor_a_changed_artifact(
    lambda_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = build_backup_zip(lambda_root, tmp_path)
    before = good.path.read_bytes()

    def fail_halfway(files, handle) -> None:
        handle.write(b"PK\x03\x04 partial")
        raise OSError("disk full")

    monkeypatch.setattr(artifacts, "_write_zip", fail_halfway)
    with pytest.raises(OSError, match="disk full"):
        build_backup_zip(lambda_root, tmp_path)

    assert good.path.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == ["backup.zip"]


def test_a_missing_handler_is_a_packaging_error(tmp_path: Path) -> None:
    (tmp_path / "lambda_src").mkdir()

    with pytest.raises(artifacts.PackagingError, match=r"backup\.py"):
        build_backup_zip(tmp_path, tmp_path / "out")


@pytest.mark.parametrize(
    ("platform", "expected_first", "must_include", "must_exclude"),
    [
        ("manylinux_2_34_x86_64", "manylinux_2_34_x86_64", {"manylinux_2_28_x86_64", "manylinux2014_x86_64"}, set()),
        ("manylinux2014_x86_64", "manylinux_2_17_x86_64", {"manylinux1_x86_64"}, {"manylinux_2_28_x86_64"}),
        ("macosx_11_0_arm64", "macosx_11_0_arm64", set(), {"manylinux2014_x86_64"}),
    ],
)
def test_manylinux_targets_accept_every_older_glibc_tag(platform, expected_first, must_include, must_exclude) -> None:
    tags = manylinux_platforms(platform)
    assert tags[0] == expected_first
    assert must_include <= set(tags)
    assert not must_exclude & set(tags)


def test_the_webapp_bundle_is_complete_installable_offline_and_reproducible(
    webapp_root: Path, tmp_path: Path, wheel_cache: Path
) -> None:
    first = build_webapp_bundle(webapp_root, tmp_path / "one", cache_dir=wheel_cache)
    second = build_webapp_bundle(webapp_root, tmp_path / "two", cache_dir=wheel_cache)

    assert first.path.name == "webapp.tar.gz"
    assert first.sha256 == second.sha256
    with tarfile.open(first.path, "r:gz") as archive:
        members = archive.getmembers()
        names = [member.name for member in members]
        assert names == sorted(names)
        assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(artifacts.FIXED_EPOCH, 0, 0, "", "")}
        assert {stat.S_IMODE(m.mode) for m in members if m.isfile()} == {0o644}
        archive.extractall(tmp_path / "unpacked", filter="data")
    with first.path.open("rb") as raw:
        assert raw.read(10)[4:8] == b"\x00\x00\x00\x00"  # gzip header mtime

    unpacked = tmp_path / "unpacked"
    project = tomllib.loads((webapp_root / "pyproject.toml").read_text())["project"]
    [wheel] = unpacked.glob("imageupload_webapp-*.whl")
    assert wheel.name == f"imageupload_webapp-{project['version']}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as built:
        wheel_names = set(built.namelist())
        metadata = built.read(f"imageupload_webapp-{project['version']}.dist-info/METADATA").decode()
    for expected in (
        "webapp/__init__.py",
        "webapp/templates/index.html",
        "webapp/static/app.css",
        "webapp/alembic.ini",
        "webapp/migrations/env.py",
        "webapp/migrations/script.py.mako",
        "webapp/migrations/versions/0001_initial.py",
    ):
        assert expected in wheel_names
    assert not [name for name in wheel_names if name.endswith(".pyc")]
    for requirement in project["optional-dependencies"]["webapp"]:
        assert f"Requires-Dist: {requirement}" in metadata

    pins = _pins(unpacked / "requirements.txt")
    for requirement in project["optional-dependencies"]["webapp"]:
        name, version = requirement.split("==")
        assert pins[_normalise(name.split("[")[0])] == version
    wheelhouse = sorted(path.name for path in (unpacked / "wheelhouse").iterdir())
    assert len(wheelhouse) == len(pins) - 1
    _assert_manifest_matches(unpacked)
    _assert_installs_offline(unpacked, wheel, tmp_path)


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            requirement, _, digest = line.partition(" --hash=sha256:")
            name, version = requirement.split("==")
            assert len(digest) == 64
            pins[name] = version
    return pins


def _assert_manifest_matches(unpacked: Path) -> None:
    listed = [line.split("  ") for line in (unpacked / "MANIFEST.txt").read_text().splitlines() if "  " in line]
    listed = [entry for entry in listed if len(entry) == 3 and not entry[0].startswith("#")]
    files = sorted(
        path.relative_to(unpacked).as_posix()
        for path in unpacked.rglob("*")
        if path.is_file() and path.name != "MANIFEST.txt"
    )
    assert sorted(name for _, _, name in listed) == files
    for digest, size, name in listed:
        data = (unpacked / name).read_bytes()
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (digest, int(size))


def _assert_installs_offline(unpacked: Path, wheel: Path, tmp_path: Path) -> None:
    """Resolve the documented install command with no index and no pip configuration at all."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    report = tmp_path / "install-report.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--no-index",
            "--find-links",
            "wheelhouse",
            "--report",
            str(report),
            "--quiet",
            wheel.name,
        ],
        cwd=unpacked,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    installed = {item["metadata"]["name"].lower() for item in json.loads(report.read_text())["install"]}
    assert {"imageupload-webapp", "fastapi", "pillow", "psycopg-binary", "uvloop"} <= installed


def test_the_webapp_bundle_needs_the_webapp_extra(webapp_root: Path, tmp_path: Path) -> None:
    (webapp_root / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n')

    with pytest.raises(artifacts.PackagingError, match="optional-dependencies"):
        build_webapp_bundle(webapp_root, tmp_path / "out", cache_dir=tmp_path / "cache")
