"""Plain Python helpers of the import wizard: cell values, and the rows and sheets read from a file."""

import re
import unicodedata
from datetime import date, datetime

NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
THOUSANDS_RE = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
# old and new placement of the tone mark (Hoà / Hòa, Thuỷ / Thủy): both are written, both must match
TONE_PLACEMENT = str.maketrans({"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ"})
TONE_RE = re.compile(r"o[àáảãạ]|u[ỳýỷỹỵ]")
TONE_Y = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in the user's language."""


def clean(value):
    """The cell as text: stripped, NFC-normalised (text pasted from the web is often decomposed),
    whole numbers without the ``.0`` Excel gives them, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", str(value)).strip()


def _move_tone(match):
    pair = match.group(0)
    if pair[0] == "o":
        return pair[1].translate(TONE_PLACEMENT) + "a"
    return TONE_Y[pair[1]] + "y"


def norm(value):
    """The cell as a key to compare names and labels: case, spacing, a trailing ``*`` and the place
    of the tone mark ignored."""
    return TONE_RE.sub(_move_tone, " ".join(clean(value).rstrip("*").casefold().split()))


def parse_date(value):
    """A real spreadsheet date, or dd/mm/yyyy text (also with - or .); None when it is neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = DATE_RE.match(clean(value))
    if not match:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def parse_number(value):
    """A number cell, or text such as 7.500.000, 7,500,000, 2,5 or 60; None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = clean(value).replace(" ", "").replace("\u00a0", "").rstrip("%")
    if THOUSANDS_RE.match(text):
        return float(re.sub(r"[.,]", "", text))
    if NUMBER_RE.match(text):
        return float(text.replace(",", "."))
    return None


def national_id_text(value):
    """A citizen ID as its 12 digits: Excel drops the leading zeros of one typed as a number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value)).zfill(12)
    return clean(value).replace(" ", "")


class ImportRow:
    """A data row of a sheet: its cells by column key, its row number as the spreadsheet shows it,
    what is wrong with it, the rows of the file it needs, the values to save and, once saved, its record."""

    def __init__(self, sheet, number, cells):
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.problems = []  # (column key or None, message)
        self.needs = []  # (column key or None, row of the file, message builder)
        self.vals = {}
        self.record = None

    def add_problem(self, key, message):
        self.problems.append((key, message))

    def need(self, key, row, message):
        """This row is imported only with ``row``; ``message(row)`` explains it when ``row`` is not."""
        if row is not self:
            self.needs.append((key, row, message))

    @property
    def valid(self):
        return not self.problems and not self.sheet.problems

    def __repr__(self):
        return f"<ImportRow {self.sheet.key}:{self.number}>"


class ImportSheet:
    """A sheet of the file that the template knows: which column holds what, its data rows, and the
    problems of the sheet as a whole (a missing column, a user not allowed to import it)."""

    def __init__(self, spec, title):
        self.spec = spec
        self.key = spec["key"]
        self.title = title
        self.columns = {}  # column key -> column letter in the file
        self.rows = []
        self.problems = []  # (column key or None, message), reported on the header row

    @property
    def valid_rows(self):
        return [row for row in self.rows if row.valid]
