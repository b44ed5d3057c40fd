"""Build the deployable artifacts: the backup function's zip and the web app's offline bundle.

Both are byte-identical when their inputs have not changed (sorted entries, fixed times, owners
and modes, no caches), so Terraform's ``source_code_hash`` and the instance refresh that follows a
new web app artifact only move when something real moved. Each file is written to a temporary name
and renamed into place, so a failed build never leaves half an artifact behind.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# 1980-01-01T00:00:00Z: the earliest time a zip entry can hold; used for every entry and SOURCE_DATE_EPOCH.
FIXED_EPOCH = 315532800
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o644
_DIR_MODE = 0o755
_SKIPPED_DIRS = frozenset({"__pycache__"})
_SKIPPED_SUFFIXES = frozenset({".pyc", ".pyo"})

WEBAPP_DISTRIBUTION = "imageupload-webapp"
# Amazon Linux 2023 ships glibc 2.34, so any manylinux wheel up to 2_34 runs on the instances.
DEFAULT_PLATFORM = "manylinux_2_34_x86_64"
_LEGACY_MANYLINUX = {"manylinux2014": 17, "manylinux2010": 12, "manylinux1": 5}


class PackagingError(RuntimeError):
    """An artifact could not be built; the message says which step failed and why."""


@dataclass(frozen=True)
class Artifact:
    name: str
    path: Path
    sha256: str

    @property
    def base64sha256(self) -> str:
        """The same digest as Terraform's ``filebase64sha256()``, used for ``source_code_hash``."""
        return base64.b64encode(bytes.fromhex(self.sha256)).decode("ascii")

    def to_json(self, root: Path) -> dict[str, str]:
        path = self.path.resolve()
        try:
            shown = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        return {"path": shown, "sha256": self.sha256}


def build_all(repo_root: Path, out_dir: Path) -> dict[str, Artifact]:
    return {
        "backup": build_backup_zip(repo_root, out_dir),
        "webapp": build_webapp_bundle(repo_root, out_dir),
    }


def build_backup_zip(repo_root: Path, out_dir: Path) -> Artifact:
    """Zip the contents of ``lambda_src/`` (``backup.py`` at the root) into ``out_dir/backup.zip``."""
    source = repo_root / "lambda_src"
    if not (source / "backup.py").is_file():
        raise PackagingError(f"{source / 'backup.py'} is missing; the handler backup.handler lives there")
    files = list(_tree_files(source))
    path = out_dir / "backup.zip"
    _atomic_write(path, lambda handle: _write_zip(files, handle))
    return Artifact("backup", path, _sha256(path))


def build_webapp_bundle(
    repo_root: Path,
    out_dir: Path,
    python_version: str = "3.11",
    platform: str = DEFAULT_PLATFORM,
    *,
    cache_dir: Path | None = None,
) -> Artifact:
    """Write ``out_dir/webapp.tar.gz``: the web app wheel plus a wheelhouse for an offline install.

    Inside: ``imageupload_webapp-<version>-py3-none-any.whl``, ``wheelhouse/*.whl`` (every
    dependency, for ``platform`` and CPython ``python_version``), ``requirements.txt`` (exact pins
    with hashes) and ``MANIFEST.txt`` (sha256 and size of every file). Install with
    ``pip install --no-index --find-links wheelhouse imageupload_webapp-*.whl``.
    """
    project = _root_project(repo_root)
    try:
        requirements = list(project["optional-dependencies"]["webapp"])
    except KeyError:
        raise PackagingError("pyproject.toml has no [project.optional-dependencies].webapp list") from None
    if not (repo_root / "webapp" / "__init__.py").is_file():
        raise PackagingError(f"{repo_root / 'webapp'} is not a Python package (no __init__.py)")
    platforms = manylinux_platforms(platform)
    cache = cache_dir or repo_root / "build" / "cache"
    wheelhouse = _wheelhouse(requirements, cache, python_version, platforms)
    with tempfile.TemporaryDirectory(prefix="webapp-wheel-") as scratch:
        wheel = _build_webapp_wheel(repo_root, project, requirements, Path(scratch))
        members = {wheel.name: wheel}
        members.update({f"wheelhouse/{found.name}": found for found in sorted(wheelhouse.glob("*.whl"))})
        texts = {"requirements.txt": _requirements_text(members, python_version, platform)}
        texts["MANIFEST.txt"] = _manifest_text(members, texts, python_version, platforms)
        path = out_dir / "webapp.tar.gz"
        _atomic_write(path, lambda handle: _write_tar(members, texts, handle))
    return Artifact("webapp", path, _sha256(path))


