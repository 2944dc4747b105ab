"""Personal data in input cells: keyed pseudonyms for respondent ids, masks for everything else.

Survey exports carry personal data where the analysis needs none: a personnummer or an e-mail
address used as respondent id, a name or a phone number typed into a comment column. None of it
may reach an output (``data/processed/``, ``reports/``):

* **Respondent ids.** An id that is a short code (``R001``, ``17``, ``FÄR-IT``, ``resp-0042``:
  at most 20 letters, digits and ``- _ . : /``, never five small letters in a row, and three
  only beside a digit) is kept as it is written. Any other id, and
  every id that looks like a personnummer or samordningsnummer (``YYMMDD-NNNN``,
  ``YYYYMMDDNNNN``, with or without separator), an e-mail address or a phone number
  (``070-123 45 67``, ``+46 70 …``), is replaced by a *keyed pseudonym*: ``p`` and 16 hex
  digits of HMAC-SHA256 of the normalised id under a per-project secret (:class:`Pseudonyms`).
  The same person gets the same pseudonym in every file and wave (so people are still linked
  across waves), while nobody without the secret can test a staff list against it, as one
  could against a plain hash.
* **The secret** (:func:`project_secret`) is 32 random bytes (64 hex digits) in the file
  :data:`SECRET_FILE` (``.maturity-secret``) beside the raw data, created the first time an id
  needs it; it is the only file ever written into the raw folder, and never into an output.
  ``MATURITY_SECRET`` (environment) or an explicit ``secret=`` (``build_report``, ``maturity
  report --secret``) take its place, e.g. when the raw folder is read-only. Keep the file with
  the raw data: without it next year's pseudonyms differ and waves cannot be linked.
* **Other values** from columns that are not read (an unknown header, a cell without a header, a
  stray cell) are quoted in problems only as a masked excerpt (:func:`mask`: ``"Anna"`` →
  ``"A***"``), and any personnummer, e-mail address or phone number inside any problem text is
  masked the same way (:func:`scrub`).
* **Answers off the scale** (a survey answer or a capability level that is no label of its
  scale) can be a name or a comment typed into the wrong cell. They are quoted as written only
  when they look like a mistyped label (:func:`excerpt`): a short number, a mark (``x``), or
  at most 20 characters with no e-mail address, no run of five digits,
  nothing :func:`is_personal`, close to a label of the scale or sharing a word with one
  (``"Instämer helt"``, ``"Instämmer nästan"``). Anything else (``"Karin Lindqvist"``) is
  masked.
* **Columns of the registers** (capability map, risk register, action plan) whose header
  matches no field: the risk register and the action plan read them past (``Ansvarig``,
  ``Kommentar`` …: never read, never quoted); a capability-map column whose header is no known
  organisation is reported once at its header and each of its values only masked, or, when
  its cells are mostly text that is no level, reported once at its header as free text
  (``skipped_column``) and not read at all.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

__all__ = [
    "SECRET_FILE",
    "SECRET_ENV",
    "Pseudonyms",
    "is_personal",
    "excerpt",
    "mask",
    "project_secret",
    "scrub",
]

#: The file beside the raw data that holds the project's secret (64 hex digits).
SECRET_FILE = ".maturity-secret"
#: The environment variable that, when set, is the secret instead of the file.
SECRET_ENV = "MATURITY_SECRET"

_SEP = r"[ \u00a0\-–+.]?"
_PNR = re.compile(r"(?<![\d])(?:19|20)?\d{6}" + _SEP + r"\d{4}(?![\d])")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d \u00a0\-–/().]{6,17}\d(?![\d])")
_HINT = re.compile(r"@|\d[\d \u00a0\-–+./()]{5,}\d")
_CODE = re.compile(r"[\w.:/\-]{1,20}")
_WORD = re.compile(r"[^\W\d_A-ZÅÄÖ]{3}")  # three small letters in a row: could be a name
_LONG_WORD = re.compile(r"[^\W\d_A-ZÅÄÖ]{5}")
#: Ids that :meth:`Pseudonyms.keeps` keeps for sure, tested on many at once (Arrow's regular
#: expressions, ASCII only): a short code of ASCII letters, digits and ``_ . : / -``, no five
#: small letters in a row, three only beside a digit, and fewer than eight digits (so no
#: personnummer or phone number; no "@" either). Any other id is judged one by one.
_PLAIN_CODE = r"^[A-Za-z0-9_.:/\-]{1,20}$"
_PLAIN_NOT = (r"[a-z]{5}", r"([0-9][^0-9]*){8}")


def _valid_pnr(digits: str) -> bool:
    """A 10- or 12-digit personnummer or samordningsnummer with a real date (day + 60 for a
    samordningsnummer); the check digit is not required (a typo is still personal)."""
    if len(digits) == 12:
        digits = digits[2:]
    if len(digits) != 10:
        return False
    year, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    try:
        date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def _phone_digits(text: str) -> str | None:
    """The digits of a Swedish phone number (``07…``, ``0…``, ``+46…``), None otherwise."""
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith(("+", "00")):
        digits = digits[2:] if digits.startswith("00") else digits
        if digits.startswith("46"):
            digits = "0" + digits[2:]
        elif 8 <= len(digits) <= 15:
            return digits
    if digits.startswith("0") and 8 <= len(digits) <= 11:
        return digits
    return None


def _personal_matches(text: str) -> list[tuple[int, int]]:
    """Spans of personnummer, e-mail addresses and phone numbers in ``text``."""
    spans = [m.span() for m in _EMAIL.finditer(text)]
    for m in _PNR.finditer(text):
        if _valid_pnr(re.sub(r"\D", "", m.group())):
            spans.append(m.span())
    for m in _PHONE.finditer(text):
        if _phone_digits(m.group()) is not None:
            spans.append(m.span())
    return sorted(spans)


def is_personal(value: object) -> bool:
    """Whether a value holds a personnummer, samordningsnummer, e-mail address or phone number.

    Examples
    --------
    >>> [is_personal(v) for v in ["850709-9805", "198507099805", "8507699805", "R001", "17"]]
    [True, True, True, False, False]
    >>> [is_personal(v) for v in ["anna.svensson@kommun.se", "070-123 45 67", "+46 70 1234567"]]
    [True, True, True]
    """
    return bool(_personal_matches(str(value)))


_SHORT_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def mask(value: object) -> str:
    """A short masked excerpt of a value: its first character and ``***``.

    A short number (at most four characters, such as an answer ``4`` or ``2,5``) names no
    one and is shown as it is.

    Examples
    --------
    >>> mask("Anna Svensson"), mask("070-1234567"), mask(""), mask(None), mask("4")
    ('A***', '0***', '', '', '4')
    """
    text = "" if value is None else str(value).strip()
    if len(text) <= 4 and _SHORT_NUMBER.fullmatch(text):
        return text
    return text[:1] + "***" if text else ""


_DIGIT_RUN = re.compile(r"\d[\d \u00a0\-–+./()]{3,}\d")
_LETTERS = re.compile(r"[^\W\d_]+")
_PLAIN_NUMBER = re.compile(r"[-+]?\d{1,4}(?:[.,]\d{1,2})?")


def _like_a_label(text: str, labels: Iterable[str]) -> bool:
    """Whether ``text`` is close to a label, or one of its words (three letters or more) is
    close to a word of a label: ``"Instämer helt"``, ``"Instämmer nästan"``, ``"Pågåend"``."""
    folded = text.casefold()
    words = [w for w in _LETTERS.findall(folded) if len(w) >= 3]
    for label in labels:
        label = str(label).casefold()
        if SequenceMatcher(None, folded, label).ratio() >= 0.75:
            return True
        for known in _LETTERS.findall(label):
            if any(SequenceMatcher(None, w, known).ratio() >= 0.8 for w in words):
                return True
    return False


def excerpt(value: object, labels: Iterable[str] = ()) -> str:
    """An off-scale answer as written when it looks like a mistyped label, else :func:`mask`.

    Quoted as written: a short number (``6``, ``2,5``, ``100``), a mark (``x``, ``?``, ``-``,
    at most two characters, or three that are not all letters), and text of at most 20 characters with no e-mail address, no
    run of five digits and nothing :func:`is_personal` that is close to a label of the scale or
    shares a word with one. Anything else (a name, a comment, a phone number) is masked.

    Parameters
    ----------
    value : object
        The answer as read.
    labels : iterable of str
        The labels (or accepted spellings) of the scale.

    Returns
    -------
    str

    Examples
    --------
    >>> labels = ["Instämmer inte alls", "Instämmer helt", "Vet ej"]
    >>> [excerpt(v, labels) for v in ["Instämer helt", "vet inte", "x", "6", "Instämer"]]
    ['Instämer helt', 'vet inte', 'x', '6', 'Instämer']
    >>> [excerpt(v, labels) for v in ["Karin Lindqvist", "anna", "0701234567", "a@b.se"]]
    ['K***', 'a***', '0***', 'a***']
    """
    text = "" if value is None else str(value).strip()
    if _PLAIN_NUMBER.fullmatch(text) or len(text) <= 2 or (len(text) == 3 and not text.isalpha()):
        return text
    if (
        len(text) > 20
        or "@" in text
        or _DIGIT_RUN.search(text)
        or re.search(r"\d{5}", text)
        or is_personal(text)
    ):
        return mask(text)
    return text if _like_a_label(text, labels) else mask(text)


def scrub(text: object) -> str:
    """``text`` with every personnummer, e-mail address and phone number in it masked.

    Examples
    --------
    >>> scrub("ring 070-123 45 67 eller mejla anna@kommun.se")
    'ring 0*** eller mejla a***'
    >>> scrub("Instämmer helt")
    'Instämmer helt'
    """
    text = "" if text is None else str(text)
    if not _HINT.search(text):
        return text
    spans = _personal_matches(text)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        if start < last:  # overlapping matches (a phone number inside an id)
            if end > last:
                last = end
            continue
        out.append(text[last:start])
        out.append(mask(text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def _normalised(value: str) -> str:
    """One form per person: digits of a personnummer (10) or phone number, lower-case e-mail,
    case- and space-folded text otherwise."""
    text = unicodedata.normalize("NFC", value).strip()
    digits = re.sub(r"\D", "", text)
    if _EMAIL.fullmatch(text):
        return text.casefold()
    if re.fullmatch(r"(?:\d\d)?\d{6}[-+]?\d{4}", text) and _valid_pnr(digits):
        return "pnr:" + digits[-10:]
    phone = _phone_digits(text)
    if phone is not None and not re.search(r"[^\d \u00a0\-–/().+]", text):
        return "tel:" + phone
    return " ".join(text.split()).casefold()


class Pseudonyms:
    """Respondent ids as written, or as keyed pseudonyms when they could name a person.

    Parameters
    ----------
    secret : bytes, str or callable
        The key (see :func:`project_secret`), or a function returning it, called only when the
        first id needs a pseudonym (so that an export with plain codes creates no secret).

    Examples
    --------
    >>> ids = Pseudonyms(b"0" * 32)
    >>> ids("R001"), ids("17")
    ('R001', '17')
    >>> ids("850709-9805") == ids("19850709-9805") == ids("8507099805")
    True
    >>> ids("Anna@Kommun.se") == ids("anna@kommun.se"), ids("anna@kommun.se")[:1]
    (True, 'p')
    >>> Pseudonyms(b"1" * 32)("anna@kommun.se") != ids("anna@kommun.se")
    True
    """

    def __init__(self, secret) -> None:
        self._secret = secret
        self._key: bytes | None = None
        self._cache: dict[str, str] = {}

    @staticmethod
    def keeps(value: str) -> bool:
        """Whether an id is an ordinary short code, kept as it is written.

        Examples
        --------
        >>> [Pseudonyms.keeps(v) for v in ["R001", "a-it", "FÄR-IT", "resp-0042", "Anna"]]
        [True, True, True, True, False]
        >>> Pseudonyms.keeps("0701234567"), Pseudonyms.keeps("anna.svensson")
        (False, False)
        """
        return (
            bool(_CODE.fullmatch(value))
            and not _LONG_WORD.search(value)
            and (any(ch.isdigit() for ch in value) or not _WORD.search(value))
            and not is_personal(value)
        )

    def many(self, values: list[str]) -> list[str]:
        """The ids to carry for many values, as calling with each would give them: the plain
        short codes (most ids) are recognised in one pass over all of them, in C; the rest
        are judged one by one.

        Examples
        --------
        >>> ids = Pseudonyms(b"0" * 32)
        >>> ids.many(["R001", "resp-0042", "850709-9805"]) == [ids(v) for v in ["R001",
        ...     "resp-0042", "850709-9805"]]
        True
        """
        plain = _plain_codes(values)
        return [value if keep else self(value) for value, keep in zip(values, plain, strict=True)]

    def key(self) -> bytes:
        """The secret as bytes (asked for once)."""
        if self._key is None:
            secret = self._secret() if callable(self._secret) else self._secret
            self._key = secret.encode() if isinstance(secret, str) else bytes(secret)
        return self._key

    def __call__(self, value: str) -> str:
        """The id to carry for ``value``."""
        found = self._cache.get(value)
        if found is None:
            text = value.strip()
            if self.keeps(text):
                found = text
            else:
                digest = hmac.new(self.key(), _normalised(text).encode(), hashlib.sha256)
                found = "p" + digest.hexdigest()[:16]
            self._cache[value] = found
        return found


def _plain_codes(values: list[str]) -> list[bool]:
    """Per value: True when it is a plain short code (:data:`_PLAIN_CODE`), kept as written."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not values:
        return []
    texts = pa.array(values, pa.string())
    plain = pc.match_substring_regex(texts, _PLAIN_CODE)
    for pattern in _PLAIN_NOT:
        plain = pc.and_(plain, pc.invert(pc.match_substring_regex(texts, pattern)))
    three = pc.match_substring_regex(texts, r"[a-z]{3}")
    plain = pc.and_(plain, pc.or_(pc.invert(three), pc.match_substring_regex(texts, "[0-9]")))
    return pc.fill_null(plain, False).to_pylist()


