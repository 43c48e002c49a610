"""Lazy rendering: a small set is rendered whole, a large one around the item on screen."""

from __future__ import annotations

import pytest

from recall_widgets.widgets.window import (
    EAGER_LIMIT,
    ENV_RENDER_ALL,
    WINDOW_AHEAD,
    WINDOW_BEHIND,
    window,
)


def test_a_small_set_is_rendered_whole() -> None:
    assert window(EAGER_LIMIT, 0, range(EAGER_LIMIT)) == list(range(EAGER_LIMIT))


def test_a_large_set_is_rendered_around_the_position() -> None:
    count = EAGER_LIMIT * 10
    shown = window(count, 500, range(count))
    assert shown == list(range(500 - WINDOW_BEHIND, 500 + WINDOW_AHEAD + 1))
    assert window(count, 0, range(count)) == list(range(WINDOW_AHEAD + 1))
    assert window(count, count + 7, range(count))[-1] == count - 1  # clamped to the last


def test_only_visible_items_count_but_the_one_on_screen_always_does() -> None:
    count = EAGER_LIMIT * 10
    even = range(0, count, 2)  # a level filter shows every other item
    shown = window(count, 101, even)  # the item on screen is hidden by the filter
    assert 101 in shown and all(i % 2 == 0 for i in shown if i != 101)
    assert len(shown) == 1 + WINDOW_BEHIND + WINDOW_AHEAD + 1


def test_render_all_renders_every_item(monkeypatch: pytest.MonkeyPatch) -> None:
    count = EAGER_LIMIT + 50
    monkeypatch.setenv(ENV_RENDER_ALL, "1")
    assert window(count, 0, range(count)) == list(range(count))
    monkeypatch.setenv(ENV_RENDER_ALL, "0")
    assert len(window(count, 0, range(count))) < count
