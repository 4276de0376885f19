from odoo import api, fields, models
from odoo.fields import Command

from ..tools.groups import CARE


class CtxhImportWizard(models.TransientModel):
    """Import residents and their relatives (and, with the services module, care contracts) from the
    facility's XLSX template. Every row is checked first without saving anything; then either every
    row is saved at once, or, if the user asks, only the rows without problems. The engine and each sheet
    live in their own files."""

    _name = "ctxh.import.wizard"
    _inherit = ["ctxh.import.engine", "ctxh.import.sheet.resident", "ctxh.import.sheet.relative"]
    _description = "Import from a Spreadsheet"

    company_id = fields.Many2one("res.company", string="Facility", required=True, readonly=True,
                                 default=lambda self: self.env.company)
    state = fields.Selection(
        [("upload", "Choose the file"), ("checked", "Checked"), ("done", "Imported")],
        default="upload", required=True, readonly=True)
    file = fields.Binary(string="File", attachment=False, help="The filled-in template (.xlsx).")
    filename = fields.Char()
    template_file = fields.Binary(attachment=False, readonly=True)
    template_filename = fields.Char(readonly=True)
    valid_only = fields.Boolean(
        string="Import only the valid rows",
        help="Save the rows without problems and leave out the others (and the rows that need them). "
        "Without it, nothing is saved while any row has a problem.")
    problem_ids = fields.One2many("ctxh.import.problem", "wizard_id", string="Problems", readonly=True)
    problem_count = fields.Integer(compute="_compute_problem_count")
    row_count = fields.Integer(string="Rows", readonly=True)
    valid_row_count = fields.Integer(string="Rows Without Problems", readonly=True)
    summary = fields.Text(readonly=True)
    resident_ids = fields.Many2many("ctxh.resident", string="Imported Residents", readonly=True)

    @api.depends("problem_ids")
    def _compute_problem_count(self):
        for wizard in self:
            wizard.problem_count = len(wizard.problem_ids)

    @api.onchange("file")
    def _onchange_file(self):
        # another file: what was found in the previous one no longer holds
        self.state = "upload"
        self.problem_ids = False
        self.summary = False
        self.row_count = self.valid_row_count = 0

    # ------------------------------------------------------------------
    # The template: sheets and columns (other modules add their sheets)
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_import_sheets(self):
        """The sheets of the template, in import order. Each: ``key`` (``_ctxh_check_<key>`` and
        ``_ctxh_import_<key>`` handle it), ``title``, ``group`` allowed to import it, ``columns``.
        A column: ``key``, ``label``, ``hint`` (row 2), ``required``, ``width``, ``kind`` (text, date,
        number) and ``choices``, a function giving the (value, explanation) pairs of its drop-down
        list (``strict`` when only those values are allowed). Labels and titles are in the user's
        language; a file is read in any of the import languages."""
        return [
            {"key": "resident", "title": self.env._("Residents"), "group": CARE,
             "columns": self._ctxh_resident_columns()},
            {"key": "relative", "title": self.env._("Relatives"), "group": CARE,
             "columns": self._ctxh_relative_columns()},
        ]

    def _ctxh_import_done_vals(self, created):
        """Values of the wizard that link what the import created."""
        return {"resident_ids": [Command.set(created.get("resident", self.env["ctxh.resident"]).ids)]}

    def action_view_residents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_residents.ctxh_resident_action")
        action["domain"] = [("id", "in", self.resident_ids.ids)]
        return action
