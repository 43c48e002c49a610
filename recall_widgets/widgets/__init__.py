"""The widgets: one module per widget, their shared base and views, and their front end.

Flashcards, Quiz, RecallPrompt, Review, Dashboard and CookieInspector are re-exported by
:mod:`recall_widgets` (imported on first use: anywidget and ipywidgets are not loaded by
``import recall_widgets``); import them from there. ``frontend/`` holds their JavaScript and
CSS: ``src/`` (ES modules, edited), one committed bundle per widget, and the stylesheets. This
file imports nothing.
"""
