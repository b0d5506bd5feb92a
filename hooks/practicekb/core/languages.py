"""The site's languages: the one list in mkdocs.yml, language names from CLDR, and file names of translations.

The list is the `languages` setting of the practicekb plugin in mkdocs.yml; the first language is the default, published
at the site root, and the language every other one falls back to. Each other language is
published under /<code>/.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from .problems import Problem

DEFAULT_LANGUAGES: tuple[str, ...] = ("en",)
SETTING = "plugins.practicekb.languages"
PLUGIN = "practicekb"  # the plugin's name in mkdocs.yml (its entry point)
# <name>.<code>.md: a translation of <name>.md (a practice or a hand-written page).
TRANSLATION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<code>[^.]+)\.md$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name or !ENV: read them as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(root: Path, name: str = "mkdocs.yml") -> dict:
    """mkdocs.yml as plain data (for `kb check`, which runs without MkDocs), or {} if there is none."""
    path = Path(root) / name
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def plugin_settings(config: Any) -> dict[str, Any]:
    """The practicekb plugin's settings in mkdocs.yml: read as plain data (the plugins list, for
    `kb check`, which runs without MkDocs) or from MkDocs' loaded plugin."""
    if isinstance(config, dict):  # plain data (read_config); MkDocs' configuration is not a dict
        for item in config.get("plugins") or []:
            if isinstance(item, Mapping) and PLUGIN in item:
                return dict(item[PLUGIN] or {})
        return {}
    plugins = getattr(config, "plugins", None)
    plugin = plugins.get(PLUGIN) if isinstance(plugins, Mapping) else None
    return dict(plugin.config) if plugin is not None else {}


def kb_settings(config: Any) -> dict[str, Any]:
    """The site's own settings: the plugin's in mkdocs.yml (plugin_settings)."""
    return plugin_settings(config)


def configured_languages(config: Any) -> object:
    return kb_settings(config).get("languages", list(DEFAULT_LANGUAGES))


def language_problems(value: object, shown: str = "mkdocs.yml") -> list[Problem]:
    """What is wrong with the languages setting: a list of distinct codes CLDR knows."""
    if not isinstance(value, list) or not value:
        return [Problem(shown, 1, SETTING, "should be a list of language codes, the default first",
                        "write e.g. `languages: [en, sk, sl, lt, nb]` under plugins: - practicekb:")]
    problems = []
    for index, code in enumerate(value):
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code) or not is_known(code):
            problems.append(Problem(shown, 1, f"{SETTING}[{index + 1}]", f"unknown language code {code!r}",
                                    "use a two-letter ISO 639-1 code that CLDR knows, such as sk, sl, lt or nb"))
        elif value.index(code) != index:
            problems.append(Problem(shown, 1, f"{SETTING}[{index + 1}]", f"'{code}' is listed twice", "keep one"))
    return problems


@lru_cache(maxsize=None)
def is_known(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@lru_cache(maxsize=None)
def language_name(code: str, in_language: str) -> str:
    """The name of a language in another, from CLDR: ('sl', 'en') -> 'Slovenian', ('sl', 'sk') -> 'slovinčina'."""
    return Locale.parse(in_language).languages.get(code, code)


@lru_cache(maxsize=None)
def autonym(code: str) -> str:
    """A language's name in itself, capitalised as in a menu: 'Slovenščina', 'Norsk bokmål'."""
    name = language_name(code, code)
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=None)
def plural_categories(code: str) -> tuple[str, ...]:
    """The CLDR plural categories of a language, as the browser's Intl.PluralRules names them."""
    order = ("zero", "one", "two", "few", "many", "other")
    tags = set(Locale.parse(code).plural_form.tags) | {"other"}
    return tuple(tag for tag in order if tag in tags)


@lru_cache(maxsize=4096)
def plural_category(code: str, count: int) -> str:
    return Locale.parse(code).plural_form(count)


@lru_cache(maxsize=4096)
def whole_number(value: int, code: str) -> str:
    """An integer as the language writes it (`1 234` in Slovak). Kept once made: pages show the same
    few counts thousands of times, and Babel takes about 10 µs a number."""
    return format_decimal(value, locale=code)


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order that ignores accents first ('Česko' among the Cs), without a collation library."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))
    return folded, text.casefold()


def translation_of(name: str) -> tuple[str, str] | None:
    """('about', 'sk') for 'about.sk.md'; None for a file that is not a translation."""
    match = TRANSLATION_NAME.match(name)
    return (match["stem"], match["code"]) if match else None


def language_prefix(code: str, languages: tuple[str, ...]) -> str:
    """Where a language lives below the site root: '' for the default, 'sk/' for Slovak."""
    return "" if code == languages[0] else f"{code}/"
