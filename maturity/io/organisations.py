"""Canonical organisation names and their aliases ("Åmåls kommun" → "Åmål")."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from maturity.io.values import normalise

__all__ = ["OrganisationResolver"]


class OrganisationResolver:
    """Resolve organisation names through a table of ``organisation`` and ``alias``.

    Matching is tolerant (see :func:`maturity.io.values.normalise`). With an empty table every
    non-blank name is accepted, and names that differ only in case, whitespace or Unicode form
    (NFC/NFD) are one organisation, written as first met (in NFC, spaces collapsed).

    Examples
    --------
    >>> table = pd.DataFrame({"organisation": ["Åmål", "Åmål"], "alias": ["Åmål", "Åmåls kommun"]})
    >>> resolve = OrganisationResolver(table)
    >>> resolve("ÅMÅLS  KOMMUN"), resolve("Okänd") is None
    ('Åmål', True)
    >>> free = OrganisationResolver()
    >>> free("Tanum"), free("TANUM"), free(" tanum "), free("A\u030amål") == free("Åmål")
    ('Tanum', 'Tanum', 'Tanum', True)
    """

    def __init__(self, organisations: pd.DataFrame | None = None) -> None:
        self.known: dict[str, str] = {}
        if organisations is not None and len(organisations):
            for name, alias in zip(
                organisations["organisation"], organisations["alias"], strict=True
            ):
                self.known[normalise(name)] = str(name).strip()
                if isinstance(alias, str) and alias.strip():
                    self.known[normalise(alias)] = str(name).strip()
        self._cache: dict[object, str | None] = {}
        self._met: dict[str, str] = {}  # without a table: normalised name -> first spelling

    @property
    def checks(self) -> bool:
        """True when there is a list of organisations to check names against."""
        return bool(self.known)

    def __call__(self, name: object) -> str | None:
        """The canonical name, or None when the name is unknown (or blank)."""
        if name in self._cache:
            return self._cache[name]
        text = "" if name is None else str(name).strip()
        if not text:
            result = None
        elif not self.known:
            written = " ".join(unicodedata.normalize("NFC", text).split())
            result = self._met.setdefault(normalise(written), written)
        else:
            result = self.known.get(normalise(text))
        self._cache[name] = result
        return result

    def in_text(self, text: str) -> list[str]:
        """The distinct known organisations named by the parts of a text such as a file name
        ("svar_Tanum_Åmål_2022" names two), in order; empty without a table.

        Examples
        --------
        >>> table = pd.DataFrame({"organisation": ["Åmål", "Tanum"], "alias": ["", ""]})
        >>> OrganisationResolver(table).in_text("svar_Tanum_Åmål_2022")
        ['Tanum', 'Åmål']
        """
        found: list[str] = []
        if not self.known:
            return found
        for part in re.split(r"[_]|\s+-\s+|\s+", text):
            name = self(part.strip(" _-"))
            if name and name not in found:
                found.append(name)
        return found

    @property
    def names(self) -> list[str]:
        """The canonical names, sorted."""
        return sorted(set(self.known.values()))
