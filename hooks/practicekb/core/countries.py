"""Country codes (ISO 3166-1 alpha-2, from pycountry) and their names (CLDR, from Babel)."""
from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale
from babel.languages import get_official_languages


@lru_cache(maxsize=None)
def country_codes() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


@lru_cache(maxsize=None)
def country_name(code: str, language: str) -> str:
    """The country's usual short name in `language`, e.g. 'Norway' or 'Nórsko'."""
    names = Locale.parse(language).territories
    if code in names:
        return names[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


def country_code_hint(value: object) -> str:
    """'did you mean' for a wrong country code: a three-letter code or an English name maps to its code."""
    from .problems import did_you_mean

    if isinstance(value, str):
        try:
            country = pycountry.countries.lookup(value.strip())
            return f"did you mean '{country.alpha_2}' (the code of {country_name(country.alpha_2, 'en')})?"
        except LookupError:
            pass
    return did_you_mean(value, country_codes())


@lru_cache(maxsize=None)
def official_languages(code: object) -> tuple[str, ...]:
    """The languages (CLDR, official or in official use) of a country: an organisation's own name is in one."""
    return tuple(get_official_languages(code, de_facto=True)) if isinstance(code, str) and code else ()
