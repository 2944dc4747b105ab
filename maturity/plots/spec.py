"""A figure to draw, as data: which plot function and with which arguments.

A :class:`FigureSpec` holds no callable, only the plot function's dotted name and its arguments
(tables and plain values), so it can be pickled to a worker process, compared and logged. It
imports nothing heavy: matplotlib loads only when the figure is drawn.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

__all__ = ["FigureSpec"]


@dataclass(frozen=True)
class FigureSpec:
    """One figure: ``function`` is ``"module:name"`` of a plot function in :mod:`maturity.plots`.

    Calling the spec draws the figure and returns the matplotlib Figure. ``caption`` says in
    words what it shows (the wave included); the summary uses it as the figure's heading.

    Examples
    --------
    >>> spec = FigureSpec("maturity.plots.style:signed", (0.25, "sv"), {"digits": 2})
    >>> spec()
    '+0,25'
    """

    function: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    #: What the figure shows, in the report's language (the summary's heading for it).
    caption: str = ""

    def __call__(self):
        module_name, _, name = self.function.partition(":")
        draw = getattr(importlib.import_module(module_name), name)
        return draw(*self.args, **self.kwargs)