def project_secret(raw: str | Path, *, secret: str | bytes | None = None) -> bytes:
    """The project's pseudonym key: ``secret`` if given, else ``$MATURITY_SECRET``, else the
    file :data:`SECRET_FILE` in the folder ``raw`` (created with 32 random bytes when missing).

    Parameters
    ----------
    raw : str or Path
        The raw-data folder (or a file in it).
    secret : str or bytes, optional
        An explicit key; wins over the environment and the file.

    Returns
    -------
    bytes

    Raises
    ------
    InputError
        When the file is missing and cannot be created (a read-only folder): set
        ``MATURITY_SECRET`` or pass ``secret``.

    Examples
    --------
    >>> project_secret("data/raw", secret="a shared key")
    b'a shared key'
    """
    from maturity.errors import InputError

    if secret is not None:
        return secret.encode() if isinstance(secret, str) else bytes(secret)
    from_env = os.environ.get(SECRET_ENV)
    if from_env:
        return from_env.encode()
    folder = Path(raw)
    if folder.is_file() or folder.suffix.lower() in {".xlsx", ".xlsm"}:
        folder = folder.parent
    path = folder / SECRET_FILE
    try:
        if not path.exists():
            path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
        return path.read_text(encoding="ascii").strip().encode()
    except OSError as error:
        raise InputError(
            f"cannot read or create the pseudonym secret ({error.strerror}); set "
            f"{SECRET_ENV} or pass --secret",
            file=str(path),
        ) from None
