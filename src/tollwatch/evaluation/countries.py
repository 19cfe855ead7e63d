"""Country names in the eval files → ISO 3166-1 alpha-2, as ``Place.country`` spells them."""

from __future__ import annotations

#: The countries of ``../shared/eval``; used when pycountry is not installed.
_KNOWN: dict[str, str] = {
    "kenya": "KE",
    "ghana": "GH",
    "burkina faso": "BF",
    "united states": "US",
    "united states of america": "US",
    "palestine": "PS",
    "state of palestine": "PS",
    "gaza": "PS",
    "syria": "SY",
}

#: Files whose records carry no country field: the country their name implies.
FILE_COUNTRY: dict[str, str] = {"gvc": "US", "airwars": "PS"}


def country_iso2(name: str | None) -> str | None:
    """``"Burkina Faso"`` → ``"BF"``; an ISO2 code is returned as is; unknown → ``None``."""
    if not name:
        return None
    key = name.strip()
    if len(key) == 2 and key.isalpha():
        return key.upper()
    found = _KNOWN.get(key.lower())
    if found:
        return found
    try:
        import pycountry
    except ImportError:
        return None
    try:
        return str(pycountry.countries.lookup(key).alpha_2)
    except LookupError:
        return None


def gold_country(record: dict[str, object], dataset: str) -> str | None:
    """The record's country as ISO2: its ``country`` field, else the one its file implies."""
    value = record.get("country")
    if isinstance(value, str) and value:
        return country_iso2(value)
    prefix = dataset.split("-", 1)[0]
    return FILE_COUNTRY.get(prefix)
