"""``python -m sitroom.spark``: the ``sitroom spark`` command."""

from __future__ import annotations

from sitroom.cli_batch import spark

if __name__ == "__main__":
    spark()
