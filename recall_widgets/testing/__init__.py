"""Test support every course gets: the pytest plugin that keeps test runs off a learner's store.

``recall_widgets.testing.plugin`` is registered with pytest by the package's ``pytest11`` entry
point (named ``recall_widgets``), so it is active in every pytest run where recall-widgets is
installed; ``-p no:recall_widgets`` turns it off. This package imports nothing.
"""
