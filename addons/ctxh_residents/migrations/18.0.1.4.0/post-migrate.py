"""Time limits in working days and the admission chain (issue 18).

The shipped admission types are noupdate data: an emergency dossier is completed within 10 working days (Decree
20/2021 Art. 28(2)(b)), not 25 (the abandoned child's public notice, now a step of its own); a normal admission
takes 25 working days in all since 1 July 2025 (procedure 2.000286), not the 34 published before. Each is corrected
unless an administrator changed it. Admissions not yet decided get their chain."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, old, new in (("ctxh_residents.admission_type_emergency", 25, 10),
                            ("ctxh_residents.admission_type_regular", 34, 25)):
        admission_type = env.ref(xmlid, raise_if_not_found=False)
        if admission_type and admission_type.dossier_days == old:
            admission_type.dossier_days = new
    temporary = env.ref("ctxh_residents.admission_type_rehab_temporary", raise_if_not_found=False)
    if temporary and temporary.dossier_days == 15:
        temporary.dossier_calendar_days = True  # Law 73/2021 Art. 34 counts the 15 days as days
    open_ones = env["ctxh.admission"].search([("state", "in", ("draft", "submitted", "admitted")),
                                              ("step_line_ids", "=", False)])
    open_ones._ctxh_build_steps()
