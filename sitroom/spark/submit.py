"""The file ``spark-submit`` runs: ``sitroom spark``'s command line, with ``--master submit``.

Usage: ``spark-submit [spark options] PATH/sitroom/spark/submit.py INPUTS... --out DIR
--master submit`` (``--master submit`` takes the master from ``spark-submit``).
"""

from __future__ import annotations

from sitroom.cli_batch import spark

if __name__ == "__main__":
    spark()
