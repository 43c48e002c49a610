"""The deck: the content model, the YAML loader (cut along its steps), the schema and evidence.

Plain Python and msgspec, no widget imports; the only room that knows YAML. The public names
(``Deck``, ``load_deck``, ``ContentError``…) are re-exported by :mod:`recall_widgets`; import
them from there, or from the module that defines them (``recall_widgets.deck.loader``). This
file imports nothing, so loading one module of the room loads only what that module needs.
"""
