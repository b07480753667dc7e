"""Running the CLI in-process the way a user's shell would see it."""

from __future__ import annotations

import pytest

from brief.cli import main


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``brief ARGS``: its exit status, stdout and stderr."""
    with pytest.raises(SystemExit) as exc:
        main(args)
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 0), out, err
