"""The course's further Flask session topics, in one import: CSRF, flashes, tests, caching,
request hooks, what the cookie can carry.

Each ``show_*`` demo raises :class:`~flask_course.demo.DemoError` if Flask behaves
otherwise. They live in three modules, by theme, and are all importable from here:

- :mod:`flask_course.csrf`: :func:`show_csrf`, :func:`make_csrf_app`;
- :mod:`flask_course.lifecycle`: :func:`show_flashes`,
  :func:`show_session_transaction`, :func:`show_vary_cookie`, :func:`show_where_saved`,
  :func:`show_session_new_and_accessed`, :func:`make_hooks_app`;
- :mod:`flask_course.serialization`: :func:`show_tagged_json`,
  :func:`show_compressed_cookie`, :func:`make_tagged_app`.

Example
-------
>>> from flask_course.topics import show_where_saved
>>> print(show_where_saved())
Where a change to the session is saved
- cookie payload after one request to /hello: {'after_request': 'ran'}
- set in an after_request function: saved (the session is saved after them)
- set in a teardown_request function: lost (the cookie was already written)
"""

from __future__ import annotations

from .csrf import CROSS_SITE_HEADERS, make_csrf_app, show_csrf
from .lifecycle import (
    make_hooks_app,
    show_flashes,
    show_session_new_and_accessed,
    show_session_transaction,
    show_vary_cookie,
    show_where_saved,
)
from .serialization import (
    TAGGED_VALUES,
    make_tagged_app,
    show_compressed_cookie,
    show_tagged_json,
)

__all__ = [
    "CROSS_SITE_HEADERS",
    "TAGGED_VALUES",
    "make_csrf_app",
    "make_hooks_app",
    "make_tagged_app",
    "show_compressed_cookie",
    "show_csrf",
    "show_flashes",
    "show_session_new_and_accessed",
    "show_session_transaction",
    "show_tagged_json",
    "show_vary_cookie",
    "show_where_saved",
]
