"""Each source kind read on small inputs written for the test: text, HTML, JSON, JSONL, feeds."""

from __future__ import annotations

import io
import json
import socket

import pytest

from sitroom.ingest import STDIN_NAME, read_source
from sitroom.ingest.html import html_fragment_to_text
from sitroom.ingest.sources import sniff
from sitroom.records import Metadata, RawDocument, Source

PAGE = """<!doctype html>
<html lang="en"><head><title>Ferry back on the river | Lakeside Gazette</title>
<meta property="og:site_name" content="Lakeside Gazette">
<meta property="og:title" content="Ferry back on the river">
<meta name="author" content="Jo Miller">
<meta property="article:published_time" content="2020-03-04T10:00:00+01:00">
<link rel="canonical" href="https://gazette.example/news/ferry">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry back on the river</h1>
<p>The small river ferry started running again on Monday after a month of repairs to its engine.</p>
<p>Town officials said the boat would make six crossings a day until the end of the summer.</p>
<p>Riders said they were glad to skip the long drive around the lake to reach the market.</p>
</article>
<footer>Contact the newsroom</footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Courier</title><link>https://courier.example/</link>
<item><title>Bridge reopens</title><link>https://courier.example/1</link>
<pubDate>Tue, 17 Jun 2014 23:30:00 -0500</pubDate><author>desk@courier.example (Ann Lee)</author>
<description>&lt;p&gt;The bridge opened again on Tuesday.&lt;/p&gt;
&lt;p&gt;Traffic was light.&lt;/p&gt;</description></item>
<item><title>Market day moved</title><link>https://courier.example/2</link>
<pubDate>Mon, 16 Jun 2014 08:00:00 GMT</pubDate>
<description>The weekly market moves to Friday.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Times</title>
<entry><title type="html">Snow &amp;amp; ice close the pass</title>
<link href="https://hill.example/a"/><updated>2014-06-16T23:00:00+02:00</updated>
<author><name>Bo Park</name></author>
<summary>Short summary only.</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
<p>The mountain pass closed at noon.</p><p>Crews expect to <b>reopen</b> it on Friday.</p>
</div></content>
</entry></feed>
"""


def test_text_file_is_one_document_with_headline_lookup(write, read, docs):
    (doc,) = docs(read(write("note.txt", "Dam opens\n\nThe dam opened today.\n")))
    assert doc.kind == "text"
    assert doc.title_from_first_line
    assert doc.line is None
    assert doc.text == "Dam opens\n\nThe dam opened today.\n"


def test_html_page_main_text_and_metadata(write, read, docs, problems):
    items = read(write("ferry.html", PAGE))
    (doc,) = docs(items)
    assert not problems(items)
    assert doc.kind == "html"
    assert not doc.title_from_first_line
    paragraphs = doc.text.split("\n\n")
    assert "The small river ferry started running again on Monday" in paragraphs[1]
    assert paragraphs[-1].startswith("Riders said")
    assert "Home" not in doc.text
    assert "Contact the newsroom" not in doc.text
    meta = doc.metadata
    assert meta.title == "Ferry back on the river"
    assert meta.outlet == "Lakeside Gazette"
    assert meta.author == "Jo Miller"
    assert meta.published == "2020-03-04"
    assert meta.url == "https://gazette.example/news/ferry"


def test_html_reading_never_touches_the_network(write, read, docs, monkeypatch):
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access during HTML extraction")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    (doc,) = docs(read(write("ferry.htm", PAGE)))
    assert doc.metadata.url == "https://gazette.example/news/ferry"


def test_html_with_xml_declaration_and_cp1252(write, read, docs, problems):
    page = PAGE.replace("<!doctype html>", '<?xml version="1.0" encoding="windows-1252"?>')
    page = page.replace("small river ferry", "small café ferry")
    items = read(write("old.html", page.encode("cp1252")))
    (doc,) = docs(items)
    assert "small café ferry" in doc.text
    assert [p.severity for p in problems(items)] == ["warning"]


def test_json_list_gives_one_document_per_object(write, read, docs, problems):
    records = [
        {
            "text": "The first report.",
            "title": "One",
            "outlet": "Courier",
            "published": "2014-06-16",
        },
        {
            "text": "The second report.",
            "url": "https://x.example/2",
            "wire": "AP",
            "author": ["Ann Lee", "Bo Park"],
            "published": "2014-06-17T23:30:00-05:00",
            "language": "en-GB",
            "extra": {"ignored": True},
        },
    ]
    items = read(write("two.json", json.dumps(records)))
    assert not problems(items)
    first, second = docs(items)
    assert (first.line, second.line) == (1, 2)
    assert first.kind == "json"
    assert first.metadata == Metadata(outlet="Courier", title="One", published="2014-06-16")
    assert second.metadata == Metadata(
        wire="AP",
        url="https://x.example/2",
        author="Ann Lee, Bo Park",
        published="2014-06-17",
        language="en",
    )
    assert not first.title_from_first_line


def test_json_single_object(write, read, docs):
    (doc,) = docs(read(write("one.json", '{"text": "A single report."}')))
    assert doc.line is None
    assert doc.text == "A single report."


