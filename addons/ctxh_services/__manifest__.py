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
        "security/ctxh_contract_security.xml",
        "security/ctxh_allowance_security.xml",
        "security/ctxh_social_security.xml",
        "data/ctxh_contract_data.xml",
        "data/ctxh_allowance_data.xml",
        "data/ctxh_social_data.xml",
        "views/ctxh_services_menus.xml",
        "views/account_move_views.xml",
        "views/account_payment_views.xml",
        "views/ctxh_contract_views.xml",
        "views/ctxh_allowance_views.xml",
        "views/ctxh_social_views.xml",
    ],
    "demo": [
        "demo/ctxh_contract_demo.xml",
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
