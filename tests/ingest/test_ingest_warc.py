"""WARC files: response pages become articles; other records are skipped; damage is reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitroom import pipeline
from sitroom.cli import main
from sitroom.ingest import discover, read_source
from sitroom.records import Problem, RawDocument, Skipped, Source
from sitroom.settings import Settings

DATED_PAGE = """<!doctype html>
<html lang="en"><head><title>Ferry back on the river</title>
<meta property="og:site_name" content="Lakeside Gazette">
<meta property="article:published_time" content="2020-03-04T10:00:00+01:00">
</head><body><article><h1>Ferry back on the river</h1>
<p>The small river ferry started running again on Monday after a month of repairs to its engine.</p>
<p>Town officials said the boat would make six crossings a day until the end of the summer.</p>
<p>Riders said they were glad to skip the long drive around the lake to reach the market.</p>
</article></body></html>
"""

BARE_PAGE = """<!doctype html>
<html lang="en"><head><title>Library opens late</title></head><body><article>
<h1>Library opens late</h1>
<p>The town library will stay open until nine in the evening on weekdays from next month.</p>
<p>The council said the longer hours were paid for by savings on heating the old building.</p>
<p>Students had asked for a quiet place to work after school closes in the afternoon.</p>
</article></body></html>
"""

WARC_DATE = "2021-07-09T22:15:00Z"


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )


def build_warc(records: list[tuple[str, str, bytes, str]], *, gzip: bool) -> bytes:
    """A WARC file: a warcinfo record, then (kind, url, body, status-or-type) records."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "sitroom tests"}))
    for kind, url, body, extra in records:
        if kind == "response":
            writer.write_record(response(writer, url, body, status=extra or "200 OK"))
        elif kind == "typed":
            writer.write_record(response(writer, url, body, content_type=extra))
        else:
            writer.write_record(writer.create_warc_record(url, kind, payload=io.BytesIO(body)))
    return buffer.getvalue()


MIXED = [
    ("request", "https://www.gazette.example/ferry", b"GET /ferry HTTP/1.1\r\n\r\n", ""),
    ("response", "https://www.gazette.example/ferry", DATED_PAGE.encode(), ""),
    ("typed", "https://www.gazette.example/logo.png", b"\x89PNG\r\n" + bytes(64), "image/png"),
    ("response", "https://www.gazette.example/gone", BARE_PAGE.encode(), "404 Not Found"),
    ("response", "https://news.courier.example/library", BARE_PAGE.encode(), ""),
]


def read_all(path: Path, **limits: int) -> list[RawDocument | Problem | Skipped]:
    return list(
        read_source(
            Source(str(path), "warc"),
            max_bytes=limits.get("max_bytes", 1_000_000),
            max_warc_bytes=limits.get("max_warc_bytes", 10_000_000),
        )
    )


def split(items):
    documents = [i for i in items if isinstance(i, RawDocument)]
    problems = [i for i in items if isinstance(i, Problem)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    return documents, problems, skipped


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_responses_become_articles_and_the_rest_is_skipped(tmp_path, gzip):
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    path = tmp_path / name
    path.write_bytes(build_warc(MIXED, gzip=gzip))
    documents, problems, skipped = split(read_all(path))
    assert problems == []
    # warcinfo, request, image, 404: in the order of the file, numbered from 1.
    assert [(s.line, s.reason) for s in skipped] == [
        (1, "a warcinfo record, not a response"),
        (2, "a request record, not a response"),
        (4, "not a page (image/png)"),
        (5, "HTTP status 404"),
    ]
    ferry, library = documents
    assert ferry.line == 3
    assert "six crossings a day" in ferry.text
    # The page's date and site name win; the URL is the one the crawler fetched.
    assert ferry.metadata.published == "2020-03-04"
    assert ferry.metadata.outlet == "Lakeside Gazette"
    assert ferry.metadata.url == "https://www.gazette.example/ferry"
    # A page that says neither takes the WARC-Date's day and the URL's host.
    assert library.line == 6
    assert library.metadata.published == "2021-07-09"
    assert library.metadata.outlet == "news.courier.example"
    assert library.metadata.title == "Library opens late"


def test_warc_files_are_discovered_in_folders(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(build_warc(MIXED, gzip=True))
    (tmp_path / "b.warc").write_bytes(build_warc(MIXED, gzip=False))
    sources, problems = discover([str(tmp_path)])
    assert problems == []
    found = [(Path(s.path).name, s.kind) for s in sources]
    assert found == [("a.warc.gz", "warc"), ("b.warc", "warc")]


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_a_truncated_file_keeps_what_came_before(tmp_path, gzip):
    data = build_warc(MIXED, gzip=gzip)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    # Cut inside the last record's page.
    path.write_bytes(data[: len(data) - 200])
    documents, problems, _ = split(read_all(path))
    assert [d.line for d in documents] == [3]
    (problem,) = problems
    assert problem.path == str(path)
    assert problem.line == 6
    assert "truncated" in problem.reason


def test_a_file_cut_inside_a_record_header_is_reported(tmp_path):
    data = build_warc(MIXED, gzip=True)
    whole = build_warc(MIXED[:2], gzip=True)
    # The cut falls a few bytes into the third record after the warcinfo.
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(whole) + 20])
    documents, problems, _ = split(read_all(path))
    assert [d.line for d in documents] == [3]
    (problem,) = problems
    assert problem.line == 4
    assert problem.reason == "truncated WARC file: the last record is incomplete"


