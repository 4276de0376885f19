"""Categories and dossier documents got a sensitivity flag. Their data is not updated on upgrade (an administrator
may have edited it), so the flag is set here once on the records shipped with the module, as a fresh install
sets it: HIV, victims and emergencies, administrative measures and drug rehabilitation; court decisions. Likewise the
admission types of a drug rehabilitation centre."""

from odoo.tools import SQL

SENSITIVE_RECORDS = {
    "ctxh_resident_category": (
        "category_child_hiv_poor", "category_victim_domestic_violence", "category_victim_sexual_abuse",
        "category_victim_trafficking", "category_victim_forced_labour", "category_awaiting_return",
        "category_emergency_other", "category_administrative_measure", "category_rehab_voluntary",
        "category_rehab_compulsory_adult", "category_rehab_compulsory_minor", "category_rehab_temporary",
    ),
    "ctxh_dossier_document_type": ("dossier_court_decision",),
}
# the admission types of a drug rehabilitation centre, offered there only
DRUG_REHAB_TYPES = ("admission_type_rehab_voluntary", "admission_type_rehab_compulsory",
                    "admission_type_rehab_temporary")


def migrate(cr, version):
    for table, names in SENSITIVE_RECORDS.items():
        cr.execute(SQL(
            """UPDATE %s SET sensitive = TRUE
                WHERE id IN (SELECT res_id FROM ir_model_data WHERE module = 'ctxh_residents' AND name IN %s)""",
            SQL.identifier(table), names))
    cr.execute(SQL(
        """UPDATE ctxh_admission_type SET drug_rehab = TRUE
            WHERE id IN (SELECT res_id FROM ir_model_data WHERE module = 'ctxh_residents' AND name IN %s)""",
        DRUG_REHAB_TYPES))
