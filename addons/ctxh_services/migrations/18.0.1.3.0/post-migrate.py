"""The burial support of a resident who dies in a facility is 50 times the standard level (Decree 20/2021 Art. 25(3)),
not the 20 times first shipped (Art. 11, people on monthly allowances in the community). The shipped parameter is
noupdate data: it is corrected here unless an administrator already changed it; supports not yet approved take it
up, approved ones stay as the director approved them."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    parameter = env.ref("ctxh_services.legal_parameter_burial_support_multiplier", raise_if_not_found=False)
    if parameter and parameter.value == 20:
        parameter.write({
            "value": 50,
            "name": "Burial support of a resident who dies in a facility, times the standard social assistance level",
            "legal_basis": "Điều 25 khoản 3 Nghị định 20/2021/NĐ-CP (20 lần là Điều 11, cho người hưởng trợ cấp "
                           "tại cộng đồng)",
        })
    drafts = env["ctxh.burial.support"].search([("state", "=", "draft")])
    drafts._compute_multiplier()
