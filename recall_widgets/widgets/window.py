"""Lazy rendering: which items a widget renders now, out of all the items it shows.

Each widget syncs a light list of item ids (``ids``) for its whole set, and a dict ``content``
of rendered HTML (plus the little data the browser needs to check an answer) for a *window* of
items only. When the browser moves ``position``, Python renders the next window (the Markdown
renderer is cached). When the set has at most :data:`EAGER_LIMIT` items (a lesson) everything is
rendered at construction, so a saved widget state also works with no kernel (a static HTML
export). A browser that reaches an item not rendered yet shows "Loading…" until ``content``
arrives.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence

__all__ = ["EAGER_LIMIT", "ENV_RENDER_ALL", "WINDOW_AHEAD", "WINDOW_BEHIND", "window"]

EAGER_LIMIT = 200
"""Sets up to this size are rendered entirely at construction (works with no kernel)."""
ENV_RENDER_ALL = "RECALL_RENDER_ALL"
"""Set (to anything but ``""``/``0``) to render every item at construction whatever the size:
``recall-widgets export-html`` sets it, so a static page holds all items of a large deck."""
WINDOW_AHEAD = 20
"""Items rendered after the current one in a large set."""
WINDOW_BEHIND = 5
"""Items rendered before the current one in a large set."""


def window(count: int, position: int, visible: Sequence[int]) -> list[int]:
    """The indexes to render, in order: all of a small set, else the item at ``position`` and
    the :data:`WINDOW_BEHIND` before and :data:`WINDOW_AHEAD` after it among ``visible`` (the
    sorted indexes the learner can move between).

    Example
    -------
    >>> window(3, 0, [0, 1, 2])
    [0, 1, 2]
    >>> len(window(1000, 500, range(1000))) == 1 + WINDOW_BEHIND + WINDOW_AHEAD
    True
    """
    if count <= EAGER_LIMIT or os.environ.get(ENV_RENDER_ALL, "") not in ("", "0"):
        return list(range(count))
    position = min(max(position, 0), count - 1)
    rank = bisect.bisect_left(visible, position)
    start = max(0, rank - WINDOW_BEHIND)
    return sorted({position, *visible[start : rank + WINDOW_AHEAD + 1]})
