"""Publishing: the course as a static web site, notebooks run for nbval, Binder and hub links.

:mod:`.site` (``recall-widgets export-html``) runs the notebooks and writes pages that work
with no kernel and no network, with the nbconvert template in ``templates/recall_static/``,
the page styles of :mod:`.theme` and the static runtime of :mod:`.runtime` (its script and
stylesheet in ``static/``), which also makes fragments for other sites; :mod:`.execute`
(``recall-widgets execute``) runs notebooks and stores outputs nbval can compare; :mod:`.links`
(``recall-widgets links``) builds the Binder and nbgitpuller links from the one configured
address. Nothing here is imported by the widgets; this file imports nothing.
"""
