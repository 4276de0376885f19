"""The Social Assistance groups, named once: code checks and field groups use these names, not the xmlids."""

CARE = "ctxh_residents.group_ctxh_care_staff"
MEDICAL = "ctxh_residents.group_ctxh_medical"
ACCOUNTANT = "ctxh_residents.group_ctxh_accountant"
DIRECTOR = "ctxh_residents.group_ctxh_director"
# implied by medical staff and directors: HIV, drug use, victim and court details
SENSITIVE = "ctxh_residents.group_ctxh_sensitive"
