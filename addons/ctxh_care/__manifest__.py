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
        "security/ir.model.access.csv",
        "views/ctxh_care_menus.xml",
    ],
    "installable": True,
}