def test_a_broken_record_is_one_problem_and_reading_goes_on(tmp_path):
    data = build_warc(MIXED, gzip=False)
    start = data.index(b"WARC/1.", data.index(b"logo.png") - 400)
    # Damage the image record's first line; the records after it are still read.
    path = tmp_path / "broken.warc"
    path.write_bytes(data[:start] + b"XXXX" + data[start + 4 :])
    documents, problems, _ = split(read_all(path))
    (problem,) = problems
    assert problem.path == str(path)
    assert problem.line == 4
    assert problem.reason.startswith("broken WARC record")
    assert [d.metadata.url for d in documents] == [
        "https://www.gazette.example/ferry",
        "https://news.courier.example/library",
    ]


def test_a_broken_gzip_member_is_one_problem_and_reading_goes_on(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(response(writer, "https://a.example/1", DATED_PAGE.encode()))
    first = len(buffer.getvalue())
    writer.write_record(response(writer, "https://a.example/2", BARE_PAGE.encode()))
    second = len(buffer.getvalue())
    writer.write_record(response(writer, "https://a.example/3", BARE_PAGE.encode() + b"<!-- 3 -->"))
    data = bytearray(buffer.getvalue())
    # Garble the middle of the second record's compressed bytes.
    middle = (first + second) // 2
    data[middle : middle + 40] = bytes(40)
    path = tmp_path / "garbled.warc.gz"
    path.write_bytes(bytes(data))
    documents, problems, _ = split(read_all(path))
    assert [d.metadata.url for d in documents] == ["https://a.example/1", "https://a.example/3"]
    (problem,) = problems
    assert problem.line == 2


def test_a_record_over_the_page_limit_is_refused_alone(tmp_path):
    huge = BARE_PAGE.replace("</article>", "<p>" + "word " * 3000 + "</p></article>").encode()
    records = [
        ("response", "https://a.example/huge", huge, ""),
        ("response", "https://a.example/ferry", DATED_PAGE.encode(), ""),
    ]
    path = tmp_path / "big.warc.gz"
    path.write_bytes(build_warc(records, gzip=True))
    documents, problems, _ = split(read_all(path, max_bytes=4096))
    assert [d.line for d in documents] == [3]
    (problem,) = problems
    assert (problem.line, problem.reason) == (2, "record payload larger than the 4 KB limit")


def test_a_file_over_the_warc_limit_is_refused_whole(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc(MIXED, gzip=True))
    items = read_all(path, max_warc_bytes=1024)
    (problem,) = items
    assert isinstance(problem, Problem)
    assert problem.path == str(path)
    assert problem.line is None
    assert problem.reason.startswith("larger than the 1 KB WARC limit")


def test_pipeline_stores_warc_articles_and_counts_skipped(tmp_path, store, resources):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc(MIXED, gzip=True))
    settings = Settings(db=Path(store.path))
    report = pipeline.ingest([str(path)], store=store, settings=settings, resources=resources)
    assert report.ok
    assert (report.new, report.skipped) == (2, 4)
    sources = sorted(a.source for a in store.iter_articles())
    assert sources == [f"{path}:3", f"{path}:6"]


def test_cli_ingest_reports_a_damaged_record_and_counts_skipped_ones(cli, tmp_path):
    data = build_warc(MIXED, gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    result = cli.invoke(main, ["ingest", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == f"error: {path}:6: truncated WARC record"
    assert result.stdout.startswith("1 new article stored")
    assert "4 WARC records skipped" in result.stdout
