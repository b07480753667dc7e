"""User settings for the app, read from ``config.toml`` in the user config dir.

Example ``~/.config/brief/config.toml``::

    theme = "gruvbox"
    filter = "unread"          # the list shown at start: unread, starred, all or dismissed

    [keys]                     # command id = "key[,key...]" (ids are listed by `?` in the app)
    star = "asterisk"
    quit = "q,ctrl+q"
"""

from __future__ import annotations

import os
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
        return Settings()
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
