"""The REST API and web page: FastAPI routes, each a thin shell over one library function."""

import hmac
import io
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from sitroom.errors import ConfigError, NotFoundError, SitroomError
from sitroom.records import Metadata
from sitroom.settings import Settings
from sitroom.store import Store as AnyStore
from sitroom.store import is_postgres_url, open_store, open_store_readonly, store_location
from sitroom.store import queries as q

if TYPE_CHECKING:
    from sitroom.analyse import Analyser
    from sitroom.pipeline import Linker

ExportFormat = Literal["jsonl", "csv", "geojson"]
Limit = Annotated[int, Query(ge=1, le=q.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
TextFilter = Annotated[str | None, Query(max_length=q.MAX_TEXT_QUERY)]


@dataclass(frozen=True, slots=True)
class ApiConfig:
    """How the app serves: its store, who may ingest, and the limits on requests."""

    db: Path | str
    """The store: a SQLite file, or a ``postgresql://`` URL."""
    ingest_token: str | None = None
    max_body_bytes: int = 5 * 1024 * 1024
    cors_origins: tuple[str, ...] = ()
    tile_url: str | None = None


@dataclass(frozen=True, slots=True)
class Ingester:
    """Runs the pipeline for POST /api/ingest: one request at a time, models loaded once."""

    settings: Settings
    load: Callable[[Settings], tuple["Analyser", "Linker"]]
    _lock: threading.Lock
    _loaded: list[tuple["Analyser", "Linker"]]

    @classmethod
    def create(cls, settings: Settings) -> "Ingester":
        """An ingester that loads the analyser and linker on first use."""
        return cls(settings, _load_models, threading.Lock(), [])

    def ingest(self, data: bytes, *, overrides: Metadata) -> dict[str, Any]:
        """Ingest, analyse and link one uploaded input; return the run report as JSON."""
        from sitroom.pipeline import run

        with self._lock:
            if not self._loaded:
                self._loaded.append(self.load(self.settings))
            analyser, linker = self._loaded[0]
            with open_store(store_location(self.settings)) as store:
                report = run(
                    ["-"],
                    store=store,
                    settings=self.settings,
                    analyser=analyser,
                    linker=linker,
                    overrides=overrides,
                    stdin=io.BytesIO(data),
                )
        return {
            "ok": report.ok,
            "new": report.new,
            "already_stored": report.already_stored,
            "near_duplicates": report.near_duplicates,
            "not_english": report.not_english,
            "analysed": report.analysed,
            "linked": report.linked,
            "problems": [
                {"path": p.path, "line": p.line, "reason": p.reason, "severity": p.severity}
                for p in report.problems
            ],
        }


def _load_models(settings: Settings) -> tuple["Analyser", "Linker"]:
    from sitroom.analyse import load_analyser
    from sitroom.pipeline import load_linker

    return load_analyser(settings), load_linker()


def create_app(config: ApiConfig, *, settings: Settings | None = None) -> FastAPI:
    """Build the app over the store at ``config.db`` (migrated once, then read per request)."""
    with open_store(config.db):
        pass
    base = settings or Settings()
    ingester = Ingester.create(
        base.replace(database_url=config.db)
        if is_postgres_url(config.db)
        else base.replace(db=Path(config.db), database_url="")
    )
    app = FastAPI(
        title="sitroom",
        summary="Corroborated, geocoded, source-cited events from news reports.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET"]
        )

    def store() -> Iterator[AnyStore]:
        with open_store_readonly(config.db) as opened:
            yield opened

    Store = Annotated[AnyStore, Depends(store)]
    _add_error_handlers(app, config)
    _add_web_routes(app, config)

    def event_query(
        *,
        start: date | None = None,
        end: date | None = None,
        bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
        type: Annotated[list[str], Query(description="PLOVER type; repeat for several")] = [],  # noqa: B006
        acled: Annotated[list[str], Query(description="ACLED event type; repeatable")] = [],  # noqa: B006
        modality: Annotated[list[str], Query(description="Modality; repeatable")] = [],  # noqa: B006
        actor: Annotated[str | None, Query(max_length=q.MAX_TEXT_QUERY)] = None,
        place: Annotated[str | None, Query(max_length=q.MAX_TEXT_QUERY)] = None,
        text: Annotated[str | None, Query(alias="q", max_length=q.MAX_TEXT_QUERY)] = None,
        story: str | None = None,
        min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
        sort: q.EventSort = "-date",
    ) -> q.EventQuery:
        return q.EventQuery(
            start=start,
            end=end,
            bbox=q.BoundingBox.parse(bbox) if bbox else None,
            types=tuple(type),
            acled_types=tuple(acled),
            modalities=tuple(modality),
            actor=actor,
            place=place,
            text=text,
            story_id=story,
            min_sources=min_sources,
            sort=sort,
        )

    Events = Annotated[q.EventQuery, Depends(event_query)]

    @app.get("/api/events", summary="Events, filtered, sorted and paged")
    def events(
        db: Store,
        query: Events,
        *,
        limit: Limit = 100,
        offset: Offset = 0,
        fields: q.EventFields = "full",
        count: Annotated[bool, Query(description="false: skip the total (-1)")] = True,
    ) -> JSONResponse:
        page = q.find_events(db, query, limit=limit, offset=offset, fields=fields, count=count)
        # Records are plain JSON already: answering them directly skips FastAPI's re-encoding
        # of every nested value, the larger part of the time of a page of 500.
        return JSONResponse(page.to_json())

    @app.get("/api/events/histogram", summary="Matching events counted by day or month")
    def histogram(
        db: Store, query: Events, bucket: Literal["day", "month"] = "day"
    ) -> dict[str, Any]:
        return {"items": q.event_histogram(db, query, bucket=bucket)}

    @app.get("/api/events/grid", summary="Matching events counted in cells of the map")
    def grid(
        db: Store, query: Events, cell: Annotated[float, Query(ge=0.01, le=90)] = 1.0
    ) -> dict[str, Any]:
        return {"items": q.event_grid(db, query, cell=cell)}

    @app.get("/api/events/{event_id}", summary="One event with its evidence sentences")
    def event(db: Store, event_id: str) -> dict[str, Any]:
        return q.get_event(db, event_id)

    @app.get("/api/articles", summary="Articles (without text), newest first or by search")
    def articles(
        db: Store,
        text: Annotated[str | None, Query(alias="q", max_length=q.MAX_TEXT_QUERY)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return q.find_articles(db, text=text, limit=limit, offset=offset).to_json()

    @app.get("/api/articles/{article_id}", summary="One article with the spans found in it")
    def article(db: Store, article_id: str) -> dict[str, Any]:
        return q.get_article(db, article_id)

    @app.get("/api/stories", summary="Stories, most recent first")
    def stories(db: Store, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return q.find_stories(db, limit=limit, offset=offset).to_json()

    @app.get("/api/stories/{story_id}", summary="One story: cited summary and outlet comparison")
    def story(db: Store, story_id: str) -> dict[str, Any]:
        from sitroom.link.views import story_comparison, story_view

        view = story_view(db, story_id).to_json()
        view["comparison"] = story_comparison(db, story_id).to_json()
        return view

    @app.get("/api/quotes", summary="Quotes with their speakers")
    def quotes(
        db: Store,
        *,
        speaker: Annotated[str | None, Query(max_length=q.MAX_TEXT_QUERY)] = None,
        article: str | None = None,
        text: Annotated[str | None, Query(alias="q", max_length=q.MAX_TEXT_QUERY)] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        page = q.find_quotes(
            db, speaker=speaker, article_id=article, text=text, limit=limit, offset=offset
        )
        return page.to_json()

    @app.get("/api/places", summary="Who held which place, and when")
    def places(db: Store) -> dict[str, Any]:
        from sitroom.link.views import place_control

        periods = [period.to_json() for period in place_control(db)]
        return {"items": periods, "total": len(periods)}

    @app.get("/api/export", summary="Events as a streamed export, with the /api/events filters")
    def export(query: Events, format: ExportFormat = "jsonl") -> StreamingResponse:
        from sitroom.export import export_chunks

        media = {
            "jsonl": "application/x-ndjson",
            "csv": "text/csv; charset=utf-8",
            "geojson": "application/geo+json",
        }

        def chunks() -> Iterator[str]:
            # The response outlives the request's dependencies, so it keeps its own connection.
            with open_store_readonly(config.db) as opened:
                yield from export_chunks(q.iter_events(opened, query), "events", format)

        return StreamingResponse(
            chunks(),
            media_type=media[format],
            headers={"Content-Disposition": f'attachment; filename="events.{format}"'},
        )

    @app.post("/api/ingest", summary="Ingest one input (needs the configured bearer token)")
    async def ingest(
        request: Request,
        outlet: str | None = None,
        published: date | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> JSONResponse:
        _authorise(config, request.headers.get("authorization"))
        body = await _read_body(request, config.max_body_bytes)
        overrides = Metadata(
            outlet=outlet,
            url=url,
            title=title,
            published=published.isoformat() if published else None,
        )
        result = await run_in_threadpool(ingester.ingest, body, overrides=overrides)
        return JSONResponse(result, status_code=200 if result["ok"] else 422)

    return app


def _add_error_handlers(app: FastAPI, config: ApiConfig) -> None:
    """JSON errors with a status and a message, never a stack trace; headers on every answer."""

    @app.exception_handler(SitroomError)
    async def sitroom_error(request: Request, exc: SitroomError) -> JSONResponse:
        status = (
            404 if isinstance(exc, NotFoundError) else 400 if isinstance(exc, ConfigError) else 500
        )
        message = str(exc) if status != 500 else "the store could not answer this request"
        return _error(status, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(part) for part in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        ]
        return _error(422, "; ".join(problems) or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal error")

    @app.middleware("http")
    async def limits(request: Request, call_next: Any) -> Any:
        declared = request.headers.get("content-length")
        too_big = declared is not None and (
            not declared.isdigit() or int(declared) > config.max_body_bytes
        )
        if too_big:
            return _error(413, f"request body over {config.max_body_bytes} bytes")
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Content-Security-Policy"] = _csp(config)
        return response


def _add_web_routes(app: FastAPI, config: ApiConfig) -> None:
    """The web page, its static files, and the allow-listed map libraries from node_modules."""
    from fastapi.responses import FileResponse

    from sitroom.web import INSTALL_HINT, Vendor

    web = resources.files("sitroom.web")
    vendor = Vendor.load()

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = web.joinpath("index.html").read_text("utf-8")
        # Checked per request so that running npm ci while the server is up needs no restart.
        settings = {
            "tileUrl": config.tile_url,
            "librariesMissing": INSTALL_HINT if vendor.missing() else None,
        }
        # "<" escaped so that no setting can close the script element it sits in.
        settings_json = json.dumps(settings).replace("<", "\\u003c")
        return Response(page.replace("{{SETTINGS}}", settings_json), media_type="text/html")

    @app.get("/vendor/{name:path}", include_in_schema=False)
    def vendor_file(name: str) -> Response:
        path = vendor.path(name)
        if path is None:
            raise HTTPException(404, f"not an allowed vendor file, or {INSTALL_HINT}")
        # Pinned versions: a day's caching spares the analyst's browser the 750 kB atlas.
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=str(web.joinpath("static"))), name="static")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"status": status, "message": message}, status_code=status)


def _csp(config: ApiConfig) -> str:
    tiles = " https:" if config.tile_url else ""
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:{tiles}; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )


def _authorise(config: ApiConfig, header: str | None) -> None:
    if not config.ingest_token:
        raise HTTPException(403, "ingest is off: start the server with an ingest token")
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.encode("utf-8"), config.ingest_token.encode("utf-8")
    ):
        raise HTTPException(401, "a valid bearer token is needed to ingest")


async def _read_body(request: Request, limit: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"request body over {limit} bytes")
    if not body:
        raise HTTPException(400, "empty request body")
    return bytes(body)
