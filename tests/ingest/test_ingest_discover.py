"""discover(): expanding paths into sources, deterministically, with problems for bad paths."""

from __future__ import annotations

import os
from pathlib import Path

from sitroom.ingest import AUTO, discover
from sitroom.records import Source


def make_tree(root: Path) -> None:
    for name in [
        "b.txt",
        "a.HTML",
        "README.md",
        "a.meta.json",
        "c.JSONL",
        "notes.json",
        ".hidden.txt",
        "sub/z.rss",
        "sub/y.atom",
        "sub/x.xml",
        "sub/page.htm",
        ".git/config.txt",
        "aa/inner.txt",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_directory_is_walked_in_sorted_order_skipping_readme_sidecars_and_hidden(tmp_path):
    make_tree(tmp_path)
    sources, problems = discover([str(tmp_path)])
    assert problems == []
    assert [(os.path.relpath(s.path, tmp_path), s.kind) for s in sources] == [
        ("a.HTML", "html"),
        ("aa/inner.txt", "text"),
        ("b.txt", "text"),
        ("c.JSONL", "jsonl"),
        ("notes.json", "json"),
        ("sub/page.htm", "html"),
        ("sub/x.xml", "feed"),
        ("sub/y.atom", "feed"),
        ("sub/z.rss", "feed"),
    ]


def test_discover_is_deterministic(tmp_path):
    make_tree(tmp_path)
    assert discover([str(tmp_path)]) == discover([str(tmp_path)])


def test_explicit_paths_keep_their_order_and_duplicates_are_read_once(tmp_path):
    make_tree(tmp_path)
    b, a = str(tmp_path / "b.txt"), str(tmp_path / "a.HTML")
    sources, problems = discover([b, a, b, str(tmp_path / "sub"), str(tmp_path / "sub/z.rss")])
    assert problems == []
    assert [os.path.relpath(s.path, tmp_path) for s in sources] == [
        "b.txt",
        "a.HTML",
        "sub/page.htm",
        "sub/x.xml",
        "sub/y.atom",
        "sub/z.rss",
    ]


def test_explicit_unsupported_file_is_a_problem(tmp_path):
    make_tree(tmp_path)
    readme = str(tmp_path / "README.md")
    sources, problems = discover([readme])
    assert sources == []
    (problem,) = problems
    assert problem.path == readme
    assert problem.severity == "error"
    assert problem.reason == (
        "unsupported file type .md; sitroom reads .txt .html .htm .json .jsonl .xml .rss .atom"
        " .warc .warc.gz"
    )


def test_missing_path_is_a_problem_and_others_still_count(tmp_path):
    make_tree(tmp_path)
    missing = str(tmp_path / "nope.txt")
    sources, problems = discover([missing, str(tmp_path / "b.txt")])
    assert [s.path for s in sources] == [str(tmp_path / "b.txt")]
    assert [(p.path, p.reason) for p in problems] == [(missing, "no such file or directory")]


def test_explicit_sidecar_is_skipped_with_a_warning(tmp_path):
    make_tree(tmp_path)
    sources, problems = discover([str(tmp_path / "a.meta.json")])
    assert sources == []
    assert [p.severity for p in problems] == ["warning"]


def test_explicit_hidden_file_is_read(tmp_path):
    make_tree(tmp_path)
    sources, _ = discover([str(tmp_path / ".hidden.txt")])
    assert sources == [Source(str(tmp_path / ".hidden.txt"), "text")]


def test_dash_means_standard_input(tmp_path):
    sources, problems = discover(["-", "-"])
    assert sources == [Source("-", AUTO)]
    assert problems == []


def test_file_without_extension(tmp_path):
    (tmp_path / "LICENSE").write_text("x", encoding="utf-8")
    _, problems = discover([str(tmp_path / "LICENSE")])
    assert problems[0].reason.startswith("unsupported file (no extension)")