def manylinux_platforms(platform: str) -> list[str]:
    """Every manylinux tag a system at ``platform``'s glibc accepts, newest first, for ``pip --platform``.

    pip only expands the legacy ``manylinux2014`` alias itself, so a ``manylinux_2_34`` target would
    otherwise miss wheels published as ``manylinux_2_28`` or ``manylinux2014``.
    """
    match = re.fullmatch(r"manylinux_2_(\d+)_(\w+)", platform)
    legacy = re.fullmatch(r"(manylinux2014|manylinux2010|manylinux1)_(\w+)", platform)
    if match:
        glibc_minor, arch = int(match.group(1)), match.group(2)
    elif legacy:
        glibc_minor, arch = _LEGACY_MANYLINUX[legacy.group(1)], legacy.group(2)
    else:
        return [platform]
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(glibc_minor, 4, -1)]
    tags += [f"{alias}_{arch}" for alias, minor in _LEGACY_MANYLINUX.items() if minor <= glibc_minor]
    return tags


# --- the backup zip -------------------------------------------------------------------------


def _write_zip(files: list[tuple[str, Path]], handle: BinaryIO) -> None:
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.create_system = 3  # Unix, so external_attr carries the mode
            info.external_attr = (stat.S_IFREG | _FILE_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)


# --- the web app wheel ----------------------------------------------------------------------


def _root_project(repo_root: Path) -> dict:
    try:
        with (repo_root / "pyproject.toml").open("rb") as handle:
            document = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PackagingError(f"cannot read {repo_root / 'pyproject.toml'}: {error}") from None
    project = dict(document.get("project", {}))
    project["build-requires"] = document.get("build-system", {}).get("requires", ["setuptools", "wheel"])
    return project


def _build_webapp_wheel(repo_root: Path, project: dict, requirements: list[str], scratch: Path) -> Path:
    """Build the wheel from a staged copy, so the root project's settings never leak into it."""
    staging = scratch / "src"
    files = list(_tree_files(repo_root / "webapp", prefix="webapp/"))
    for name, source in files:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        target.chmod(_FILE_MODE)
    (staging / "pyproject.toml").write_text(_webapp_pyproject(project, requirements, files), encoding="utf-8")
    wheel_dir = scratch / "dist"
    wheel_dir.mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(FIXED_EPOCH), "PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [sys.executable, "-c", "import sys, setuptools.build_meta as b; print(b.build_wheel(sys.argv[1]))", wheel_dir],
        cwd=staging,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PackagingError(f"building the {WEBAPP_DISTRIBUTION} wheel failed:\n{result.stderr[-4000:]}")
    return wheel_dir / result.stdout.strip().splitlines()[-1]


def _webapp_pyproject(project: dict, requirements: list[str], files: list[tuple[str, Path]]) -> str:
    """Every folder under webapp/ is a package; every non-Python file is its package data."""
    packages: set[str] = set()
    data: dict[str, list[str]] = {}
    for name, _ in files:
        folder, _, filename = name.rpartition("/")
        package = folder.replace("/", ".")
        packages.add(package)
        for depth in range(1, package.count(".") + 1):
            packages.add(package.rsplit(".", depth)[0])
        if not filename.endswith(".py"):
            data.setdefault(package, []).append(_glob_escape(filename))
    lines = [
        "[build-system]",
        f"requires = {_toml_list(project['build-requires'])}",
        'build-backend = "setuptools.build_meta"',
        "",
        "[project]",
        f"name = {json.dumps(WEBAPP_DISTRIBUTION)}",
        f"version = {json.dumps(str(project.get('version', '0.0.0')))}",
        f"requires-python = {json.dumps(project.get('requires-python', '>=3.11'))}",
        f"dependencies = {_toml_list(requirements)}",
        "",
        "[tool.setuptools]",
        f"packages = {_toml_list(sorted(packages))}",
        "include-package-data = false",
        "",
        "[tool.setuptools.package-data]",
        *(f"{json.dumps(package)} = {_toml_list(sorted(names))}" for package, names in sorted(data.items())),
    ]
    return "\n".join(lines) + "\n"


