"""The Flask sessions course's helpers, beside the recall-widgets engine (which imports none of it).

- :mod:`flask_course.demo`: the demo app (:func:`~flask_course.demo.make_app`), a real server on
  127.0.0.1 and a cookie-keeping browser; :class:`~flask_course.demo.DemoError`.
- :mod:`flask_course.cookies`: decode, verify and tamper with a Flask session cookie.
- :mod:`flask_course.checks`, :mod:`flask_course.risks`: the lessons' ``show_*`` demos (each raises
  ``DemoError`` if Flask behaves otherwise); :mod:`flask_course.topics` gathers the real-app
  topics of :mod:`~flask_course.csrf`, :mod:`~flask_course.lifecycle` and
  :mod:`~flask_course.serialization`.
- :mod:`flask_course.inspector`: the ``CookieInspector`` widget, its front end in ``assets/``
  (loaded with ``recall_widgets.asset_files``).
"""
