"""Flashcards, quizzes, open-recall prompts and checked coding exercises for Jupyter, from YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .deck.loader import ContentError, load_deck, load_decks
from .deck.model import Card, Choice, Concept, Deck, Prompt, Question

if TYPE_CHECKING:
    from .progress.identity import set_learner
    from .progress.sender import connect_pulse
    from .widgets.assets import asset_files
    from .widgets.dashboard import Dashboard
    from .widgets.exercise import Exercise
    from .widgets.flashcards import Flashcards
    from .widgets.quiz import Quiz, Score
    from .widgets.recall_prompt import RecallPrompt
    from .widgets.review import Review

# The widgets import anywidget and ipywidgets; load them on first use so that the command line
# (`recall-widgets validate`) and plain deck loading stay fast. Likewise __version__.
_LAZY = {
    "asset_files": "widgets.assets",
    "connect_pulse": "progress.sender",
    "set_learner": "progress.identity",
    "Dashboard": "widgets.dashboard",
    "Exercise": "widgets.exercise",
    "Flashcards": "widgets.flashcards",
    "Quiz": "widgets.quiz",
    "Score": "widgets.quiz",
    "RecallPrompt": "widgets.recall_prompt",
    "Review": "widgets.review",
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("recall-widgets")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs ~40 ms: only when asked
        value = globals()["__version__"] = _version()
        return value
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Card",
    "Choice",
    "Concept",
    "ContentError",
    "Dashboard",
    "Deck",
    "Exercise",
    "Flashcards",
    "Prompt",
    "Question",
    "Quiz",
    "RecallPrompt",
    "Review",
    "Score",
    "__version__",
    "asset_files",
    "connect_pulse",
    "load_deck",
    "load_decks",
    "set_learner",
]
