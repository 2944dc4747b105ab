"""Canonical organisation names and their aliases ("Åmåls kommun" → "Åmål")."""

from __future__ import annotations

import pandas as pd

from maturity.io.values import normalise

__all__ = ["OrganisationResolver"]


class OrganisationResolver:
    """Resolve organisation names through a table of ``organisation`` and ``alias``.

    Matching is tolerant (see :func:`maturity.io.values.normalise`). With an empty table every
    non-blank name is accepted as it is written (there is nothing to check against).

    Examples
    --------
    >>> table = pd.DataFrame({"organisation": ["Åmål", "Åmål"], "alias": ["Åmål", "Åmåls kommun"]})
    >>> resolve = OrganisationResolver(table)
    >>> resolve("ÅMÅLS  KOMMUN"), resolve("Okänd") is None
    ('Åmål', True)
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
            result = " ".join(text.split())
        else:
            result = self.known.get(normalise(text))
        self._cache[name] = result
        return result

    @property
    def names(self) -> list[str]:
        """The canonical names, sorted."""
        return sorted(set(self.known.values()))
