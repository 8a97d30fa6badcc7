"""Serve a store over HTTP: the REST API (``/events`` …, OpenAPI at ``/docs``) and the map page."""

from .app import BundleMissing, create_app, run

__all__ = ["BundleMissing", "create_app", "run"]
