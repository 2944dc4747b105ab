"""The codebook: statements, the answer scale and the organisations with their aliases."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Codebook", "STATEMENT_COLUMNS"]

STATEMENT_COLUMNS = ["statement", "text", "role", "dimension", "scale_min", "scale_max", "reverse"]


@dataclass(frozen=True)
class Codebook:
    """What the survey asks and how answers are coded.

    Attributes
    ----------
    statements : DataFrame
        One row per statement: ``statement`` (id), ``text``, ``role``, ``dimension``,
        ``scale_min``, ``scale_max`` (int) and ``reverse`` (bool).
    scale : DataFrame
        ``label`` and ``value``; a label whose value is NaN is a don't-know answer ("Vet ej").
    organisations : DataFrame
        ``organisation`` (canonical name) and ``alias``; every canonical name is also listed as
        its own alias. Empty when the codebook has no ``organisations`` sheet.

    Examples
    --------
    >>> cb = Codebook.from_frames(
    ...     statements=pd.DataFrame({"statement": ["F1"], "text": ["Vi mäter effekter"],
    ...                              "role": ["förvaltningschef"], "dimension": ["Styrning"]}),
    ...     scale=pd.DataFrame({"label": ["Instämmer inte alls", "2", "3", "4",
    ...                                   "Instämmer helt", "Vet ej"],
    ...                         "value": [1, 2, 3, 4, 5, None]}))
    >>> cb.midpoint, cb.scale_min, cb.scale_max, cb.dont_know_labels
    (3.0, 1, 5, ['Vet ej'])
    """

    statements: pd.DataFrame
    scale: pd.DataFrame
    organisations: pd.DataFrame

    @classmethod
    def from_frames(
        cls,
        statements: pd.DataFrame,
        scale: pd.DataFrame,
        organisations: pd.DataFrame | None = None,
    ) -> Codebook:
        """Build a codebook from already validated tables, filling optional columns."""
        statements = statements.copy()
        values = pd.to_numeric(scale["value"], errors="coerce")
        lo, hi = int(values.min()), int(values.max())
        if "reverse" not in statements:
            statements["reverse"] = False
        statements["reverse"] = statements["reverse"].fillna(False).astype(bool)
        statements["scale_min"] = lo
        statements["scale_max"] = hi
        statements = statements[STATEMENT_COLUMNS].reset_index(drop=True)
        scale = pd.DataFrame({"label": scale["label"].astype(str), "value": values})
        if organisations is None:
            organisations = pd.DataFrame({"organisation": [], "alias": []}, dtype=object)
        return cls(statements, scale.reset_index(drop=True), organisations.reset_index(drop=True))

    @property
    def scale_min(self) -> int:
        """Lowest value of the answer scale."""
        return int(np.nanmin(self.scale["value"].to_numpy(dtype=float)))

    @property
    def scale_max(self) -> int:
        """Highest value of the answer scale."""
        return int(np.nanmax(self.scale["value"].to_numpy(dtype=float)))

    @property
    def midpoint(self) -> float:
        """Midpoint of the answer scale, e.g. 3.0 on a 1–5 scale."""
        return (self.scale_min + self.scale_max) / 2

    @property
    def dont_know_labels(self) -> list[str]:
        """The labels that mean "don't know" (their value is empty)."""
        return self.scale.loc[self.scale["value"].isna(), "label"].tolist()

    @property
    def roles(self) -> list[str]:
        """The roles, in codebook order."""
        return list(dict.fromkeys(self.statements["role"]))

    def statement_texts(self) -> pd.Series:
        """Statement text indexed by statement id."""
        return self.statements.set_index("statement")["text"]
