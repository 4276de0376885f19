from odoo import fields, models

FACILITY_TYPES = [
    ("elderly", "Elderly care"),
    ("children", "Children in special circumstances"),
    ("disability", "People with disabilities"),
    ("mental_health", "Mental health"),
    ("general", "General social protection"),
    ("social_work", "Social work centre"),
    ("drug_rehab", "Drug rehabilitation"),
]


class ResCompany(models.Model):
    """A facility (cơ sở trợ giúp xã hội) is a company: its own budget unit and books."""

    _inherit = "res.company"

    ctxh_facility_type = fields.Selection(
        FACILITY_TYPES,
        string="Facility Type",
        help="Kind of social assistance facility (Decree 103/2017/NĐ-CP, Art. 5).",
    )
    ctxh_code = fields.Char(
        string="Facility Code",
        size=20,
        help="Short code used in document numbers, e.g. TTBTXH in 15/QĐ-TTBTXH.",
    )
    ctxh_capacity = fields.Integer(
        string="Licensed Capacity",
        help="Number of residents the facility is licensed to care for.",
    )

    _sql_constraints = [
        (
            "ctxh_capacity_positive",
            "CHECK (ctxh_capacity >= 0)",
            "The licensed capacity of a facility cannot be negative.",
        ),
    ]
