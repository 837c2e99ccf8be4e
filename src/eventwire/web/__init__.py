"""The analyst's read-only web view over the event store (FastAPI, server-rendered, no JavaScript)."""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
