"""The ``sitroom`` command line: thin shells over the library's public functions."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from sitroom import __version__
from sitroom.cli_batch import load as load_command
from sitroom.cli_batch import spark as spark_command
from sitroom.cli_options import EXIT_INPUT_FAILED, EXIT_USAGE, store_options
from sitroom.errors import ConfigError, SitroomError
from sitroom.records import Metadata, RunReport
from sitroom.settings import Settings, load_settings

if TYPE_CHECKING:
    from sitroom.watch import RoundReport

F = TypeVar("F", bound=Callable[..., Any])



class _Group(click.Group):
    """Turns sitroom's own errors into one-line messages and exit codes instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except SitroomError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_INPUT_FAILED)


def _settings(config_file: Path | None, **flags: Any) -> Settings:
    return load_settings(config_file=config_file).replace(**flags)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitroom")
def main() -> None:
    """Turn news reports into a corroborated, geocoded, source-cited picture of events."""


def _ingest_options(func: F) -> F:
    for option in reversed(
        [
            click.argument("paths", nargs=-1, required=True),
            click.option("--outlet", help="Outlet name for every article of this batch."),
            click.option(
                "--published",
                callback=_check_date,
                help="Publication date (YYYY-MM-DD) for every article of this batch.",
            ),
            click.option(
                "--max-bytes", type=click.IntRange(min=1), help="Largest input file read, in bytes."
            ),
            click.option(
                "--max-warc-bytes",
                type=click.IntRange(min=1),
                help="Largest WARC file read, in bytes (streamed) [default: 2 GB].",
            ),
            click.option("-q", "--quiet", is_flag=True, help="Print errors only."),
            store_options,
        ]
    ):
        func = option(func)
    return func


def _check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from exc


@main.command()
@_ingest_options
def ingest(**options: Any) -> None:
    """Ingest files, folders (recursively) or - for standard input into the store.

    Reads .txt, .html/.htm, .json/.jsonl, RSS/Atom (.xml/.rss/.atom) and WARC (.warc/.warc.gz,
    streamed, up to --max-warc-bytes); NAME.meta.json beside a
    file sets its metadata. Exit code 0 when everything went in, 1 when some input failed.
    """
    _ingest_command("ingest", **options)


@main.command()
@_ingest_options
@click.option(
    "--actors",
    "actors",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Extra actor dictionary file, read after the packaged ones (repeatable).",
)
@click.option("--model", help="spaCy model package [default: en_core_web_sm, else its re-upload].")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Processes that analyse, each loading the model once [default: 1, or $SITROOM_WORKERS].",
)
def run(**options: Any) -> None:
    """Ingest like `ingest`, analyse what was stored, then link stories and merge events."""
    _ingest_command("run", **options)


def _ingest_command(
    which: str,
    *,
    paths: tuple[str, ...],
    outlet: str | None,
    published: str | None,
    max_bytes: int | None,
    max_warc_bytes: int | None,
    quiet: bool,
    db: Path | None,
    config_file: Path | None,
    actors: tuple[Path, ...] = (),
    model: str | None = None,
    workers: int | None = None,
) -> None:
    from sitroom import pipeline
    from sitroom.store import open_store, store_location

    settings = _settings(
        config_file,
        db=db,
        max_bytes=max_bytes,
        max_warc_bytes=max_warc_bytes,
        model=model,
        workers=workers,
    )
    if actors:
        settings = settings.replace(actors=settings.actors + actors)
    overrides = Metadata(outlet=outlet, published=published)
    stdin = sys.stdin.buffer if "-" in paths else None
    progress = _ProgressBar() if not quiet and sys.stderr.isatty() else None
    action = pipeline.run if which == "run" else pipeline.ingest
    with open_store(store_location(settings)) as store:
        try:
            report = action(
                list(paths),
                store=store,
                settings=settings,
                overrides=overrides,
                stdin=stdin,
                progress=progress,
            )
        finally:
            if progress is not None:
                progress.finish()
        for problem in report.problems:
            click.echo(f"{problem.severity}: {problem.message}", err=True)
        if not quiet:
            click.echo(_summary(report, store.count("articles"), store.path))
    if not report.ok:
        raise SystemExit(EXIT_INPUT_FAILED)


