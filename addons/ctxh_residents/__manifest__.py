{
    "name": "Social Assistance: Residents",
    "summary": "Facilities, residents, admissions, stays and discharges "
    "for Vietnamese social-care and rehabilitation centres",
    "version": "18.0.1.0.0",
    "category": "Services/Social Assistance",
    "author": "CTXH Developers",
    "website": "https://github.com/ctxh-odoo/ctxh",
    "license": "LGPL-3",
    "depends": ["base", "mail"],
    "data": [
        "security/ctxh_residents_groups.xml",
        "security/ir.model.access.csv",
        "data/res_lang_data.xml",
        "views/ctxh_menus.xml",
        "views/res_company_views.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ctxh_residents/static/src/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "application": True,
    "installable": True,
}
