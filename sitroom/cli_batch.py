"""The ``sitroom spark`` and ``sitroom load`` commands: a cluster job, and merging its results."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sitroom.cli_options import EXIT_INPUT_FAILED, config_option, store_options
from sitroom.settings import load_settings

if TYPE_CHECKING:
    from sitroom.load import LoadReport



@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the job's Parquet tables (overwritten).",
)
@click.option(
    "--master",
    default="local[2,4]",
    show_default=True,
    help="Spark master; 'submit' takes it from spark-submit.",
)
@click.option(
    "--block-days",
    type=click.IntRange(1, 3660),
    default=28,
    show_default=True,
    help="Days of one block of the cross-article stage.",
)
@click.option("--model", help="spaCy model package [default: en_core_web_sm, else its re-upload].")
@config_option
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def spark(
    paths: tuple[str, ...],
    out: Path,
    master: str,
    block_days: int,
    model: str | None,
    config_file: Path | None,
    quiet: bool,
) -> None:
    """Analyse files or folders on Apache Spark, writing Parquet tables to --out.

    Needs the spark extra (pip install 'sitroom[spark]'). Merge the results into a store with
    `sitroom load`. Exit code 0 when every input went in, 1 when some failed.
    """
    from sitroom.spark.job import JobOptions, run_job, spark_session
    from sitroom.spark.work import BlockOptions, WorkOptions

    settings = load_settings(config_file=config_file).replace(model=model)
    session = spark_session(None if master == "submit" else master)
    session.sparkContext.setLogLevel("ERROR")
    options = JobOptions(work=WorkOptions(settings), blocks=BlockOptions(block_days=block_days))
    try:
        report = run_job(session, list(paths), out, options=options)
    finally:
        session.stop()
    for problem in report.problems:
        click.echo(f"{problem.severity}: {problem.message}", err=True)
    if not quiet:
        click.echo(
            f"{report.articles} articles read from {report.sources} inputs in {report.tasks} "
            f"tasks, {report.analysed} analysed, {report.stories} stories in blocks, "
            f"{len(report.problems)} problems, in {report.seconds:.1f} s; tables in {out}"
        )
    if any(p.severity == "error" for p in report.problems):
        raise SystemExit(EXIT_INPUT_FAILED)


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@store_options
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def load(folder: Path, db: Path | None, config_file: Path | None, quiet: bool) -> None:
    """Merge the results of `sitroom spark` in FOLDER into the store, then link stories.

    Loading twice changes nothing. Exit code 1 when a part of the results or an input of the
    job failed (each is reported with its path and the reason).
    """
    from sitroom.load import load_results
    from sitroom.store import open_store, store_location

    settings = load_settings(config_file=config_file).replace(db=db)
    with open_store(store_location(settings)) as store:
        report = load_results(folder, store=store, settings=settings)
        total = store.count("articles")
        where = store.path
    for problem in report.problems:
        click.echo(f"{problem.severity}: {problem.message}", err=True)
    if not quiet:
        click.echo(_summary(report, total, where))
    if not report.ok:
        sys.exit(EXIT_INPUT_FAILED)


def _summary(report: LoadReport, total: int, where: str) -> str:
    return (
        f"{report.parts} parts read: {report.new} new articles stored "
        f"({report.near_duplicates} near-duplicate), {report.already_stored} already stored, "
        f"{report.analysed} analyses saved, {report.linked} linked into stories, "
        f"{len(report.problems)} problems; {where} holds {total} articles"
    )