class _ProgressBar:
    """A progress bar on standard error, for steps of more than one item."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, total: int, *, label: str) -> None:
        self.finish()
        if total > 1:
            self._bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self._bar.__enter__()

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _summary(report: RunReport, total: int, db: str | Path) -> str:
    errors = len(report.errors)
    return (
        f"{report.new} new article{'s' if report.new != 1 else ''} stored "
        f"({report.near_duplicates} near-duplicate, {report.not_english} not English), "
        f"{report.already_stored} already stored, "
        + (f"{report.skipped} WARC records skipped, " if report.skipped else "")
        + f"{report.analysed} analysed, "
        f"{report.linked} linked into stories, "
        f"{errors} input{'s' if errors != 1 else ''} failed; "
        f"{db} holds {total} article{'s' if total != 1 else ''}"
    )


@main.command()
@click.argument(
    "kind",
    type=click.Choice(["articles", "events", "quotes", "places", "actors", "dates", "stories"]),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "geojson", "parquet"]),
    default="jsonl",
    show_default=True,
    help="Output format (geojson for events and places; parquet needs -o and pyarrow).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (replaced atomically).",
)
@store_options
def export(
    kind: str, fmt: str, output: Path | None, db: Path | None, config_file: Path | None
) -> None:
    """Export stored records (as in CONTRACT.md) of one KIND."""
    from sitroom.errors import ExportError
    from sitroom.export import export_records
    from sitroom.store import open_store, store_location

    if fmt == "geojson" and kind not in ("events", "places"):
        raise click.UsageError(f"geojson needs coordinates: export events or places, not {kind}")
    if fmt == "parquet" and output is None:
        raise click.UsageError("parquet is a binary format: name the file with -o")
    settings = _settings(config_file, db=db)
    with open_store(store_location(settings)) as store:
        if output is not None and fmt == "parquet":
            _export_parquet(store, kind, output)
            return
        if output is None:
            export_records(store, kind, fmt, sys.stdout)
            return
        folder = output.resolve().parent
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                export_records(store, kind, fmt, out)
            os.replace(temporary, output)
        except (OSError, ExportError):
            Path(temporary).unlink(missing_ok=True)
            raise


def _export_parquet(store: Any, kind: str, output: Path) -> None:
    from sitroom.export_parquet import export_parquet

    folder = output.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    os.close(handle)
    try:
        export_parquet(store, kind, Path(temporary))
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@main.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@store_options
def search(
    query: str, limit: int, as_json: bool, db: Path | None, config_file: Path | None
) -> None:
    """Full-text search of article titles and texts (FTS5 syntax: AND, OR, NOT, "phrase", pre*)."""
    from sitroom.store import open_store, store_location

    settings = _settings(config_file, db=db)
    with open_store(store_location(settings)) as store:
        hits = store.search(query, limit=limit)
    for hit in hits:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "article_id": hit.article_id,
                        "title": hit.title,
                        "outlet": hit.outlet,
                        "published": hit.published,
                        "snippet": hit.snippet,
                        "score": round(hit.score, 4),
                    },
                    ensure_ascii=False,
                )
            )
        else:
            heading = " · ".join(x for x in (hit.published, hit.outlet, hit.title) if x)
            click.echo(f"{hit.article_id}  {heading}\n    {hit.snippet}")
    if not hits and not as_json:
        click.echo("no matches", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@store_options
def stats(as_json: bool, db: Path | None, config_file: Path | None) -> None:
    """Show what the store holds."""
    from sitroom.store import open_store, store_location

    settings = _settings(config_file, db=db)
    with open_store(store_location(settings)) as store:
        result = store.stats()
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    lines = [
        f"store            {result.path} (schema version {result.schema_version})",
        f"articles         {result.articles}",
        f"  near-duplicate {result.near_duplicates}",
        f"  not English    {result.not_english}",
        f"published        {result.first_published or '-'} to {result.last_published or '-'}",
        f"events           {result.events}",
        f"quotes           {result.quotes}",
        f"analysed         {result.analysed}",
        f"place mentions   {result.places}",
        f"actor mentions   {result.actors}",
        f"date mentions    {result.dates}",
        f"stories          {result.stories}",
        "languages        "
        + (", ".join(f"{k} {v}" for k, v in result.languages.items()) or "-"),
        "outlets          " + (", ".join(f"{k} {v}" for k, v in result.outlets.items()) or "-"),
    ]
    click.echo("\n".join(lines))


@main.command()
@click.argument("story_id")
@click.option("--compare", is_flag=True, help="Show the story outlet by outlet.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@store_options
def story(
    story_id: str, compare: bool, as_json: bool, db: Path | None, config_file: Path | None
) -> None:
    """Show story STORY_ID: articles, cited summary, merged events and where sources differ."""
    from sitroom.link.render import render_comparison, render_story
    from sitroom.link.views import story_comparison, story_view
    from sitroom.store import open_store, store_location

    settings = _settings(config_file, db=db)
    with open_store(store_location(settings)) as store:
        if compare:
            comparison = story_comparison(store, story_id)
            text, data = render_comparison(comparison), comparison.to_json()
        else:
            view = story_view(store, story_id)
            text, data = render_story(view), view.to_json()
    click.echo(json.dumps(data, ensure_ascii=False) if as_json else text)


@main.command()
@click.option(
    "--control", is_flag=True, required=True, help="Who held each place when (captures)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per period.")
@store_options
def places(control: bool, as_json: bool, db: Path | None, config_file: Path | None) -> None:
    """Places over time: with --control, who held each town or site since when."""
    from sitroom.link.render import render_control
    from sitroom.link.views import place_control
    from sitroom.store import open_store, store_location

    settings = _settings(config_file, db=db)
    with open_store(store_location(settings)) as store:
        periods = place_control(store)
    if as_json:
        for period in periods:
            click.echo(json.dumps(period.to_json(), ensure_ascii=False))
        return
    click.echo(render_control(periods))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--ingest-token",
    envvar="SITROOM_INGEST_TOKEN",
    help="Bearer token that enables POST /api/ingest [default: off; or $SITROOM_INGEST_TOKEN].",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="Origin allowed to call the API from another site (repeatable) [default: none].",
)
@click.option(
    "--tiles",
    "tile_url",
    help="Online map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    " [default: offline borders only].",
)
@store_options
def serve(
    host: str,
    port: int,
    ingest_token: str | None,
    cors_origins: tuple[str, ...],
    tile_url: str | None,
    db: Path | None,
    config_file: Path | None,
) -> None:
    """Serve the REST API and the web page (read-only unless an ingest token is set)."""
    import uvicorn

    from sitroom.api import ApiConfig, create_app
    from sitroom.store import redact, store_location

    settings = _settings(config_file, db=db)
    location = store_location(settings)
    config = ApiConfig(
        db=location,
        ingest_token=ingest_token or None,
        cors_origins=cors_origins,
        tile_url=tile_url,
    )
    app = create_app(config, settings=settings)
    from sitroom.web import INSTALL_HINT, Vendor

    if Vendor.load().missing():
        click.echo(f"sitroom: warning: {INSTALL_HINT} (the page will show no map)", err=True)
    click.echo(f"sitroom: serving {redact(location)} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@main.command()
@click.argument("feeds_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--interval",
    type=click.FloatRange(min=1),
    help="Seconds between the starts of two rounds [default: 900, or $SITROOM_WATCH_INTERVAL].",
)
@click.option("--once", is_flag=True, help="Do one round and exit (for cron and tests).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@store_options
def watch(
    feeds_file: Path,
    interval: float | None,
    once: bool,
    quiet: bool,
    db: Path | None,
    config_file: Path | None,
) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS_FILE and run every new entry's page through.

    FEEDS_FILE has one feed URL a line, optionally followed by a tab and the outlet name;
    blank lines and lines starting with # are ignored. With --once the exit code is 1 when a
    feed failed or an entry could not be ingested.
    """
    from sitroom.store import open_store, store_location
    from sitroom.watch import WatchConfig, Watcher, build_client, read_feed_list

    settings = _settings(config_file, db=db)
    feeds = read_feed_list(feeds_file)
    config = WatchConfig.from_settings(settings, interval=interval)
    if not config.contact:
        click.echo(
            "sitroom: warning: set watch_contact ($SITROOM_WATCH_CONTACT) to a URL where site"
            " owners can reach you; it is sent in the User-Agent",
            err=True,
        )
    failed = False

    def show(report: RoundReport) -> None:
        nonlocal failed
        failed = failed or not report.ok
        _print_round(report, quiet=quiet)

    with open_store(store_location(settings)) as store, build_client(config) as client:
        watcher = Watcher(feeds, client=client, store=store, settings=settings, config=config)
        try:
            watcher.watch(rounds=1 if once else None, on_round=show)
        except KeyboardInterrupt:
            click.echo("sitroom: stopped", err=True)
            return
    if failed:
        raise SystemExit(EXIT_INPUT_FAILED)


