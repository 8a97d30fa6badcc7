"""One JSON error envelope for every error the API returns.

``{"error": {"status": 422, "code": "invalid_parameter", "message": "…", "details": …}}``
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

log = logging.getLogger("dateline.serve")

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
          422: "invalid_parameter", 500: "internal_error", 503: "unavailable"}  # fmt: skip


class ApiError(Exception):
    """An error with a status, a stable machine-readable code and a human message."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: Any = None


class ErrorEnvelope(BaseModel):
    error: ErrorBody


#: Documented on every route so the OpenAPI spec states the envelope, not FastAPI's default.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorEnvelope, "description": d}
    for s, d in (
        (400, "Host not allowed (E061)"),
        (404, "Not found"),
        (422, "Invalid parameter"),
        (500, "Internal error"),
        (503, "Query over its time budget (E060) or busy (E062)"),
    )
}


#: Routes with this tag answer FastAPI's own parameter checks (lengths, types) with 400, not 422.
BAD_REQUEST_TAG = "OGC API Features"


def envelope(status: int, code: str, message: str, details: Any = None) -> JSONResponse:
    body = {"error": {"status": status, "code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": list(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]


def install(app: FastAPI) -> None:
    """Route every error through :func:`envelope`."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return envelope(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # OGC API Features answers a bad parameter with 400 (its routes are tagged BAD_REQUEST_TAG)
        route = request.scope.get("route")
        status = 400 if BAD_REQUEST_TAG in (getattr(route, "tags", None) or ()) else 422
        return envelope(status, "invalid_parameter", "invalid request parameters", _validation_details(exc))

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, f"http_{exc.status_code}")
        resp = envelope(exc.status_code, code, str(exc.detail))
        resp.headers.update(exc.headers or {})
        return resp

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return envelope(500, "internal_error", "internal server error")
