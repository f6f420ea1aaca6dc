"""Builds and checks the translation catalogs (Babel).

python -m bodesk.i18n_build            compile resources/translations/*.po into src/bodesk/locale
python -m bodesk.i18n_build --update   extract every string from the source and merge it into the .po files
python -m bodesk.i18n_build --check    fail if a string in the source lacks a translation in any language
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bodesk.i18n import DOMAIN, LANGUAGES
from bodesk.paths import compiled_locale_dir, package_dir, translations_dir

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "NP_": (1, 2)}


def extract() -> Catalog:
    catalog = Catalog(project="bodesk", domain=DOMAIN, fuzzy=False)
    root = package_dir()
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(
            message,
            None,
            [(str(Path("src/bodesk") / filename), lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _read(language: str) -> Catalog:
    path = translations_dir() / f"{language}.po"
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalog = _read(language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = "bodesk", "1"
        catalog.msgid_bugs_address = ""
        catalog.copyright_holder = "bodesk"
        if language == "en":
            for message in catalog:
                if message.id and not _translated(message.string):
                    message.string = tuple(message.id) if isinstance(message.id, tuple | list) else message.id
        path = translations_dir() / f"{language}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(
                handle,
                catalog,
                omit_header=False,
                sort_output=False,
                ignore_obsolete=True,
                width=100,
                include_lineno=False,  # file names only: a line moved in the source changes no catalog
            )
        print(f"{path}: {len(catalog)} messages")


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(bool(part) for part in string)
    return bool(string)


def check() -> list[str]:
    template = extract()
    problems: list[str] = []
    for language in LANGUAGES:
        catalog = _read(language)
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id)
            if found is None:
                problems.append(f"{language}: missing {message.id!r}")
            elif not _translated(found.string) or found.fuzzy:
                problems.append(f"{language}: untranslated {message.id!r}")
    return problems


def compile_all() -> None:
    for language in LANGUAGES:
        catalog = _read(language)
        target = compiled_locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_mo(handle, catalog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bodesk.i18n_build")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.update:
        update()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(
                f"{len(problems)} strings lack a translation: run python -m bodesk.i18n_build --update",
                file=sys.stderr,
            )
            return 1
        print("translations complete")
        return 0
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
