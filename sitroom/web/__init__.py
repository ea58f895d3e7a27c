"""The web page of ``sitroom serve``: our own HTML, CSS and JS; map libraries come from npm.

The map libraries are installed by ``npm ci --prefix sitroom/web`` into ``node_modules`` beside
this file and never committed. Only the files named in ``vendor.json`` are served from there, so
that nothing else under node_modules (package scripts, READMEs, source maps) is reachable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

WEB_DIR = Path(__file__).resolve().parent
NODE_MODULES = WEB_DIR / "node_modules"
INSTALL_HINT = "map libraries not installed: run npm ci --prefix sitroom/web"


@dataclass(frozen=True, slots=True)
class Vendor:
    """The allow-list of third-party files served at /vendor/NAME, and where they live."""

    root: Path
    files: dict[str, PurePosixPath]

    @classmethod
    def load(cls, node_modules: Path | None = None) -> Vendor:
        """Read ``vendor.json``: URL name → path under ``node_modules`` (by default, beside it)."""
        names = json.loads((WEB_DIR / "vendor.json").read_text("utf-8"))
        files = {}
        for name, relative in names.items():
            path = PurePosixPath(relative)
            # The allow-list is ours, but a slip must not open the file system to the web.
            if path.is_absolute() or ".." in path.parts:
                raise ValueError(f"vendor.json: {relative!r} must stay under node_modules")
            files[name] = path
        return cls(node_modules or NODE_MODULES, files)

    def path(self, name: str) -> Path | None:
        """The file served as /vendor/``name``, or None when it is not allowed or not installed."""
        relative = self.files.get(name)
        if relative is None:
            return None
        path = self.root.joinpath(*relative.parts)
        return path if path.is_file() else None

    def missing(self) -> list[str]:
        """The allowed names whose file is not installed (all of them before ``npm ci``)."""
        return [name for name in self.files if self.path(name) is None]