def test_jsonl_lines(write, read, docs, problems):
    lines = [
        json.dumps({"text": "First line report.", "title": "First"}),
        "   ",
        json.dumps({"text": "Third line report with a\u2028line separator inside."}),
    ]
    items = read(write("reports.jsonl", "\r\n".join(lines)))
    assert not problems(items)
    first, third = docs(items)
    assert (first.line, third.line) == (1, 3)
    assert first.metadata.title == "First"
    assert third.kind == "jsonl"
    assert "\u2028" in third.text


def test_rss_feed(write, read, docs, problems):
    items = read(write("courier.rss", RSS))
    assert not problems(items)
    first, second = docs(items)
    assert (first.line, second.line) == (1, 2)
    assert first.kind == "feed"
    assert first.text == "The bridge opened again on Tuesday.\n\nTraffic was light."
    assert first.metadata == Metadata(
        outlet="Valley Courier",
        url="https://courier.example/1",
        title="Bridge reopens",
        author="Ann Lee",
        # The date as the outlet wrote it, not moved to the next day by a UTC conversion.
        published="2014-06-17",
    )
    assert second.text == "The weekly market moves to Friday."
    assert second.metadata.published == "2014-06-16"


def test_atom_feed(write, read, docs, problems):
    items = read(write("hill.atom", ATOM))
    assert not problems(items)
    (doc,) = docs(items)
    # Full content wins over the summary, with its paragraphs kept apart.
    assert "The mountain pass closed at noon." in doc.text
    assert "Crews expect to reopen it on Friday." in doc.text
    assert "\n\n" in doc.text
    assert "Short summary" not in doc.text
    assert doc.metadata == Metadata(
        outlet="Hill Times",
        url="https://hill.example/a",
        title="Snow & ice close the pass",
        author="Bo Park",
        published="2014-06-16",
    )


def test_feed_with_a_bad_date_keeps_the_entry(write, read, docs, problems):
    rss = RSS.replace("Mon, 16 Jun 2014 08:00:00 GMT", "sometime last week")
    items = read(write("dates.xml", rss))
    assert len(docs(items)) == 2
    assert docs(items)[1].metadata.published is None
    (warning,) = problems(items)
    assert warning.severity == "warning"
    assert warning.line == 2
    assert "sometime last week" in warning.reason


def test_feed_recovered_from_broken_xml_warns(write, read, docs, problems):
    rss = RSS.replace("<title>Market day moved</title>", "<title>Market & day</title>")
    items = read(write("loose.xml", rss))
    assert len(docs(items)) >= 1
    (warning,) = problems(items)
    assert warning.severity == "warning"
    assert warning.reason.startswith("broken feed XML, read leniently")


def test_html_fragment_to_text_keeps_paragraphs():
    text = html_fragment_to_text(
        "<p>One\n two.</p><script>bad()</script><!-- note --><p>Three<br>four &amp; five.</p>"
    )
    assert text == "One two.\n\nThree\nfour & five."
    assert html_fragment_to_text("plain < text") == "plain < text"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b'{"text": "One."}', "json"),
        (b'[{"text": "One."}]', "json"),
        (b'{\n  "text": "One."\n}\n', "json"),
        (b'{"text": "One."}\n{"text": "Two."}\n', "jsonl"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"></rss>', "feed"),
        (b"<rss version='2.0'></rss>", "feed"),
        (b"  <feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        (b"<rdf:RDF></rdf:RDF>", "feed"),
        (b"<!DOCTYPE html><html></html>", "html"),
        (b"<html><body>x</body></html>", "html"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"></html>', "html"),
        (b"\xef\xbb\xbfPlain words.", "text"),
        (b"Plain words.", "text"),
    ],
)
def test_sniffing(content, kind):
    assert sniff(content) == kind


def test_stdin_is_sniffed_and_named(docs):
    data = b'{"text": "From a pipe.", "title": "Piped"}\n{"text": "Second."}\n'
    items = list(read_source(Source("-", "auto"), max_bytes=10_000, stdin=io.BytesIO(data)))
    first, second = docs(items)
    assert first.kind == "jsonl"
    assert first.source == STDIN_NAME
    assert (first.line, second.line) == (1, 2)
    assert first.metadata.title == "Piped"


def test_stdin_feed_and_text(docs):
    items = list(read_source(Source("-", "auto"), max_bytes=10_000, stdin=io.BytesIO(RSS.encode())))
    assert [d.kind for d in docs(items)] == ["feed", "feed"]
    items = list(
        read_source(
            Source("-", "auto"), max_bytes=10_000, stdin=io.BytesIO(b"Dam opens\n\nIt did.")
        )
    )
    (doc,) = docs(items)
    assert doc.kind == "text"
    assert doc.title_from_first_line


def test_stdin_over_the_limit():
    items = list(read_source(Source("-", "auto"), max_bytes=100, stdin=io.BytesIO(b"x" * 101)))
    assert len(items) == 1
    assert not isinstance(items[0], RawDocument)
    assert items[0].reason == "larger than the 100 bytes limit"
    assert items[0].path == STDIN_NAME


def test_stdin_gets_overrides(docs):
    items = list(
        read_source(
            Source("-", "text"),
            max_bytes=1000,
            overrides=Metadata(outlet="Piped Press"),
            stdin=io.BytesIO(b"Some words here."),
        )
    )
    (doc,) = docs(items)
    assert doc.metadata.outlet == "Piped Press"
