"""The course's exercises: each module holds the check (a ``recall_widgets.checking.Checks``) that
the deck's ``check:`` names, and the deck's ``solution:`` is the course's own solution that
passes it (``tests/course/test_exercises.py`` runs it, and typical wrong ones)."""
