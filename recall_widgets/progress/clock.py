"""The course's clock: UTC times as events write them, fixed by ``RECALL_NOW`` in tests."""

from __future__ import annotations

import datetime as dt
import os

__all__ = ["ENV_NOW", "format_time", "now", "parse_time"]

ENV_NOW = "RECALL_NOW"


def parse_time(text: str, what: str = "time") -> dt.datetime:
    """Parse an ISO 8601 time (``Z`` or an offset; none means UTC) into an aware UTC datetime.

    Raises ``ValueError`` naming ``what`` and showing the expected form.
    """
    try:
        value = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(
            f"{what} {text!r} is not an ISO 8601 time like 2025-01-06T09:00:00.000Z"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def format_time(value: dt.datetime) -> str:
    """A UTC time as events write it: ``2025-01-06T09:00:00.000Z`` (milliseconds, ``Z``)."""
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now() -> dt.datetime:
    """The current UTC time, or the time in ``RECALL_NOW`` when that is set (a fixed clock)."""
    fixed = os.environ.get(ENV_NOW, "").strip()
    if fixed:
        return parse_time(fixed, f"environment variable {ENV_NOW}")
    return dt.datetime.now(dt.UTC)
