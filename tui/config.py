"""User settings for the app, read from ``config.toml`` in the user config dir
(``platformdirs.user_config_dir("brief")``, e.g. ``~/.config/brief/config.toml``; the
``BRIEF_CONFIG`` environment variable names another file).

Example::

    theme = "gruvbox"          # any Textual theme; one picked in the app is saved here
    filter = "unread"          # the list shown at start: unread, starred, all or dismissed

    [keys]                     # command id = "key[,key...]" (ids are listed by ? in the app)
    star = "asterisk"
    quit = "q,ctrl+q"
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

FILTERS = ("unread", "starred", "all", "dismissed")


class ConfigError(ValueError):
    """The config file cannot be used; the message is one clear line."""


@dataclass(slots=True)
class Settings:
    theme: str | None = None
    filter: str = "all"
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # where they were read from, if anywhere


def config_path() -> Path:
    env = os.environ.get("BRIEF_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("brief", appauthor=False)) / "config.toml"


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Settings from ``path`` (default: the user config file); defaults when it does not exist."""
    import tomllib

    p = Path(path) if path is not None else config_path()
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return Settings(path=p)  # the theme picked in the app will be saved here
    except OSError as e:
        raise ConfigError(f"cannot read config {p}: {e.strerror}") from e
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"config {p} is not valid TOML: {e}") from e
    return settings_from_dict(data, p)


def settings_from_dict(data: dict[str, object], path: Path | None = None) -> Settings:
    where = f"config {path}" if path else "config"
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{where}: theme must be a string")
    filt = data.get("filter", "all")
    if filt not in FILTERS:
        raise ConfigError(f"{where}: filter must be one of {', '.join(FILTERS)}")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise ConfigError(f'{where}: [keys] must map command ids to strings like "j,down"')
    return Settings(theme=theme, filter=str(filt), keys=dict(keys), path=path)


_TOP_THEME = re.compile(r"^\s*theme\s*=.*$")


def save_theme(path: Path, theme: str) -> None:
    """Remember the theme in the config file, keeping everything else in it as it was."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    setting = f"theme = {json.dumps(theme)}"
    for i, line in enumerate(lines):
        if line.lstrip().startswith("["):  # top-level keys come before the first table
            break
        if _TOP_THEME.match(line):
            lines[i] = setting
            break
    else:
        lines.insert(0, setting)
    if setting not in lines:
        lines.insert(0, setting)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
