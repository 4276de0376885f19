{
    "name": "Social Assistance: Reports",
    "summary": "Printed decisions and contracts, statutory XLSX reports and dashboards",
    "version": "18.0.1.0.0",
    "category": "Services/Social Assistance",
    "author": "CTXH Developers",
    "website": "https://github.com/ctxh-odoo/ctxh",
    "license": "LGPL-3",
    # report_xlsx: OCA reporting-engine (PyPI odoo-addon-report-xlsx), XLSX reports on the Print menu
    "depends": ["ctxh_care", "ctxh_services", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "views/ctxh_reports_menus.xml",
        "report/ctxh_document_layout.xml",
        # printed documents
        "report/ctxh_document_templates.xml",
        "report/ctxh_admission_documents.xml",
        "report/ctxh_discharge_documents.xml",
        "report/ctxh_care_contract_documents.xml",
        "report/account_payment_documents.xml",
        "report/account_move_documents.xml",
        "report/ctxh_resident_documents.xml",
        "report/ctxh_processing_register.xml",
        # xlsx reports and wizard
        "security/ctxh_report_wizard_security.xml",
        "report/ctxh_xlsx_reports.xml",
        "wizard/ctxh_report_wizard_views.xml",
        # dashboards
        "security/ctxh_dashboard_security.xml",
        "views/ctxh_dashboard_views.xml",
        "views/ctxh_office_overview_views.xml",
        "views/ctxh_print_buttons.xml",
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.report_assets_common": [
            "ctxh_reports/static/src/scss/ctxh_document.scss",
        ],
        "web.assets_backend": [
            "ctxh_reports/static/src/scss/ctxh_overview.scss",
            "ctxh_reports/static/src/js/xlsx_report_handler.js",
        ],
        "web.assets_tests": [
            "ctxh_reports/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
