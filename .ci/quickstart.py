"""Print the two Quick start commands of README.md, one per line (used by .ci/run and the tests)."""

import re
import sys
from pathlib import Path

readme = Path(__file__).resolve().parent.parent / "README.md"
section = readme.read_text(encoding="utf-8").split("## Quick start", 1)
if len(section) != 2:
    sys.exit("README.md has no '## Quick start' section")
block = re.search(r"```(?:bash|sh|shell|console)?\n(.*?)```", section[1], re.S)
if block is None:
    sys.exit("the Quick start section of README.md has no fenced code block")
lines = [
    line.strip()
    for line in block.group(1).splitlines()
    if line.strip() and not line.lstrip().startswith("#")
]
print("\n".join(lines[:2]))
