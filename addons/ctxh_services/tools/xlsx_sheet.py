"""An .xlsx sheet read with openpyxl, in the shape OCA's statement parser reads from xlrd (book, sheet)."""

import io

import openpyxl

# xlrd's cell types, as OCA's parser compares them
XL_CELL_EMPTY, XL_CELL_TEXT, XL_CELL_NUMBER = 0, 1, 2


class _Book:
    datemode = 0


class _Sheet:
    def __init__(self, rows):
        self._rows = rows
        self.nrows = len(rows)

    def row_values(self, row):
        return ["" if value is None else value for value in self._rows[row]]

    def row_len(self, row):
        return len(self._rows[row])

    def cell_value(self, row, col):
        value = self._rows[row][col]
        return "" if value is None else value

    def cell_type(self, row, col):
        # a date cell is handed over as the datetime openpyxl already made of it, which the parser takes as is
        value = self._rows[row][col]
        if value is None:
            return XL_CELL_EMPTY
        return XL_CELL_NUMBER if isinstance(value, (int, float)) else XL_CELL_TEXT


def open_xlsx(data):
    """(book, first sheet) of the .xlsx file ``data``, or None when it is not one."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, openpyxl.utils.exceptions.InvalidFileException):
        return None
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    width = max((len(row) for row in rows), default=0)
    return _Book(), _Sheet([row + [None] * (width - len(row)) for row in rows])