def _toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


# --- the wheelhouse -------------------------------------------------------------------------


def _wheelhouse(requirements: list[str], cache: Path, python_version: str, platforms: list[str]) -> Path:
    """Download (once) every wheel the requirements need for the target; reuse the cached set after."""
    inputs = {"requirements": sorted(requirements), "python": python_version, "platforms": platforms}
    key = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]
    target = cache / "wheelhouse" / key
    if (target / ".complete").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=target.parent))
    try:
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--only-binary=:all:",
            "--implementation",
            "cp",
            "--python-version",
            python_version,
            *(argument for platform in platforms for argument in ("--platform", platform)),
            "--dest",
            str(partial),
            "--no-input",
            "--progress-bar",
            "off",
            *requirements,
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PackagingError(
                f"pip download for Python {python_version} on {platforms[0]} failed:\n{result.stderr[-4000:]}"
            )
        partial.chmod(_DIR_MODE)
        (partial / ".complete").write_text(json.dumps(inputs, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        partial.rename(target)
    finally:
        if partial.exists():
            shutil.rmtree(partial)
    return target


def _wheel_pin(filename: str) -> tuple[str, str]:
    name, version = filename.split("-")[:2]
    return re.sub(r"[-_.]+", "-", name).lower(), version


def _requirements_text(members: dict[str, Path], python_version: str, platform: str) -> str:
    lines = [
        f"# Exact pins for CPython {python_version} on {platform}; every file is in this bundle.",
        "# pip install --no-index --find-links . --find-links wheelhouse --require-hashes -r requirements.txt",
    ]
    pins = sorted((*_wheel_pin(Path(name).name), _sha256(path)) for name, path in members.items())
    lines += [f"{name}=={version} --hash=sha256:{digest}" for name, version, digest in pins]
    return "\n".join(lines) + "\n"


def _manifest_text(members: dict[str, Path], texts: dict[str, str], python_version: str, platforms: list[str]) -> str:
    lines = [
        f"distribution: {WEBAPP_DISTRIBUTION}",
        f"python: cp{python_version.replace('.', '')}",
        f"platform: {platforms[0]} (and the older manylinux tags it accepts)",
        "install: pip install --no-index --find-links wheelhouse imageupload_webapp-*.whl",
        "",
        "# sha256  bytes  path",
    ]
    entries = [(name, _sha256(path), path.stat().st_size) for name, path in members.items()]
    entries += [(name, hashlib.sha256(text.encode()).hexdigest(), len(text.encode())) for name, text in texts.items()]
    lines += [f"{digest}  {size}  {name}" for name, digest, size in sorted(entries)]
    return "\n".join(lines) + "\n"


def _write_tar(members: dict[str, Path], texts: dict[str, str], handle: BinaryIO) -> None:
    # filename="" keeps the temporary file's name out of the gzip header; mtime=0 keeps the time out.
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0, compresslevel=6) as compressed,
        tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        entries: dict[str, Path | bytes | None] = {"wheelhouse": None}
        entries.update(members)
        entries.update({name: text.encode("utf-8") for name, text in texts.items()})
        for name in sorted(entries):
            content = entries[name]
            info = tarfile.TarInfo(name)
            info.mtime = FIXED_EPOCH
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if content is None:
                info.type = tarfile.DIRTYPE
                info.mode = _DIR_MODE
                archive.addfile(info)
            elif isinstance(content, bytes):
                info.mode = _FILE_MODE
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
            else:
                info.mode = _FILE_MODE
                info.size = content.stat().st_size
                with content.open("rb") as source:
                    archive.addfile(info, source)


# --- shared helpers -------------------------------------------------------------------------


def _tree_files(root: Path, prefix: str = "") -> Iterator[tuple[str, Path]]:
    """Regular files under ``root`` as (archive name, path), sorted, without caches or hidden files."""
    found: list[tuple[str, Path]] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [name for name in dirnames if name not in _SKIPPED_DIRS and not name.startswith(".")]
        for filename in filenames:
            path = Path(folder) / filename
            if filename.startswith(".") or path.suffix in _SKIPPED_SUFFIXES or not path.is_file():
                continue
            found.append((prefix + path.relative_to(root).as_posix(), path))
    yield from sorted(found)


def _atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(_FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
