"""Every way an input can fail: each yields one clear Problem and never raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.ingest import read_source, sources
from sitroom.records import Metadata, Problem, RawDocument, Source

ARTICLE = "Ferry runs again.\n\nThe river ferry started on Monday after repairs.\n"


def only_error(items: list[RawDocument | Problem]) -> Problem:
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, Problem)
    assert item.severity == "error"
    return item


def test_empty_file(write, read):
    path = write("empty.txt", b"")
    problem = only_error(read(path))
    assert problem.path == str(path)
    assert problem.reason == "empty file"


def test_whitespace_only_file(write, read):
    problem = only_error(read(write("blank.txt", " \n\t\r\n  \n")))
    assert problem.reason == "file holds only whitespace"


def test_binary_file_named_txt(write, read):
    problem = only_error(read(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)))
    assert problem.reason == "binary data, not text"


def test_control_bytes_without_nul_are_binary(write, read):
    problem = only_error(read(write("noise.txt", bytes(range(1, 32)) * 40)))
    assert problem.reason == "binary data, not text"


def test_cp1252_file_is_decoded_with_a_warning(write, read, docs, problems):
    text = (
        "Caf\xe9 owners in the old town said the “new” bridge would bring more trade.\n\n"
        "The mayor’s office said work would end before the winter fair in the na\xefve hope"
        " of a quick opening. Residents of the r\xe9sidence near the river were less sure.\n"
    )
    items = read(write("latin.txt", text.encode("cp1252")))
    (doc,) = docs(items)
    (warning,) = problems(items, "warning")
    assert "not UTF-8" in warning.reason
    assert warning.reason.startswith("decoded as ")
    assert "Café" in doc.text
    assert "résidence" in doc.text
    assert not problems(items, "error")


def test_utf8_bom_is_stripped(write, read, docs, problems):
    items = read(write("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))
    (doc,) = docs(items)
    assert doc.text.startswith("Ferry runs again.")
    assert not problems(items)


def test_utf16_with_bom_is_read(write, read, docs, problems):
    items = read(write("wide.txt", ARTICLE.encode("utf-16")))
    (doc,) = docs(items)
    assert doc.text.startswith("Ferry runs again.")
    assert [p.reason for p in problems(items)] == ["decoded as utf-16, not UTF-8"]


def test_file_over_the_size_limit(write, read):
    path = write("big.txt", "word " * 5000)
    problem = only_error(read(path, max_bytes=10 * 1024))
    assert problem.reason == "larger than the 10 KB limit (24.4 KB)"


def test_size_limit_message_in_megabytes():
    error = sources._too_large("x.txt", 20 * 1024 * 1024, 31 * 1024 * 1024)
    assert error.reason == "larger than the 20 MB limit (31 MB)"


def test_malformed_jsonl_line_names_file_and_line(write, read, docs, problems):
    lines = [
        json.dumps({"text": "The first report is fine."}),
        '{"text": "broken" "title": "x"}',
        "",
        json.dumps({"text": "The third report is fine too."}),
        json.dumps({"title": "no text here"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write("batch.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    assert [d.line for d in docs(items)] == [1, 4]
    errors = problems(items, "error")
    assert [(p.path, p.line) for p in errors] == [(str(path), 2), (str(path), 5), (str(path), 6)]
    assert errors[0].reason == "invalid JSON: Expecting ',' delimiter at column 19"
    assert errors[0].message == f"{path}:2: invalid JSON: Expecting ',' delimiter at column 19"
    assert errors[1].reason == "record has no 'text' field"
    assert errors[2].reason == "record is not a JSON object (found a list)"


def test_invalid_json_file(write, read):
    problem = only_error(read(write("bad.json", '[{"text": "a"},\n {"text" "b"}]')))
    assert problem.reason == "invalid JSON: Expecting ':' delimiter at line 2 column 10"


def test_json_of_the_wrong_shape(write, read):
    problem = only_error(read(write("num.json", "42")))
    assert problem.reason == "expected a JSON object or a list of objects, found a number"


def test_json_record_with_a_bad_date_is_refused(write, read, docs, problems):
    records = [{"text": "Good one.", "published": "2014-06-17"}, {"text": "Bad.", "published": "x"}]
    items = read(write("dates.json", json.dumps(records)))
    assert [d.metadata.published for d in docs(items)] == ["2014-06-17"]
    (error,) = problems(items, "error")
    assert error.line == 2
    assert error.reason == "invalid date in record field 'published': 'x'"


def test_feed_with_no_entries(write, read):
    rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    problem = only_error(read(write("quiet.xml", rss)))
    assert problem.reason == "feed has no entries"


def test_broken_feed_xml(write, read):
    rss = "<rss version='2.0'><channel><title>Bits & pieces</title></channel></rss>"
    problem = only_error(read(write("broken.rss", rss)))
    assert problem.reason == "broken feed XML: not well-formed (invalid token)"


def test_truncated_feed_xml(write, read):
    problem = only_error(read(write("cut.atom", "<rss version='2.0'><channel><title>x</titl")))
    assert problem.reason.startswith("broken feed XML: ")


def test_xml_that_is_not_a_feed(write, read):
    problem = only_error(read(write("notes.xml", "<notes><note>Buy milk</note></notes>")))
    assert problem.reason == "not an RSS, Atom or RDF feed"


def test_feed_entry_without_text_is_a_problem_for_that_entry(write, read, docs, problems):
    rss = (
        '<rss version="2.0"><channel><title>Courier</title>'
        "<item><title>Only a title</title></item>"
        "<item><title>Dam opens</title><description>The dam opened.</description></item>"
        "</channel></rss>"
    )
    items = read(write("mixed.rss", rss))
    assert [d.line for d in docs(items)] == [2]
    (error,) = problems(items, "error")
    assert (error.line, error.reason) == (1, "feed entry has no text")


def test_html_with_no_main_text(write, read):
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>"  # noqa: E501
    problem = only_error(read(write("menu.html", page)))
    assert problem.reason == "no main text found in HTML page"


def test_html_with_only_page_chrome(write, read):
    page = "<html><body><header>Gazette</header><nav>Home</nav><footer>Help</footer></body></html>"
    problem = only_error(read(write("chrome.html", page)))
    assert problem.reason == "no main text found in HTML page"


def test_empty_html_body(write, read):
    problem = only_error(read(write("blank.htm", "<html><body><script>x=1</script></body></html>")))
    assert problem.reason == "no main text found in HTML page"


def test_missing_path(tmp_path):
    path = str(tmp_path / "gone.txt")
    items = list(read_source(Source(path, "text"), max_bytes=1000))
    problem = only_error(items)
    assert (problem.path, problem.reason) == (path, "no such file or directory")


def test_unreadable_file(write, read, monkeypatch):
    path = write("locked.txt", ARTICLE)

    def refuse(path: str, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", path)

    # Running as root, chmod cannot stop a read: make the one low-level read fail instead.
    monkeypatch.setattr(sources, "_read_file", refuse)
    problem = only_error(read(path))
    assert problem.reason == "permission denied"


def test_io_error_while_reading(write, read, monkeypatch):
    path = write("flaky.txt", ARTICLE)

    def fail(path: str, limit: int) -> bytes:
        raise OSError(5, "Input/output error", path)

    monkeypatch.setattr(sources, "_read_file", fail)
    assert only_error(read(path)).reason == "input/output error"


def test_directory_where_a_file_is_expected(tmp_path: Path, read):
    folder = tmp_path / "looks_like_a_file.txt"
    folder.mkdir()
    problem = only_error(read(folder))
    assert problem.reason == "is a directory"


def test_sidecar_with_an_invalid_date(write, read):
    write("report.txt", ARTICLE)
    sidecar = write(
        "report.meta.json", json.dumps({"outlet": "Courier", "published": "2014-13-45"})
    )
    problem = only_error(read(sidecar.with_name("report.txt")))
    assert problem.path == str(sidecar)
    assert problem.reason == "invalid date in sidecar 'published': '2014-13-45'"


def test_sidecar_that_is_not_json(write, read):
    write("report.txt", ARTICLE)
    sidecar = write("report.meta.json", "outlet: Courier\n")
    problem = only_error(read(sidecar.with_name("report.txt")))
    assert problem.path == str(sidecar)
    assert problem.reason == "invalid JSON in sidecar: Expecting value at column 1"


def test_sidecar_that_is_not_an_object(write, read):
    write("report.txt", ARTICLE)
    sidecar = write("report.meta.json", '["Courier"]')
    problem = only_error(read(sidecar.with_name("report.txt")))
    assert problem.reason == "sidecar is not a JSON object"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ({"title": 7}, "sidecar 'title' must be a string, not number"),
        ({"language": "English"}, "invalid language in sidecar 'language': 'English'"),
    ],
)
def test_sidecar_with_bad_field(write, read, content, reason):
    write("report.txt", ARTICLE)
    write("report.meta.json", json.dumps(content))
    problem = only_error(read(write("report.txt", ARTICLE)))
    assert problem.reason.startswith(reason)


def test_a_failing_file_yields_no_warning_either(write, read):
    # Decoding warns, then the JSON fails: the file reports exactly one problem.
    problem = only_error(read(write("odd.json", '{"text": "caf\xe9"'.encode("cp1252"))))
    assert problem.reason.startswith("invalid JSON")


def test_unknown_kind_is_a_problem(write):
    path = write("x.txt", ARTICLE)
    items = list(read_source(Source(str(path), "pdf"), max_bytes=1000, overrides=Metadata()))
    assert only_error(items).reason == "unsupported input kind 'pdf'"
