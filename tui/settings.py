"""What the explorer remembers between sessions: the theme, the last selection and the pane widths.

Kept in ``settings.json`` in the user's config directory (platformdirs), or the folder
``ALLIANCES_TUI_CONFIG`` names (tests, several profiles). Written atomically; a file that is not
what this module wrote (not JSON, wrong types, a link) is set aside for the defaults with one line
in the log: remembering is a convenience, never a reason not to start.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_CONFIG = "ALLIANCES_TUI_CONFIG"
FILE = "settings.json"
MAX_WIDTH = 1000  # columns: a larger width is not one this app wrote
MAX_BYTES = 64 * 1024  # a settings file is a few hundred bytes: anything larger is not ours


@dataclass
class Settings:
    theme: str | None = None
    country: str | None = None  # the last selection, by id
    alliance: str | None = None
    # The list panes' widths in columns once the user has set them (< and >); None: the stylesheet's.
    countries_width: int | None = None
    alliances_width: int | None = None
    problem: str = field(default="", compare=False)  # why the file was not read, for the log

    def as_json(self) -> bytes:
        data = {k: v for k, v in asdict(self).items() if k != "problem"}
        return json.dumps(data, indent=2, ensure_ascii=False).encode() + b"\n"


def folder() -> Path:
    configured = os.environ.get(ENV_CONFIG)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_config_path

    return user_config_path("alliances-tui", appauthor=False)


def load(where: Path | None = None) -> Settings:
    path = (where or folder()) / FILE
    try:
        if path.is_symlink():
            return Settings(problem=f"{path} is a link: settings not read")
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        return Settings(problem=f"{path} cannot be read ({exc.strerror or exc}): settings not read")
    if len(raw) > MAX_BYTES:
        return Settings(problem=f"{path} is larger than a settings file: not read")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return Settings(problem=f"{path} is not JSON: settings not read")
    if not isinstance(data, dict):
        return Settings(problem=f"{path} is not a settings object: not read")
    return _from(data)


def _from(data: dict[str, Any]) -> Settings:
    out = Settings()
    for f in fields(Settings):
        if f.name == "problem" or f.name not in data:
            continue
        value = data[f.name]
        if f.name.endswith("_width"):
            # bool is an int to Python, not a width to us
            if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_WIDTH:
                setattr(out, f.name, value)
        elif isinstance(value, str) and len(value) <= 200:
            setattr(out, f.name, value)
    return out


def save(settings: Settings, where: Path | None = None) -> str | None:
    """Write the settings; the sentence to log if they could not be (a full disk, a read-only folder)."""
    from store.durable import atomic_write
    from store.errors import StoreError

    target = where or folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
        atomic_write(target / FILE, settings.as_json())
    except (OSError, ValueError, StoreError) as exc:
        return f"settings not saved in {target}: {exc}"
    return None
