"""The :class:`Finding` of every domain, and the findings of a report as one list or table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

__all__ = ["Finding", "key_findings", "findings_table", "row_values", "upper_first", "lower_first"]


@dataclass(frozen=True)
class Finding:
    """One key finding: a sentence for people and the numbers behind it.

    Attributes
    ----------
    topic : str
        Stage it belongs to, e.g. ``"survey"``, ``"capability"``, ``"risk"``, ``"actionplan"``.
    key : str
        Stable machine name, e.g. ``"lowest_statement"``.
    sentence : str
        The sentence, every number in it taken from ``values`` (decimal comma in Swedish).
    values : dict
        The numbers and names the sentence states, as they come from a table.

    Examples
    --------
    >>> Finding("risk", "levels", "Vid mötet 2020-09-17 fanns 7 risker.", {"n_risks": 7}).key
    'levels'
    """

    topic: str
    key: str
    sentence: str
    values: dict = field(default_factory=dict)


class _HasFindings(Protocol):
    findings: list[Finding]


def key_findings(sections: Iterable[_HasFindings]) -> list[Finding]:
    """All findings of all report stages (anything with a ``findings`` list), in report order.

    Examples
    --------
    >>> key_findings([])
    []
    """
    return [finding for section in sections for finding in section.findings]


def findings_table(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a table: topic, key, sentence.

    Examples
    --------
    >>> findings_table([Finding("survey", "x", "En mening.")]).to_dict("records")
    [{'topic': 'survey', 'key': 'x', 'sentence': 'En mening.'}]
    """
    return pd.DataFrame(
        [(f.topic, f.key, f.sentence) for f in findings], columns=["topic", "key", "sentence"]
    )


def row_values(row: pd.Series, columns: list[str]) -> dict:
    """The ``columns`` of a table row that exist, as plain Python values (for
    ``Finding.values``).

    Examples
    --------
    >>> row_values(pd.Series({"mean": 2.5, "n": 4}), ["mean", "sd"])
    {'mean': 2.5}
    """
    out = {}
    for column in columns:
        if column in row.index:
            value = row[column]
            out[column] = value.item() if hasattr(value, "item") else value
    return out


def upper_first(text: str) -> str:
    """Text with its first letter upper-case (a label at the start of a sentence).

    Examples
    --------
    >>> upper_first("förvaltningschef")
    'Förvaltningschef'
    """
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (``IT-cheferna``).

    Examples
    --------
    >>> lower_first("Förvaltningscheferna"), lower_first("IT-cheferna")
    ('förvaltningscheferna', 'IT-cheferna')
    """
    first = text.split("-")[0].split()[0] if text.strip() else ""
    return text if first.isupper() else text[:1].lower() + text[1:]
