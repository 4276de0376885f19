{
    "name": "Social Assistance: Care",
    "summary": "Needs assessments, care plans, medical care, activities, "
    "incidents and family visits",
    "version": "18.0.1.0.0",
    "category": "Services/Social Assistance",
    "author": "CTXH Developers",
    "website": "https://github.com/ctxh-odoo/ctxh",
    "license": "LGPL-3",
    "depends": ["ctxh_residents"],
    "data": [
        "security/ctxh_care_plan_security.xml",
        "security/ctxh_medical_security.xml",
        "security/ctxh_activity_security.xml",
        "security/ctxh_incident_security.xml",
        "data/ctxh_care_plan_data.xml",
        "data/ctxh_medical_data.xml",
        "data/ctxh_activity_data.xml",
        "data/ctxh_incident_data.xml",
        "views/ctxh_care_menus.xml",
        "views/ctxh_care_plan_views.xml",
        "views/ctxh_medical_views.xml",
        "views/ctxh_activity_views.xml",
        "views/ctxh_incident_views.xml",
        "views/ctxh_dose_correction_views.xml",
    ],
    "demo": [
        "demo/ctxh_care_plan_demo.xml",
        "demo/ctxh_medical_demo.xml",
        "demo/ctxh_activity_demo.xml",
        "demo/ctxh_incident_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ctxh_care/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
