"""HTML pages: the main text and metadata found by trafilatura, and HTML fragments as text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sitroom.errors import MalformedInputError, NoMainTextError
from sitroom.ingest.metadata import clean_field, parse_iso_date
from sitroom.records import Metadata, Problem, RawDocument

# Elements whose boundaries are paragraph breaks when an HTML fragment becomes text.
_BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    )
)
_DROPPED_TAGS = ("script", "style", "noscript", "template", "head", "title")
_WORD = re.compile(r"\w+")
_CHROME_TAGS = ("a", "nav", "header", "footer", "aside", "menu", "button")
_SPACE_RUN = re.compile(r"\s+")
_BLANK_RUN = re.compile(r"\n{3,}")


def read_html(name: str, text: str, metadata: Metadata) -> Iterator[RawDocument | Problem]:
    """Yield the one document of an HTML page, with warnings about metadata it had to drop.

    Raises NoMainTextError when the page has no main text (only navigation, or nothing), and
    MalformedInputError when the page cannot be parsed at all.
    """
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
        if tree is None:
            raise NoMainTextError(name, "no main text found in HTML page")
        link_words = _link_words(tree)
        # Passing the parsed tree (never a URL) means trafilatura has nothing to fetch.
        found: Any = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except NoMainTextError:
        raise
    except Exception as exc:
        # trafilatura and lxml raise many kinds of errors on broken pages; one page must not
        # stop a batch, so every failure becomes this page's problem.
        raise MalformedInputError(name, f"cannot parse HTML: {_short(exc)}") from exc
    body = (getattr(found, "text", None) or "") if found is not None else ""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if not lines or _only_links(lines, link_words):
        raise NoMainTextError(name, "no main text found in HTML page")
    own, warnings = _page_metadata(name, found)
    yield from warnings
    # trafilatura puts one paragraph per line; sitroom separates paragraphs by a blank line.
    yield RawDocument(
        source=name, text="\n\n".join(lines), metadata=metadata.merged_over(own), kind="html"
    )


def _page_metadata(name: str, found: Any) -> tuple[Metadata, list[Problem]]:
    def field(attribute: str) -> str | None:
        value = getattr(found, attribute, None)
        return clean_field(value) if isinstance(value, str) else None

    warnings: list[Problem] = []
    published = None
    raw_date = field("date")
    if raw_date is not None:
        published = parse_iso_date(raw_date)
        if published is None:
            # A bad date in a page's markup is the site's fault: keep the article, lose the date.
            warnings.append(
                Problem(
                    name,
                    f"ignored unparseable date in page metadata: {raw_date!r}",
                    severity="warning",
                )
            )
    own = Metadata(
        outlet=field("sitename"),
        url=field("url"),
        title=field("title"),
        author=field("author"),
        published=published,
    )
    return own, warnings


def _link_words(tree: Any) -> set[str]:
    """Return the words of the page's links and navigation chrome (menus, headers, footers)."""
    words: set[str] = set()
    for element in tree.iter(*_CHROME_TAGS):
        words.update(w.casefold() for w in _WORD.findall(element.text_content() or ""))
    return words


def _only_links(lines: list[str], link_words: set[str]) -> bool:
    """True when the 'main text' is made only of link and menu labels: chrome, not an article.

    trafilatura falls back to any text it finds, so a page that is only navigation would
    otherwise come back as an article reading "Home News Sport".
    """
    words = [w.casefold() for line in lines for w in _WORD.findall(line)]
    return not words or all(w in link_words for w in words)


def html_fragment_to_text(markup: str) -> str:
    """Return the text of an HTML fragment (a feed entry), with blank lines between blocks."""
    if "<" not in markup and "&" not in markup:
        return markup
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup
    etree.strip_elements(
        root, *_DROPPED_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False
    )
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append("\n\n")
            elif tag == "br":
                parts.append("\n")
            if element.text:
                parts.append(_SPACE_RUN.sub(" ", element.text))
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n\n")
            # The root's tail is outside the fragment.
            if element.tail and element is not root:
                parts.append(_SPACE_RUN.sub(" ", element.tail))
    lines = "\n".join(line.strip() for line in "".join(parts).split("\n"))
    return _BLANK_RUN.sub("\n\n", lines).strip()


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."
