"""The labelled sets in tests/labelled/ (our own sentences), read as one list of records."""

from __future__ import annotations

import json
from pathlib import Path

LABELLED_DIR = Path(__file__).parent / "labelled"


def load_labelled(*names: str) -> list[dict]:
    """Every record of the named ``.jsonl`` files, in order (blank lines skipped)."""
    return [
        json.loads(line)
        for name in names
        for line in (LABELLED_DIR / name).read_text(encoding="utf-8").splitlines()
        if line
    ]
