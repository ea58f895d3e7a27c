"""``sitroom spark`` and ``sitroom load`` from the command line, on inputs the model never sees.

A French article and an empty file: the job runs end to end in local mode without loading the
analyser (only English articles are analysed), which keeps this test short.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spark_support import require_spark

from sitroom.cli import main
from sitroom.store import SQLiteStore

pytestmark = pytest.mark.spark

FRENCH = (
    "Les pluies ont inondé plusieurs quartiers de la ville samedi, et les écoles resteront "
    "fermées lundi, selon la mairie, qui a ouvert deux gymnases pour les familles évacuées."
)


def test_spark_then_load_from_the_command_line(tmp_path: Path) -> None:
    require_spark()
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "fr.jsonl").write_text(
        json.dumps({"text": FRENCH, "published": "2014-06-21"}) + "\n", encoding="utf-8"
    )
    (corpus / "empty.txt").write_text("")
    out, db = tmp_path / "out", tmp_path / "s.db"
    runner = CliRunner()
    result = runner.invoke(
        main, ["spark", str(corpus), "--out", str(out), "--master", "local[2,4]"]
    )
    assert result.exit_code == 1, result.output  # the empty file failed; the rest went on
    assert f"{corpus / 'empty.txt'}" in result.output
    assert "1 articles read from 2 inputs" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert (manifest["articles"], manifest["analysed"], manifest["stories"]) == (1, 0, 0)
    assert (out / "articles" / "date=2014-06-21").is_dir()
    result = runner.invoke(main, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "1 new articles stored" in result.output
    with SQLiteStore.open(db) as store:
        (article,) = store.iter_articles()
    assert article.language == "fr"
    assert article.published == "2014-06-21"
