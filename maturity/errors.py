"""The package's exception family.

Every error raised on bad input is an :class:`InputError` whose message names the file, the
sheet and the cell where the problem sits, and says what to do about it.
"""

from __future__ import annotations

__all__ = ["MaturityError", "InputError"]


class MaturityError(Exception):
    """Base class of every error raised deliberately by ``maturity``.

    Examples
    --------
    >>> try:
    ...     raise MaturityError("something went wrong")
    ... except MaturityError as err:
    ...     print(err)
    something went wrong
    """


class InputError(MaturityError, ValueError):
    """Bad input: a file, sheet or cell that cannot be accepted.

    Parameters
    ----------
    message : str
        What is wrong and what to do about it.
    file, sheet, cell : str, optional
        Where the problem is. They are prefixed to the message as ``file:sheet:cell``.

    Examples
    --------
    >>> err = InputError("value 7 is outside the scale 1-5", file="a.xlsx", sheet="Svar", cell="D4")
    >>> str(err)
    'a.xlsx:Svar:D4: value 7 is outside the scale 1-5'
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.reason = message
        where = ":".join(str(part) for part in (file, sheet, cell) if part)
        super().__init__(f"{where}: {message}" if where else message)
