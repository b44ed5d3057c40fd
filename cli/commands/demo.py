"""infra demo: the whole product on the embedded emulator, with no AWS account."""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Annotated

import typer

from cli.console import console, echo, reported_errors
from cli.options import TerraformBin


def demo(
    check: Annotated[
        bool, typer.Option("--check", help="Verify once (upload round trip included), then stop.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port of the web app on 127.0.0.1.", min=1024, max=65535)] = 8080,
    terraform_bin: TerraformBin = None,
):
    """Start the emulator, package, apply all four layers, serve the app and run the backup worker."""
    from cli import demo as steps
    from cli.commands.stack import open_stack, summary_table
    from cli.commands.verify import print_results, run_verify
    from cli.emulator import server
    from cli.errors import InfraError
    from cli.layers import ORDER, Layer
    from cli.paths import artifacts_dir, repo_root
    from cli.verify import all_passed

    with reported_errors():
        root = repo_root()
        if not server.status(root).running:
            console().rule("emulator")
            started = server.up(root=root)
            console().print(f"moto server at {started.endpoint}")
        console().rule("package")
        from cli.commands.package import package

        package(json_output=False)
        stack = open_stack("local", terraform_bin)
        for layer in ORDER:
            console().rule(f"apply {layer.value}")
            stack.apply([layer], confirm=None, allow_destroy_stateful=False, on_plan=lambda plan: summary_table([plan]))
        data = stack.outputs(Layer.data)
        work = steps.demo_dir(root)
        manifest = json.loads((artifacts_dir(root) / "manifest.json").read_text())
        console().rule("web app")
        python = steps.install_webapp(root / manifest["webapp"]["path"], manifest["webapp"]["sha256"], work / "webapp")
        url = f"http://127.0.0.1:{port}"
        environment = steps.app_environment(stack.aws_endpoint, stack.env, data["images_bucket"], work)
        processes = steps.DemoProcesses()
        try:
            app = processes.start(
                "web app",
                [str(python), "-m", "webapp", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
                environment,
                work / "webapp.log",
            )
            steps.wait_ready(url, app)
            (work / "app.json").write_text(json.dumps({"url": url}))
            processes.start(
                "backup worker",
                [sys.executable, "-m", "cli", "local", "backup-worker", "local"],
                {**environment, "INFRA_AWS_ENDPOINT": stack.aws_endpoint},
                work / "backup-worker.log",
            )
            if check:
                console().rule("verify")
                results = run_verify("local", url, 60.0, terraform_bin, quiet=False)
                print_results(results, "local")
                if not all_passed(results):
                    raise typer.Exit(1)
                return
            console().print(
                f"\n[bold green]The demo is running.[/] Open {url} and upload an image.\n"
                f"  API docs: {url}/docs    uploads: {url}/api/uploads\n"
                f"  verify:   infra verify local\n"
                f"  logs:     {work / 'webapp.log'}, {work / 'backup-worker.log'}\n"
                "Ctrl-C stops the app and the worker (the emulator keeps running: `infra local down`)."
            )
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            try:
                while not stop.wait(1):
                    for name, process in processes.processes:
                        if process.poll() is not None:
                            raise InfraError(f"{name} exited with {process.returncode}; see {work}")
            except KeyboardInterrupt:
                pass
        finally:
            processes.stop()
            (work / "app.json").unlink(missing_ok=True)
            echo("demo stopped")
