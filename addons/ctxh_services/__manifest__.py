{
    "name": "Social Assistance: Services and Billing",
    "summary": "Care contracts, monthly billing, deposits, state allowances "
    "and community social work services",
    "version": "18.0.1.0.0",
    "category": "Services/Social Assistance",
    "author": "CTXH Developers",
    "website": "https://github.com/ctxh-odoo/ctxh",
    "license": "LGPL-3",
    "depends": ["ctxh_residents", "account", "product", "l10n_vn"],
    "data": [
        "security/ctxh_services_groups.xml",
        "security/ir.model.access.csv",
        "views/ctxh_services_menus.xml",
        "views/account_move_views.xml",
    ],
    "installable": True,
}
