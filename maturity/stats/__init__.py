"""Statistics of the maturity questionnaire: tidy ``responses`` in, tidy tables out.

Every function takes the ``responses`` table (one row per respondent × statement, see
``DESIGN.md``) and returns a new DataFrame with one row per group, or a documented dataclass
of DataFrames with ``.tables()`` (:class:`Reliability`). The group columns come first, then
(when ``statement`` is a group column and a codebook is given) the statement ``text``, then the
counts and the statistics, and last a boolean ``suppressed``: every published table goes
through :func:`maturity.privacy.suppress`, so a group with fewer than ``min_n`` respondents
shows no statistics.

API convention
--------------
The data come first; every option is keyword-only, with the same names in the same order
everywhere: ``by``, ``min_n``, ``codebook``, ``scale``, ``midpoint``, then the options of the
function. ``by`` means exactly the columns given: a function that also needs another column
says so in a keyword of its own (``item="statement"`` for the statements ranked, judged or
making up a scale; ``organisation`` in :func:`across_organisations`, ``role`` in
:func:`compare_roles` and ``wave`` in :func:`change` are what those functions compare, and are
an error in ``by``).

Conventions
-----------
- **Waves are never pooled silently.** On responses with several waves (``wave`` column), a
  table whose groups do not include ``wave`` is an error naming the waves, unless the call
  asks for pooling with ``pool_waves=True``; the table then has a ``waves`` column naming the
  waves each row pools ("2020, 2022"). Select one wave or put ``wave`` in ``by`` otherwise.
  :func:`change` compares two waves explicitly; :func:`dimension_scores` keeps one row per
  person and wave.
- ``n_respondents`` counts *people*: within a wave a person is the combination of
  ``organisation``, ``role`` and ``respondent`` (whichever the table has), so ids that
  restart in every file do not merge different people. In a pooled group a person who
  answered in two waves counts once when the ids are linked across waves (some organisation
  + role + id occurs in two waves); where they are not, the group counts as many people as
  its largest wave (per organisation and role). ``n`` counts scored answers (a person's
  answers in two waves are two answers, and the tests and intervals treat them as
  independent). Suppression uses ``n_respondents``.
- ``n_dont_know`` counts rows without a score whose raw ``answer`` is not blank ("Vet ej").
  Without an ``answer`` column every row without a score counts.
- Group columns may be ``category`` or plain dtype. Rows whose group key is missing (e.g. an
  unknown organisation) form a group of their own with a missing key, placed last; nothing is
  dropped silently.
- Scores must lie on the scale: ``codebook.scale_min``–``codebook.scale_max`` when a codebook is
  given, else ``scale=(1, 5)``. Integer scores take a fast path: each group's statistics follow
  from its counts per scale step. Other scores (e.g. dimension scores, which are means) take a
  general path with the same results.
- Quartiles and the median use linear interpolation, as ``pandas``/``numpy`` do by default.
- Tests at several groups are Holm-adjusted (``p_holm``) over the published rows of the table.
- Tables with ``organisation`` among the group columns also get secondary suppression along
  organisations (national figures are always published beside them); see
  :mod:`maturity.privacy`.
- Speed: the group-by runs on column codes (:mod:`maturity.stats.grouping`, no string
  hashing), and everything per group follows from ``np.bincount`` over those codes.
  ``category`` columns are fastest; plain string columns work too but must be factorised first
  (about 0.1 s per million rows and column). People per group are counted through the pairs
  (person, statement) — as rows when nobody answers a statement twice — not by sorting; a
  caller publishing several per-organisation tables makes the one suppression decision once
  and passes it on (``units=``), and passes the ``describe`` table on to the midpoint test
  and the ranking (``described=``).

Modules: :mod:`~maturity.stats.grouping` (the engine), :mod:`~maturity.stats.descriptive`
(describe, across_organisations, rank_statements), :mod:`~maturity.stats.inference` (midpoint
tests, role comparison, change between rounds, Holm), :mod:`~maturity.stats.scales` (dimension
scores, reliability), :mod:`~maturity.stats.common` (argument checks).

Examples
--------
>>> import pandas as pd
>>> import maturity as mt
>>> r = pd.DataFrame({"role": "chef", "statement": "S1", "respondent": list("abcde"),
...                   "score": [1.0, 2, 4, 4, 5]})
>>> mt.stats.describe(r, by="statement")[["statement", "n", "mean"]]
  statement  n  mean
0        S1  5   3.2
"""

from __future__ import annotations

from maturity.stats.descriptive import across_organisations, describe, rank_statements
from maturity.stats.inference import (
    change,
    compare_parallel,
    compare_roles,
    holm,
    midpoint_summary,
    midpoint_test,
)
from maturity.stats.scales import (
    RELIABLE_ALPHA,
    Reliability,
    add_reliability,
    dimension_scores,
    reliability,
)

__all__ = [
    "describe",
    "across_organisations",
    "rank_statements",
    "midpoint_test",
    "midpoint_summary",
    "compare_roles",
    "compare_parallel",
    "reliability",
    "Reliability",
    "add_reliability",
    "RELIABLE_ALPHA",
    "dimension_scores",
    "change",
    "holm",
]
