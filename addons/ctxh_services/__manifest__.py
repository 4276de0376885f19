{
    "name": "Social Assistance: Services and Billing",
    "summary": "Care contracts, monthly billing, deposits, state allowances "
    "and community social work services",
    "version": "18.0.1.2.0",
    "category": "Services/Social Assistance",
    "author": "CTXH Developers",
    "website": "https://github.com/ctxh-odoo/ctxh",
    "license": "LGPL-3",
    # account_statement_import_sheet_file: OCA bank-statement-import (PyPI
    # odoo-addon-account-statement-import-sheet-file), the banks' XLSX/CSV statements
    "depends": ["ctxh_residents", "account", "product", "l10n_vn", "l10n_vn_edi_viettel",
                "account_statement_import_sheet_file"],
    "data": [
        "security/ctxh_services_groups.xml",
        "security/ir.model.access.csv",
        "security/ctxh_contract_security.xml",
        "security/ctxh_care_contract_addendum_security.xml",
        "security/ctxh_allowance_security.xml",
        "security/ctxh_social_security.xml",
        "data/res_bank_data.xml",
        "data/account_statement_import_sheet_mapping_data.xml",
        "data/ctxh_contract_data.xml",
        "data/ctxh_allowance_data.xml",
        "data/ctxh_social_data.xml",
        "views/ctxh_services_menus.xml",
        "views/account_move_views.xml",
        "views/account_payment_views.xml",
        "views/account_bank_statement_line_views.xml",
        "views/ctxh_contract_views.xml",
        "views/ctxh_care_contract_addendum_views.xml",
        "views/ctxh_allowance_views.xml",
        "views/ctxh_social_views.xml",
        "views/ctxh_import_wizard_views.xml",
    ],
    "demo": [
        "demo/ctxh_contract_demo.xml",
        "demo/ctxh_einvoice_demo.xml",
        "demo/ctxh_payment_demo.xml",
        "demo/ctxh_allowance_demo.xml",
        "demo/ctxh_social_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ctxh_services/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
