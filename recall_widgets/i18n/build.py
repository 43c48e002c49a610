"""Build time (``make i18n``): extract a domain's strings, update its translations, compile them.

A domain is described by a Babel mapping file, ``<package>/locale/<domain>.cfg``, whose patterns
are relative to the folder holding the top-level package (the repository root for
``recall_widgets``, ``course/`` for ``flask_course``). Beside it:

- ``<domain>.pot``: the strings, extracted from Python and JavaScript (keywords ``t``,
  ``nt:1,2``, ``pt:1c,2``, ``npt:1c,2,3``), without line numbers so edits elsewhere in a file
  leave it alone;
- ``<lang>/LC_MESSAGES/<domain>.po``: a language's translations, updated from the ``.pot`` (new
  strings empty, gone ones dropped, never guessed as fuzzy);
- ``<lang>/<domain>.json``: what :mod:`.catalog` and ``frontend/src/i18n.js`` read — translated
  entries only, plural forms keyed by CLDR category, with the language's CLDR plural rules.

``python -m recall_widgets.i18n.build CFG…`` does all three; ``--init LANG CFG`` starts a
language. :func:`domain_problems` is the catalog test: what is missing, stale or wrong.

Babel is needed here only (the ``test`` extra); the run time reads the JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from babel.plural import _plural_tags

from .catalog import CONTEXT_SEPARATOR

__all__ = [
    "KEYWORDS",
    "Domain",
    "build_domain",
    "compile_json",
    "domain_problems",
    "extract_template",
    "init_language",
    "main",
]

KEYWORDS: dict[str, Any] = {
    "t": None,
    "nt": (1, 2),
    "pt": ((1, "c"), 2),
    "npt": ((1, "c"), 2, 3),
}
"""The marking functions, in Python (a :class:`~.catalog.Translator`'s methods) and JavaScript
(``frontend/src/i18n.js``): ``t(msgid)``, ``nt(singular, plural, n)``, ``pt(context, msgid)``,
``npt(context, singular, plural, n)``."""
CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""The templates' fixed creation date: a rebuild with the same strings writes the same bytes."""
WIDTH = 100
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Domain:
    """One domain's files, from its mapping file ``<package>/locale/<domain>.cfg``."""

    cfg: Path

    @property
    def name(self) -> str:
        return self.cfg.stem

    @property
    def locale_dir(self) -> Path:
        return self.cfg.parent

    @property
    def root(self) -> Path:
        """The folder holding the top-level package (the mapping's patterns start there)."""
        folder = self.cfg.resolve().parent.parent
        while (folder / "__init__.py").is_file():
            folder = folder.parent
        return folder

    @property
    def pot(self) -> Path:
        return self.locale_dir / f"{self.name}.pot"

    def po(self, lang: str) -> Path:
        return self.locale_dir / lang / "LC_MESSAGES" / f"{self.name}.po"

    def json(self, lang: str) -> Path:
        return self.locale_dir / lang / f"{self.name}.json"

    def languages(self) -> list[str]:
        """The languages with a ``.po`` file, sorted."""
        return sorted(
            p.parent.parent.name for p in self.locale_dir.glob(f"*/LC_MESSAGES/{self.name}.po")
        )


def extract_template(domain: Domain) -> Catalog:
    """The domain's strings as Babel extracts them from the files its mapping names."""
    with domain.cfg.open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, filename=str(domain.cfg))  # type: ignore[no-untyped-call]
    template = Catalog(
        project="recall-widgets",
        domain=domain.name,
        creation_date=CREATED,
        charset="utf-8",
        fuzzy=False,
    )
    root = domain.root
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def _po_text(catalog: Catalog, *, omit_header: bool = False) -> str:
    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=WIDTH,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
        omit_header=omit_header,
    )
    return out.getvalue().decode("utf-8")


def _read_po(path: Path, lang: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=lang, domain=path.stem)


def _updated(po: Catalog, template: Catalog) -> Catalog:
    po.update(
        template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False
    )
    po.obsolete.clear()
    return po


def init_language(domain: Domain, lang: str) -> Path:
    """Start the ``.po`` of a new language from the template (Babel's plural forms for it)."""
    path = domain.po(lang)
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    template = extract_template(domain)
    po = Catalog(
        locale=Locale.parse(lang.replace("-", "_")),
        domain=domain.name,
        project="recall-widgets",
        creation_date=CREATED,
        revision_date=CREATED,
        fuzzy=False,
    )
    po.update(template, no_fuzzy_matching=True, update_creation_date=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_po_text(po), encoding="utf-8")
    return path


def _categories(lang: str) -> tuple[list[str], dict[str, str]]:
    """A language's CLDR categories in gettext index order, and its rules (Babel's CLDR data)."""
    rule = Locale.parse(lang.replace("-", "_")).plural_form
    order = [tag for tag in _plural_tags if tag in rule.tags and tag != "other"] + ["other"]
    return order, dict(sorted(rule.rules.items()))


