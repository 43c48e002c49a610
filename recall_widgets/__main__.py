"""``python -m recall_widgets``: the same as the ``recall-widgets`` command."""

from recall_widgets.cli import main

raise SystemExit(main())
