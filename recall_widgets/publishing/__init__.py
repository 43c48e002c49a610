"""Publishing: the course as a static web site, notebooks run for nbval, Binder and hub links.

:mod:`.site` (``recall-widgets export-html``) runs the notebooks and writes pages that work
with no kernel and no network, with the nbconvert template in ``templates/recall_static/`` and
the browser scripts in :mod:`.vendor` (``make vendor`` refreshes them); :mod:`.execute`
(``recall-widgets execute``) runs notebooks and stores outputs nbval can compare; :mod:`.links`
(``recall-widgets links``) builds the Binder and nbgitpuller links from the one configured
address. Nothing here is imported by the widgets; this file imports nothing.
"""