def _key(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return f"{message.context}{CONTEXT_SEPARATOR}{msgid}" if message.context else str(msgid)


def compile_json(po: Catalog, lang: str, domain: str) -> str:
    """The JSON text of one language's catalog (translated, non-fuzzy entries only)."""
    order, rules = _categories(lang)
    messages: dict[str, Any] = {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            forms = list(message.string) if isinstance(message.string, (list, tuple)) else []
            if forms and all(forms):
                messages[_key(message)] = dict(zip(order, forms, strict=False))
        elif isinstance(message.string, str) and message.string:
            messages[_key(message)] = message.string
    data = {"domain": domain, "lang": lang, "plural": rules, "messages": messages}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _wanted(domain: Domain) -> dict[Path, str]:
    """Every file of the domain as ``make i18n`` writes it."""
    template = extract_template(domain)
    files = {domain.pot: _po_text(template)}
    for lang in domain.languages():
        po = _updated(_read_po(domain.po(lang), lang), template)
        files[domain.po(lang)] = _po_text(po)
        files[domain.json(lang)] = compile_json(po, lang, domain.name)
    return files


def build_domain(domain: Domain) -> list[Path]:
    """Extract, update and compile one domain; the files that changed."""
    changed = []
    for path, text in _wanted(domain).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _texts(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v or "") for v in value]
    return [str(value or "")]


def _entry_problems(message: Message, lang: str, categories: int) -> list[str]:
    ids = _texts(message.id)
    label = repr(ids[0]) + (f" (context {message.context!r})" if message.context else "")
    strings = _texts(message.string)
    if message.fuzzy:
        return [f"{label} is marked fuzzy: check the translation and remove the flag"]
    if not all(strings):
        return [
            f"{label} has no translation"
            + (" for every plural form" if message.pluralizable else "")
        ]
    if message.pluralizable and len(strings) != categories:
        return [f"{label} has {len(strings)} plural forms, {lang} has {categories}"]
    wanted = set().union(*(_placeholders(i) for i in ids)) - {"n"}
    problems = []
    for text in strings:
        found = _placeholders(text) - {"n"}
        if found != wanted:
            problems.append(
                f"{label}: the translation {text!r} has placeholders {sorted(found)}, "
                f"the message {sorted(wanted)}"
            )
    return problems


def domain_problems(domain: Domain) -> list[str]:
    """What is wrong with a domain's shipped files, one line each (``[]``: nothing).

    The template must be what the sources give; each ``.po`` must hold exactly the template's
    messages, each translated (every plural form), none fuzzy or obsolete, with the msgid's
    ``{placeholders}``; each ``.json`` must be the ``.po`` compiled.
    """
    problems: list[str] = []
    template = extract_template(domain)
    ids = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    if not domain.pot.is_file() or domain.pot.read_text(encoding="utf-8") != _po_text(template):
        problems.append(f"{domain.pot}: not what the sources give (run `make i18n`)")
    if not domain.languages():
        problems.append(f"{domain.locale_dir}: no translations of {domain.name!r}")
    for lang in domain.languages():
        path = domain.po(lang)
        po = _read_po(path, lang)
        order, _rules = _categories(lang)
        if po.obsolete:
            problems.append(f"{path}: {len(po.obsolete)} obsolete entries (#~): delete them")
        have = set()
        for message in po:
            if not message.id:
                continue
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            have.add(key)
            if key not in ids:
                problems.append(
                    f"{path}: {key[0]!r} is not in the sources any more (run `make i18n`)"
                )
                continue
            problems += [f"{path}: {p}" for p in _entry_problems(message, lang, len(order))]
        for msgid, _context in sorted(ids - have, key=lambda k: (k[0], k[1] or "")):
            problems.append(f"{path}: {msgid!r} is missing (run `make i18n`, then translate it)")
        compiled = compile_json(_updated(_read_po(path, lang), template), lang, domain.name)
        json_path = domain.json(lang)
        if not json_path.is_file() or json_path.read_text(encoding="utf-8") != compiled:
            problems.append(f"{json_path}: stale, not {path.name} compiled (run `make i18n`)")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m recall_widgets.i18n.build [--init LANG] [--check] CFG…``."""
    parser = argparse.ArgumentParser(
        prog="python -m recall_widgets.i18n.build", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "cfg", nargs="+", type=Path, help="a domain's mapping file, <package>/locale/<domain>.cfg"
    )
    parser.add_argument(
        "--init", metavar="LANG", help="start the translations of a new language (a BCP 47 tag)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; print what is missing or stale"
    )
    args = parser.parse_args(argv)
    status = 0
    for cfg in args.cfg:
        if not cfg.is_file():
            print(f"{cfg}: no such mapping file", file=sys.stderr)
            return 2
        domain = Domain(cfg)
        if args.init:
            try:
                print(f"started {init_language(domain, args.init)}")
            except (FileExistsError, ValueError) as error:
                print(f"{cfg}: {error}", file=sys.stderr)
                return 2
        elif args.check:
            for problem in domain_problems(domain):
                print(problem, file=sys.stderr)
                status = 1
        else:
            for path in build_domain(domain):
                print(f"wrote {path}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
