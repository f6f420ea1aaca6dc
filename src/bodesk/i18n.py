"""Translations and locale-aware formatting, for every layer.

Every string a person sees goes through `_` (gettext, catalogs in resources/translations built with
Babel). Numbers, money and dates are formatted with Babel for the current locale. The language is
set once at start-up (from the setting or the system locale) and may be changed by `set_language`.
"""

from __future__ import annotations

import gettext
import locale as _pylocale
import os
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bodesk.paths import compiled_locale_dir, translations_dir

DOMAIN = "bodesk"
LANGUAGES = ("pt_BR", "en")
DEFAULT_LANGUAGE = "pt_BR"
FALLBACK_LANGUAGE = "en"  # for a setting naming a language bodesk lacks: every message is written in English

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def known_language(code: str | None) -> str | None:
    """bodesk's language for a locale name (pt, pt-BR, pt_BR.UTF-8, en_US), or None when it names none."""
    if not code:
        return None
    base = code.split(".")[0].replace("-", "_")
    if base in LANGUAGES:
        return base
    if base.lower().startswith("pt"):
        return "pt_BR"
    if base.lower().startswith("en"):
        return "en"
    return None


def normalize_language(code: str | None) -> str:
    """Map any locale name to one of bodesk's languages (the default one for a name it does not know)."""
    return known_language(code) or DEFAULT_LANGUAGE


def chosen_language(override: str | None, preference: str | None) -> str | None:
    """The language a setting chooses: the override (BODESK_LANG) if set, else the desk's preference;
    None when neither is set (the system's then). A setting naming a language bodesk lacks ("fr")
    chooses English."""
    for setting in (override, preference):
        if setting:
            return known_language(setting) or FALLBACK_LANGUAGE
    return None


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return normalize_language(value)
    try:
        code = _pylocale.getlocale()[0]
    except ValueError:
        code = None
    return normalize_language(code)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog, or one compiled in memory from the .po source when none was built."""
    mo_path = compiled_locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po_path = translations_dir() / f"{language}.po"
    po_time = po_path.stat().st_mtime if po_path.exists() else None
    if mo_path.exists() and (po_time is None or mo_path.stat().st_mtime >= po_time):
        with mo_path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po_time is None:
        return gettext.NullTranslations()
    import io

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str | None) -> str:
    """Switch every later translation and format to `language`; returns the language now in use."""
    global _translations, _language
    _language = normalize_language(language)
    _translations = _catalog(_language)
    return _language


def current_language() -> str:
    return _language


def current_locale() -> Locale:
    return _locale(_language)


@cache
def _locale(language: str) -> Locale:
    """The Babel locale of `language`, parsed once (every number a report prints asks for it)."""
    try:
        return Locale.parse(language)
    except UnknownLocaleError:
        return Locale.parse("en")


def language_name(code: str) -> str:
    """A language's name in the current language ("inglês" for en while in Portuguese)."""
    try:
        return Locale.parse(normalize_language(code)).get_language_name(current_locale()) or code
    except (UnknownLocaleError, ValueError):
        return code


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translate it where it is shown)."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for extraction; pass it to `ngettext` where the number is known."""
    return singular, plural


def format_money(amount: Decimal, currency: str) -> str:
    return babel_numbers.format_currency(amount, currency, locale=current_locale())


def format_decimal(value: Decimal | int, places: int | None = None) -> str:
    if places is None:
        return babel_numbers.format_decimal(value, locale=current_locale(), decimal_quantization=False)
    pattern_digits = "0" * places
    pattern = f"#,##0.{pattern_digits}" if places else "#,##0"
    return babel_numbers.format_decimal(value, format=pattern, locale=current_locale())


def parse_decimal(text: str) -> Decimal:
    """Parse a number typed in the current locale ("1.234,56" in Portuguese); raises ValueError."""
    try:
        return Decimal(babel_numbers.parse_decimal(text.strip(), locale=current_locale(), strict=True))
    except babel_numbers.NumberFormatError as exc:
        raise ValueError(str(exc)) from exc


def format_date(value: date) -> str:
    return babel_dates.format_date(value, format="short", locale=current_locale())


def format_datetime(value: datetime) -> str:
    """A UTC timestamp shown in the machine's local time zone."""
    local = value.astimezone() if value.tzinfo else value
    return babel_dates.format_datetime(local, format="short", locale=current_locale())


set_language(DEFAULT_LANGUAGE)
