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
        "security/ctxh_residents_security.xml",
        "data/res_lang_data.xml",
        "data/res_country_state_data.xml",
        "data/ctxh_ethnicity_data.xml",
        "data/ctxh_resident_category_data.xml",
        "views/ctxh_menus.xml",
        "views/res_company_views.xml",
        "views/ctxh_resident_views.xml",
        "views/ctxh_room_views.xml",
        "views/ctxh_config_views.xml",
        "views/ctxh_residents_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/ctxh_resident_demo.xml",
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
