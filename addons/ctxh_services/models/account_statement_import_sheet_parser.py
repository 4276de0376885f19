import io
import zipfile

from odoo import models

from ..tools.xlsx_sheet import open_xlsx


class AccountStatementImportSheetParser(models.TransientModel):
    _inherit = "account.statement.import.sheet.parser"

    def _parse_data_xlrd(self, mapping, data_file):
        """Vietcombank and VietinBank export .xlsx, which xlrd 2 (Odoo 18's) no longer reads: such a file is read
        with openpyxl and handed to OCA's parser in the shape it reads from xlrd."""
        if zipfile.is_zipfile(io.BytesIO(data_file)):
            return open_xlsx(data_file)
        return super()._parse_data_xlrd(mapping, data_file)
