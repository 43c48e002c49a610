"""A learner's kernel for the pulse's tests: the widgets' Python API, driven by JSON lines.

Each line read is one action; each answer one JSON line: ``answer`` (a question, choices),
``rate`` (a card), ``concepts`` (a prompt), ``flush`` (wait for the pulse's acknowledgements),
``status``, ``quit``. The kernel reports to the pulse through ``RECALL_PULSE`` and
``RECALL_PULSE_TOKEN`` in its environment, as a learner's would.
"""

from __future__ import annotations

import json
import sys
import time

from recall_widgets import Flashcards, Quiz, RecallPrompt, load_deck
from recall_widgets.progress.sender import active_sender


def main(deck_path: str) -> None:
    deck = load_deck(deck_path)
    quiz, cards, prompts = Quiz(deck), Flashcards(deck), RecallPrompt(deck)
    for line in sys.stdin:
        command = json.loads(line)
        action = command["action"]
        sender = active_sender()
        reply: dict[str, object] = {"ok": True}
        if action == "answer":
            reply["correct"] = quiz.answer(command["item"], command["choices"])
            reply["notice"] = quiz.notice
        elif action == "rate":
            cards.go_to(command["item"])
            cards.flip()
            cards.rate(command["rating"])
        elif action == "concepts":
            prompts.check(command["checked"], command["item"])
        elif action == "flush":
            started = time.monotonic()
            reply["flushed"] = sender.flush(command.get("timeout", 30)) if sender else True
            reply["seconds"] = time.monotonic() - started
        elif action == "quit":
            print(json.dumps(reply), flush=True)
            return
        reply["pending"] = sender.pending if sender else 0
        reply["acknowledged"] = sender.acknowledged if sender else 0
        reply["error"] = sender.error if sender else None
        reply["stored"] = len(quiz.progress.events()) if quiz.progress else 0
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