def _print_round(report: RoundReport, *, quiet: bool) -> None:
    for feed in report.failed:
        click.echo(
            f"error: {feed.url}: {feed.reason} (failure {feed.failures} in a row; next try after"
            f" {feed.retry_after})",
            err=True,
        )
    for problem in report.run.problems:
        click.echo(f"{problem.severity}: {problem.message}", err=True)
    if quiet:
        return
    counts: dict[str, int] = {}
    for feed in report.feeds:
        counts[feed.status] = counts.get(feed.status, 0) + 1
    states = ", ".join(f"{n} {status}" for status, n in counts.items())
    entries = sum(feed.new_entries for feed in report.feeds)
    run = report.run
    click.echo(
        f"{report.started}: {len(report.feeds)} feeds ({states}); {entries} new entries, "
        f"{run.new} new articles stored ({run.already_stored} already stored), "
        f"{run.analysed} analysed, {run.linked} linked into stories"
    )


@main.command(name="eval")
@click.argument("name", required=False)
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of evaluation sets [default: ../shared/eval, or $SITROOM_EVAL_DATA].",
)
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of metrics.")
@click.option("--list", "list_only", is_flag=True, help="List the evaluation tasks and exit.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (TOML).",
)
def eval_command(
    name: str | None,
    data: Path | None,
    split: str,
    as_json: bool,
    list_only: bool,
    config_file: Path | None,
) -> None:
    """Measure accuracy on the evaluation set NAME (see --list)."""
    from sitroom import evaluate

    if list_only or name is None:
        if name is None and not list_only:
            raise click.UsageError("name an evaluation task, or use --list")
        for task in evaluate.list_tasks():
            click.echo(f"{task.name:24} {task.stage:10} {task.description}")
        return
    from sitroom.evaluate.systems import build_system

    settings = _settings(config_file, eval_data=data)
    tasks = {task.name: task for task in evaluate.list_tasks()}
    if name not in tasks:
        raise click.UsageError(f"unknown task {name!r}; choose from {', '.join(sorted(tasks))}")
    system = build_system(name, tasks[name].stage, settings)
    report = evaluate.evaluate(name, data_dir=settings.eval_data, split=split, system=system)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        click.echo(report.format_table())


# The Spark job and loading its results: commands of their own module, added here.
main.add_command(spark_command)
main.add_command(load_command)
