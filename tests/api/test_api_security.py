"""What the API refuses and hides: ingest without the token, big bodies, CORS, stack traces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitroom.analyse import Analyser
from sitroom.api import ApiConfig, create_app
from sitroom.api import app as api_app
from sitroom.cli import serve
from sitroom.pipeline import load_linker
from sitroom.store import queries

TOKEN = "correct horse battery staple"
ARTICLE = (
    b"Clash near the river\n\n"
    b"Police arrested twelve protesters in Lakeside on Monday, the city council said.\n"
)


@pytest.fixture
def ingest_client(
    tmp_path: Path, analyser: Analyser, monkeypatch: pytest.MonkeyPatch
) -> TestClient:
    monkeypatch.setattr(api_app, "_load_models", lambda settings: (analyser, load_linker()))
    config = ApiConfig(db=tmp_path / "ingest.db", ingest_token=TOKEN, max_body_bytes=10_000)
    return TestClient(create_app(config))


def test_ingest_is_off_without_a_configured_token(tmp_path: Path) -> None:
    client = TestClient(create_app(ApiConfig(db=tmp_path / "s.db")))
    response = client.post("/api/ingest", content=ARTICLE, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403
    assert response.json() == {
        "status": 403,
        "message": "ingest is off: start the server with an ingest token",
    }


@pytest.mark.parametrize("header", [None, "Bearer wrong", TOKEN, f"Basic {TOKEN}"])
def test_ingest_needs_the_bearer_token(ingest_client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = ingest_client.post("/api/ingest", content=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert ingest_client.get("/api/articles").json()["total"] == 0


def test_ingest_with_the_token_runs_the_pipeline(ingest_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    params = {"outlet": "Lakeside Courier", "published": "2024-05-08"}
    first = ingest_client.post("/api/ingest", content=ARTICLE, headers=auth, params=params)
    assert first.status_code == 200, first.text
    assert first.json()["new"] == 1
    assert first.json()["analysed"] == 1
    again = ingest_client.post("/api/ingest", content=ARTICLE, headers=auth, params=params)
    assert again.json()["already_stored"] == 1
    listing = ingest_client.get("/api/articles").json()
    assert listing["total"] == 1
    assert listing["items"][0]["outlet"] == "Lakeside Courier"
    assert ingest_client.get("/api/events").json()["total"] >= 1


def test_ingest_reports_bad_input_with_its_reason(ingest_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    binary = ingest_client.post("/api/ingest", content=b"\x00\x01\x02" * 50, headers=auth)
    assert binary.status_code == 422
    assert binary.json()["problems"][0]["reason"]
    empty = ingest_client.post("/api/ingest", content=b"", headers=auth)
    assert empty.status_code == 400
    bad_date = ingest_client.post(
        "/api/ingest", content=ARTICLE, headers=auth, params={"published": "last week"}
    )
    assert bad_date.status_code == 422
    assert ingest_client.get("/api/articles").json()["total"] == 0


def test_bodies_over_the_limit_are_refused(ingest_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = ingest_client.post("/api/ingest", content=b"x" * 10_001, headers=auth)
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_errors_never_show_a_stack_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(queries, "find_events", broken)
    client = TestClient(create_app(ApiConfig(db=tmp_path / "s.db")), raise_server_exceptions=False)
    response = client.get("/api/events")
    assert response.status_code == 500
    assert response.json() == {"status": 500, "message": "internal error"}


def test_cors_is_off_unless_an_origin_is_allowed(tmp_path: Path) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    closed = TestClient(create_app(ApiConfig(db=tmp_path / "s.db")))
    assert "access-control-allow-origin" not in closed.get("/api/events", headers=origin).headers
    opened = TestClient(
        create_app(ApiConfig(db=tmp_path / "s.db", cors_origins=("https://elsewhere.example",)))
    )
    allowed = opened.get("/api/events", headers=origin).headers
    assert allowed["access-control-allow-origin"] == "https://elsewhere.example"


def test_pages_carry_a_strict_content_security_policy(tmp_path: Path) -> None:
    client = TestClient(create_app(ApiConfig(db=tmp_path / "s.db")))
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_settings_in_the_page_cannot_close_their_script_element(tmp_path: Path) -> None:
    config = ApiConfig(db=tmp_path / "s.db", tile_url="https://t.example/</script><b>{z}")
    page = TestClient(create_app(config)).get("/").text
    assert "</script><b>" not in page


def test_serve_binds_to_loopback_by_default() -> None:
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
