"""The codebook: statements, the answer scale, the organisations with their aliases and the
display names of the roles."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Codebook", "STATEMENT_COLUMNS", "ROLE_LABEL_COLUMNS"]

STATEMENT_COLUMNS = ["statement", "text", "role", "dimension", "scale_min", "scale_max", "reverse"]
#: Columns of :attr:`Codebook.role_labels`.
ROLE_LABEL_COLUMNS = [
    "role",
    "name",
    "plural",
    "plural_definite",
    "name_en",
    "plural_en",
    "plural_definite_en",
]


@dataclass(frozen=True)
class Codebook:
    """What the survey asks and how answers are coded.

    Attributes
    ----------
    statements : DataFrame
        One row per statement: ``statement`` (id), ``text``, ``role``, ``dimension``,
        ``scale_min``, ``scale_max`` (int) and ``reverse`` (bool); when the codebook declares
        parallel statements, also ``parallel``: the id of the counterpart statement of another
        role (symmetric; None where a statement has none).
    scale : DataFrame
        ``label`` and ``value``; a label whose value is NaN is a don't-know answer ("Vet ej").
    organisations : DataFrame
        ``organisation`` (canonical name) and ``alias``; every canonical name is also listed as
        its own alias. Empty when the codebook has no ``organisations`` sheet.
    role_labels : DataFrame
        How each role is shown (columns :data:`ROLE_LABEL_COLUMNS`): ``role``, ``name``,
        ``plural``, ``plural_definite`` and the same in English (``*_en``). One row per role
        of the statements, in codebook order, whether or not the codebook has a ``roles``
        sheet; a missing cell defaults (name = role, plural = name, plural_definite = plural,
        each ``*_en`` = its Swedish form).
    identity : DataFrame
        ``header`` and ``field``: headers of survey exports that name an identity column
        (``field`` is organisation, role, respondent or wave), e.g. "Vilken kommun arbetar du
        i?" → organisation. Empty when the codebook has no ``identity`` sheet.

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
    >>> cb.role_labels.iloc[0].tolist()[:4]
    ['förvaltningschef', 'förvaltningschef', 'förvaltningschef', 'förvaltningschef']
    """

    statements: pd.DataFrame
    scale: pd.DataFrame
    organisations: pd.DataFrame
    role_labels: pd.DataFrame | None = None
    identity: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "role_labels", _role_labels(self.roles, self.role_labels))
        if self.identity is None:
            object.__setattr__(self, "identity", pd.DataFrame(columns=["header", "field"]))

    @classmethod
    def from_frames(
        cls,
        statements: pd.DataFrame,
        scale: pd.DataFrame,
        organisations: pd.DataFrame | None = None,
        role_labels: pd.DataFrame | None = None,
        identity: pd.DataFrame | None = None,
    ) -> Codebook:
        """Build a codebook from already validated tables, filling optional columns.

        ``role_labels`` may hold any of :data:`ROLE_LABEL_COLUMNS` besides ``role``, for some
        roles only; the rest is filled with the defaults (see :class:`Codebook`).
        """
        statements = statements.copy()
        values = pd.to_numeric(scale["value"], errors="coerce")
        lo, hi = int(values.min()), int(values.max())
        if "reverse" not in statements:
            statements["reverse"] = False
        statements["reverse"] = statements["reverse"].fillna(False).astype(bool)
        statements["scale_min"] = lo
        statements["scale_max"] = hi
        optional = ["parallel"] if "parallel" in statements else []
        statements = statements[STATEMENT_COLUMNS + optional].reset_index(drop=True)
        scale = pd.DataFrame({"label": scale["label"].astype(str), "value": values})
        if organisations is None:
            organisations = pd.DataFrame({"organisation": [], "alias": []}, dtype=object)
        return cls(
            statements,
            scale.reset_index(drop=True),
            organisations.reset_index(drop=True),
            role_labels,
            identity,
        )

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

    def parallel_pairs(self, first: str, second: str) -> list[tuple[str, str]]:
        """The declared parallel statements of two roles: ``(statement of first, statement of
        second)`` in codebook order; empty when none are declared.

        Examples
        --------
        >>> cb = Codebook.from_frames(
        ...     statements=pd.DataFrame({"statement": ["F1", "I1"], "text": ["a", "b"],
        ...                              "role": ["chef", "it"], "dimension": "D",
        ...                              "parallel": ["I1", "F1"]}),
        ...     scale=pd.DataFrame({"label": ["1", "2"], "value": [1, 2]}))
        >>> cb.parallel_pairs("chef", "it")
        [('F1', 'I1')]
        """
        if "parallel" not in self.statements:
            return []
        role_of = dict(zip(self.statements["statement"], self.statements["role"], strict=True))
        return [
            (str(row.statement), str(row.parallel))
            for row in self.statements.itertuples(index=False)
            if row.role == first
            and isinstance(row.parallel, str)
            and role_of.get(row.parallel) == second
        ]

    @property
    def roles(self) -> list[str]:
        """The roles, in codebook order."""
        return list(dict.fromkeys(self.statements["role"]))

    def statement_texts(self) -> pd.Series:
        """Statement text indexed by statement id."""
        return self.statements.set_index("statement")["text"]


def _role_labels(roles: list[str], given: pd.DataFrame | None) -> pd.DataFrame:
    """One row per role with every display form, the missing ones filled by the defaults."""
    known: dict[str, dict] = {}
    if given is not None and len(given):
        for record in given.to_dict("records"):
            known[str(record["role"])] = record
    rows = []
    for role in roles:
        record = known.get(role, {})

        def form(column: str, default: str, record: dict = record) -> str:
            value = record.get(column)
            return (
                default if value is None or value != value or not str(value).strip() else str(value)
            )

        name = form("name", role)
        plural = form("plural", name)
        definite = form("plural_definite", plural)
        rows.append(
            (
                role,
                name,
                plural,
                definite,
                form("name_en", name),
                form("plural_en", plural),
                form("plural_definite_en", definite),
            )
        )
    return pd.DataFrame(rows, columns=ROLE_LABEL_COLUMNS, dtype=object)
