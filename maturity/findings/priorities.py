"""The finding of the priorities for the next plan: one sentence from the ``priorities`` table."""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding

__all__ = ["priorities_findings"]


def priorities_findings(
    table: pd.DataFrame, *, n_capabilities: int, linked: bool = True, lang: str = "sv"
) -> list[Finding]:
    """One finding: how many capabilities are below target, the largest gap, and which of them
    no activity addresses (the candidates for the next plan).

    Parameters
    ----------
    table : DataFrame
        The ``priorities`` table of :func:`maturity.priorities.priorities`.
    n_capabilities : int
        How many capabilities have a target (the whole of which ``len(table)`` is a part).
    linked : bool
        Whether the action plan names what its activities serve (a ``serves`` value on at least
        one activity); without it nothing is called unaddressed.
    lang : {"sv", "en"}

    Returns
    -------
    list of Finding
        ``Finding("priorities", "candidates", ...)``; its values hold n_below, n_capabilities,
        the largest gap and the candidates.

    Examples
    --------
    >>> table = pd.DataFrame({"capability": ["Avveckla"], "gap": [-1.5], "n_below_target": [14],
    ...                       "n_assessed": [15], "unaddressed": [True]})
    >>> priorities_findings(table, n_capabilities=22, lang="en")[0].sentence[:48]
    '1 of 22 capabilities is below its target level: '
    """
    if not len(table):
        sentence = text.word("priorities.finding.none", lang, total=n_capabilities)
        values = {"n_below": 0, "n_capabilities": n_capabilities}
        return [Finding("priorities", "candidates", sentence, values)]
    first = table.iloc[0]
    parts = [
        text.word(
            "priorities.finding.below" if len(table) > 1 else "priorities.finding.below_one",
            lang,
            n=len(table),
            total=n_capabilities,
            capability=first["capability"],
            gap=text.number(abs(float(first["gap"])), lang),
            below=int(first["n_below_target"]),
            assessed=int(first["n_assessed"]),
        )
    ]
    candidates = table.loc[table["unaddressed"].astype(bool), "capability"].tolist()
    if not linked:
        parts.append(text.word("priorities.finding.no_link", lang))
        candidates = []
    elif candidates and len(table) == 1:
        parts.append(text.word("priorities.finding.candidate_one", lang))
    elif candidates:
        names = text.join([text.quote(str(c), lang) for c in candidates], lang)
        parts.append(
            text.word("priorities.finding.candidates", lang, k=len(candidates), names=names)
        )
    else:
        parts.append(text.word("priorities.finding.all_addressed", lang))
    values = {
        "n_below": len(table),
        "n_capabilities": n_capabilities,
        "capability": first["capability"],
        "gap": float(first["gap"]),
        "n_below_target": int(first["n_below_target"]),
        "candidates": candidates,
    }
    return [Finding("priorities", "candidates", " ".join(parts), values)]
