"""The FastAPI application: the REST API plus the map page, read-only over one store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..config import Config, load_config
from ..ingest import open_store
from ..lookup.actors import ActorKB, load_kb
from . import basemap, errors
from .guard import QUERY_BUDGET, CatchAll, HostCheck, SecurityHeaders, allowed_hosts, install_budget
from .routes import router

STATIC = Path(__file__).with_name("static")
BUNDLE = ("index.html", "app.js", "app.css", "countries.json")
BUILD_HINT = "build it with: (cd web && npm ci && npm run build)"


class BundleMissing(RuntimeError):
    pass


def check_bundle(static: Path = STATIC) -> None:
    missing = [n for n in BUNDLE if not (static / n).is_file()]
    if missing:
        raise BundleMissing(
            f"the web page bundle is missing from {static} ({', '.join(missing)}); {BUILD_HINT}"
        )


def create_app(
    db: str,
    *,
    ui: bool = True,
    static: Path = STATIC,
    kb: ActorKB | None = None,
    hosts: Iterable[str] | None = None,
    query_budget: float = QUERY_BUDGET,
    config: Config | None = None,
) -> FastAPI:
    """The app over the store at ``db`` (path or SQLAlchemy URL), opened read-only; ``kb``: the
    actor knowledge base of the config (``Resources.kb``; default: the shipped one), loaded once.

    With ``ui`` the map page is served at ``/`` and a missing bundle raises :class:`BundleMissing`;
    ``/docs`` is Swagger UI from the bundle (no CDN), absent without it. ``hosts``: the ``Host``
    names answered (``guard.allowed_hosts``; None: any, for an app mounted behind a checked proxy);
    ``query_budget``: seconds each SQLite query may run (E060 past it; 0: unlimited); ``config``:
    the basemap's (tile URL, gazetteer cache; default: ``load_config()``)."""
    if ui:
        check_bundle(static)
    config = config or load_config()
    tiles = (basemap.tile_origin(config.basemap_tiles),) if config.basemap_tiles else ()  # E052 early
    kb = kb or load_kb()
    store = open_store(db, read_only=True, kb=kb)
    install_budget(store.engine, query_budget)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Dateline",
        version="0.1.0",
        summary="Conflict events extracted from news articles, with evidence",
        description='Read-only. Every error is `{"error": {status, code, message, details}}`. '
        "See docs/api.md.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.kb = kb
    errors.install(app)
    # added innermost first: security headers → Host check → gzip → catch-all → routes
    app.add_middleware(CatchAll)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    if hosts is not None:
        app.add_middleware(HostCheck, allowed=list(hosts))
    app.add_middleware(SecurityHeaders, img_src=tiles)
    app.include_router(router)
    basemap.mount(app, config)
    if ui:
        app.mount("/static", StaticFiles(directory=static), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(static / "index.html", headers={"Cache-Control": "no-cache"})

        if (static / "docs" / "index.html").is_file():

            @app.get("/docs", include_in_schema=False)
            def docs() -> FileResponse:
                return FileResponse(static / "docs" / "index.html", headers={"Cache-Control": "no-cache"})

    return app


def run(db: str, host: str = "127.0.0.1", port: int = 8000, kb: ActorKB | None = None,
        allowed_host: Iterable[str] = (), config: Config | None = None) -> None:  # fmt: skip
    """Serve ``db`` until interrupted (``dateline serve``); exits with a message if the page is not
    built. Answers only to the local names, ``host`` and ``allowed_host`` (DNS rebinding)."""
    import uvicorn

    try:
        app = create_app(db, kb=kb, hosts=allowed_hosts(host, allowed_host), config=config)
    except BundleMissing as exc:
        raise SystemExit(f"dateline serve: {exc}") from None
    uvicorn.run(app, host=host, port=port, log_level="info")
