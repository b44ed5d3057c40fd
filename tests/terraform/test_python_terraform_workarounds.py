"""Each python-terraform 0.10.1 bug, reproduced against the real binary, and our adapter's way around it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from python_terraform import IsFlagged
from python_terraform import Terraform as Library

from cli.terraform import Terraform, base_environment, resolve_binary

pytestmark = pytest.mark.terraform
FIXTURE = Path(__file__).parent.parent / "fixtures" / "tiny_root"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    work = tmp_path / "root"
    shutil.copytree(FIXTURE, work)
    return work


@pytest.fixture
def adapter(root: Path, tmp_path: Path) -> Terraform:
    lines: list[str] = []
    terraform = Terraform(
        binary=resolve_binary(),
        working_dir=root,
        data_dir=tmp_path / "data",
        env=base_environment(),
        label="tiny",
        echo=lines.append,
    )
    terraform.echoed = lines  # type: ignore[attr-defined]
    terraform.init(plugin_dir=None)
    return terraform


@pytest.fixture
def library(root: Path, adapter: Terraform, monkeypatch: pytest.MonkeyPatch) -> Library:
    for key, value in adapter.env.items():
        monkeypatch.setenv(key, value)
    return Library(working_dir=str(root), terraform_bin_path=adapter.binary)


def _var_file(tmp_path: Path, **values) -> Path:
    path = tmp_path / "vars.tfvars.json"
    path.write_text(json.dumps(values))
    return path


def _apply(adapter: Terraform, tmp_path: Path, **values) -> None:
    plan = tmp_path / "apply.tfplan"
    adapter.plan(var_file=_var_file(tmp_path, **values), out=plan)
    adapter.apply_plan(plan)


def test_destroy_never_sends_force(adapter: Terraform, library: Library, tmp_path: Path) -> None:
    _apply(adapter, tmp_path)
    code, _, err = library.destroy()
    assert code != 0 and "-force" in err  # the library's bug, still present
    adapter.destroy(var_file=_var_file(tmp_path))
    assert adapter.state_list() == []


def test_saved_plan_is_applied_without_var_file(adapter: Terraform, root: Path, tmp_path: Path) -> None:
    var_file = _var_file(tmp_path, message="from-plan")
    plan = tmp_path / "saved.tfplan"
    adapter.plan(var_file=var_file, out=plan)
    buggy = Library(working_dir=str(root), terraform_bin_path=adapter.binary, var_file=str(var_file))
    argv = buggy.generate_cmd_string("apply", str(plan), **buggy._generate_default_options({}))
    assert any(arg.startswith("-var-file") for arg in argv)  # what the library would send
    adapter.apply_plan(plan)
    assert adapter.output() == {"message": "from-plan"}


def test_plan_exit_code_two_means_changes(adapter: Terraform, library: Library, tmp_path: Path) -> None:
    code, _, _ = library.plan()
    assert code == 2  # the library hands back 2 with no hint that it means "changes present"
    assert adapter.plan(var_file=_var_file(tmp_path), out=tmp_path / "first.tfplan") is True
    _apply(adapter, tmp_path)
    assert adapter.plan(var_file=_var_file(tmp_path), out=tmp_path / "second.tfplan") is False


def test_output_by_name(adapter: Terraform, library: Library, tmp_path: Path) -> None:
    _apply(adapter, tmp_path, message="named")
    with pytest.raises(TypeError):
        library.output("message")
    assert adapter.output("message") == "named"
    assert adapter.output() == {"message": "named"}


def test_apply_never_waits_for_input(adapter: Terraform, root: Path, tmp_path: Path) -> None:
    # The library runs `apply` with no plan and no -auto-approve; with stdin closed it cannot hang,
    # it fails at once. Our adapter only ever applies a saved plan.
    started = time.monotonic()
    process = subprocess.run(
        Library(working_dir=str(root), terraform_bin_path=adapter.binary).generate_cmd_string(
            "apply", no_color=IsFlagged
        ),
        cwd=root,
        env=adapter.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode != 0
    assert time.monotonic() - started < 120
    assert not hasattr(adapter, "apply")  # no unplanned apply exists in the adapter


def test_synchronous_flag_never_reaches_terraform(adapter: Terraform, library: Library, tmp_path: Path) -> None:
    assert "-synchronous=false" in library.generate_cmd_string("plan", synchronous=False)
    _apply(adapter, tmp_path)
    assert any("terraform_data.this" in line for line in adapter.echoed)  # streamed live
    assert all("synchronous" not in line for line in adapter.echoed)


def test_ctrl_c_is_forwarded_and_state_stays_consistent(root: Path, tmp_path: Path) -> None:
    """SIGINT during apply: Terraform stops cleanly, releases its lock, exit 130, one error line."""
    script = tmp_path / "apply_slowly.py"
    script.write_text(
        "import sys, json\n"
        "from pathlib import Path\n"
        "from cli.console import reported_errors\n"
        "from cli.terraform import Terraform, base_environment, resolve_binary\n"
        f"root, data = Path({str(root)!r}), Path({str(tmp_path / 'data')!r})\n"
        "tf = Terraform(binary=resolve_binary(), working_dir=root, data_dir=data, env=base_environment(),"
        " label='tiny', echo=print)\n"
        "tf.init(plugin_dir=None)\n"
        f"var_file = Path({str(tmp_path / 'slow.json')!r})\n"
        "var_file.write_text(json.dumps({'sleep_seconds': 60}))\n"
        "plan = data / 'slow.tfplan'\n"
        "tf.plan(var_file=var_file, out=plan)\n"
        "import typer\n"
        "try:\n"
        "    with reported_errors():\n"
        "        tf.apply_plan(plan)\n"
        "except typer.Exit as stop:\n"
        "    sys.exit(stop.exit_code)\n"
    )
    process = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if "Provisioning with 'local-exec'" in line:
            break
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert not (root / ".terraform.tfstate.lock.info").exists()
    state = json.loads((root / "terraform.tfstate").read_text())
    assert state["serial"] >= 1  # Terraform wrote its state before exiting
