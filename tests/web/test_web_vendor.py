"""The /vendor allow-list and the missing-libraries message, without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient

import sitroom.web
from sitroom.api import ApiConfig, create_app
from sitroom.cli import main
from sitroom.web import INSTALL_HINT, Vendor


@pytest.fixture
def fake_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A node_modules holding only a stand-in leaflet.js and a file outside the allow-list."""
    modules = tmp_path / "node_modules"
    (modules / "leaflet" / "dist").mkdir(parents=True)
    (modules / "leaflet" / "dist" / "leaflet.js").write_text("/* stand-in */")
    (modules / "leaflet" / "package.json").write_text("{}")
    monkeypatch.setattr(sitroom.web, "NODE_MODULES", modules)
    return modules


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(ApiConfig(db=tmp_path / "sitroom.db")))


def page_settings(client: TestClient) -> dict[str, object]:
    page = client.get("/").text
    start = page.index('type="application/json">') + len('type="application/json">')
    return dict(json.loads(page[start : page.index("</script>", start)]))


def test_only_allowed_files_are_served(fake_modules: Path, client: TestClient) -> None:
    served = client.get("/vendor/leaflet.js")
    assert served.status_code == 200
    assert served.text == "/* stand-in */"
    assert "javascript" in served.headers["content-type"]
    for path in (
        "/vendor/leaflet/package.json",
        "/vendor/leaflet/dist/leaflet.js",
        "/vendor/../__init__.py",
        "/vendor/%2e%2e/vendor.json",
        "/vendor/",
    ):
        assert client.get(path).status_code == 404, path
    # Allowed but not installed.
    assert client.get("/vendor/markercluster.js").status_code == 404


def test_page_is_told_when_libraries_are_missing(fake_modules: Path, client: TestClient) -> None:
    assert page_settings(client)["librariesMissing"] == INSTALL_HINT
    for name in Vendor.load().files:
        path = fake_modules / Vendor.load().files[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert page_settings(client)["librariesMissing"] is None


def test_allow_list_stays_inside_node_modules() -> None:
    vendor = Vendor.load()
    assert vendor.files
    for relative in vendor.files.values():
        assert ".." not in relative.parts
        assert not relative.is_absolute()


def test_serve_warns_without_libraries(
    fake_modules: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    result = cli.invoke(main, ["serve", "--db", "served.db"])
    assert result.exit_code == 0, result.output
    assert f"warning: {INSTALL_HINT}" in result.output
