"""Every emulator override is documented in the README and overrides code that exists."""

from __future__ import annotations

import re

from cli.emulator.overrides import OVERRIDES_DIR, emulator_override_files
from cli.paths import repo_root


def test_every_override_is_listed_in_the_readme() -> None:
    readme = (repo_root() / "README.md").read_text()
    table = readme[readme.index("## Emulator substitutions") :]
    for relative in emulator_override_files():
        where = str(OVERRIDES_DIR.joinpath(relative).parent.relative_to(OVERRIDES_DIR))
        assert f"`{where}`" in table, f"{where} is not in the README's emulator substitutions"


def test_every_override_targets_code_that_exists() -> None:
    for relative, content in emulator_override_files().items():
        target_dir = repo_root() / relative.rsplit("/", 1)[0]
        code = "\n".join(path.read_text() for path in target_dir.glob("*.tf"))
        for kind, name in re.findall(r'^resource "(\w+)" "(\w+)"', content, re.MULTILINE):
            assert f'resource "{kind}" "{name}"' in code, f"{relative}: {kind}.{name} does not exist"
