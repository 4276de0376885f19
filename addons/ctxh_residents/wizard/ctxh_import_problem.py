from odoo import fields, models


class CtxhImportProblem(models.TransientModel):
    """Something wrong in an import file, where the spreadsheet shows it: sheet, row, column."""

    _name = "ctxh.import.problem"
    _description = "Import Problem"
    _order = "sequence, id"
    wizard_id = fields.Many2one("ctxh.import.wizard", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer()
    sheet = fields.Char(required=True)
    row = fields.Integer(help="Row number as the spreadsheet shows it; 1 is the row of column labels.")
    column = fields.Char(help="Column letter as the spreadsheet shows it.")
    column_label = fields.Char(string="Column Label")
    value = fields.Char(string="Cell Value")
    message = fields.Char(required=True)
