"""Who may do what, written once as data: the access matrix of every ctxh model and action.

Read by ``test_access_matrix`` (through the ORM), ``test_http_access_matrix`` (over JSON-RPC) and, against a
multi-worker server, the top-level ``tests/server/test_rpc_workers.py``: this file imports nothing, so that
suite loads it without Odoo.
The cells follow the product's rules (DOMAIN.md "Who does what", README "Configuration"), not
what the code happens to do; a comment says where a rule is silent and the code's choice is kept,
and ``DISCREPANCY`` marks a cell where the code breaks a rule (the test stays red until it is fixed).

Roles: ``user`` is an internal user with no ctxh group; ``care``, ``medical``, ``accountant`` and
``director`` hold the groups of ctxh_residents (medical implies care staff and sensitive data;
director implies medical and accountant).
"""

ROLES = ("user", "care", "medical", "accountant", "director")
ROLE_GROUPS = {
    "user": "base.group_user",
    "care": "ctxh_residents.group_ctxh_care_staff",
    "medical": "ctxh_residents.group_ctxh_medical",
    "accountant": "ctxh_residents.group_ctxh_accountant",
    "director": "ctxh_residents.group_ctxh_director",
}
OPERATIONS = ("read", "write", "create", "unlink")
LETTERS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}

# ----------------------------------------------------------------------
# Models: the operations each role may perform, "r" read, "w" write, "c" create, "d" delete (unlink).
# "Allowed" means the access rights and record rules let it through; a business rule may still
# refuse it (residents, stays, admissions and contracts are never deleted, for instance).
# ----------------------------------------------------------------------
NONE, R, RW, RWC, RWCD = "", "r", "rw", "rwc", "rwcd"

MODELS = {
    #                                  user  care  medical accountant director
    # --- registry, admission, stay and discharge (ctxh_residents) ---
    # accountants read residents, stays, admissions and discharges (what contracts need); only the
    # director deletes, and history models refuse deletion anyway
    "ctxh.resident":                  (NONE, RWC, RWC, R, RWCD),
    # relatives and documents are part of the registry, kept by care staff at intake
    "ctxh.resident.relative":         (NONE, RWCD, RWCD, R, RWCD),
    "ctxh.resident.document":         (NONE, RWCD, RWCD, R, RWCD),
    # configuration data: read by every role of the app, kept by the director
    "ctxh.resident.category":         (NONE, R, R, R, RWCD),
    # the 54 official ethnic groups and the religions are reference lists, not personal data: every
    # internal user reads them (the code's choice; the rules are silent)
    "ctxh.ethnicity":                 (R, R, R, R, RWCD),
    "ctxh.religion":                  (R, R, R, R, RWCD),
    # rooms and beds are set up by directors (README, Configuration)
    "ctxh.room":                      (NONE, R, R, R, RWCD),
    "ctxh.bed":                       (NONE, R, R, R, RWCD),
    # care staff place residents in beds (admission, transfer)
    "ctxh.bed.assignment":            (NONE, RWC, RWC, R, RWCD),
    "ctxh.supervising.body":          (NONE, R, R, R, RWCD),
    "ctxh.legal.parameter":           (NONE, R, R, R, RWCD),
    "ctxh.dossier.document.type":     (NONE, R, R, R, RWCD),
    "ctxh.admission.type":            (NONE, R, R, R, RWCD),
    # care staff do the intake; the director's decision is an action (see ACTIONS)
    "ctxh.admission":                 (NONE, RWC, RWC, R, RWCD),
    "ctxh.admission.document":        (NONE, RWCD, RWCD, R, RWCD),
    # the admission chain (issue 18): steps are configuration; the progress lines are moved by their actions and
    # kept as history (never deleted)
    "ctxh.admission.step":            (NONE, R, R, R, RWCD),
    "ctxh.admission.step.line":       (NONE, RWC, RWC, R, RWC),
    # care staff need to create stays: admitting (also at once, in an emergency) starts one
    "ctxh.stay":                      (NONE, RWC, RWC, R, RWCD),
    # the superior body's decision to extend an emergency stay, recorded by the director (Decree 20/2021 Art. 24(4))
    "ctxh.stay.extension":            (NONE, R, R, R, RWC),
    "ctxh.discharge.reason":          (NONE, R, R, R, RWCD),
    "ctxh.discharge":                 (NONE, RWC, RWC, R, RWCD),
    # DISCREPANCY: follow-up visits after reintegration are care records (their outcome says
    # "relapse"), and accountants read "residents, stays, admissions and discharges ... but no care,
    # health, incident or visit record" (README, Configuration). The code gives accountants read
    # access (ir.model.access.csv: access_ctxh_followup_accountant).
    "ctxh.followup":                  (NONE, RWC, RWC, NONE, RWCD),
    # written by the system only, read by directors only (Law 91/2025 on personal data)
    "ctxh.sensitive.access.log":      (NONE, NONE, NONE, NONE, R),
    # personal data protection (Law 91/2025/QH15): care staff record consents and breaches, nobody deletes them
    "ctxh.consent.purpose":           (NONE, R, R, R, RWCD),
    "ctxh.consent":                   (NONE, RWC, RWC, NONE, RWC),
    "ctxh.data.breach":               (NONE, RWC, RWC, RWC, RWC),
    # --- care (ctxh_care) ---
    "ctxh.assessment.domain":         (NONE, R, R, NONE, RWCD),
    "ctxh.assessment":                (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.assessment.line":           (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.care.plan":                 (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.care.plan.goal":            (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.care.plan.intervention":    (NONE, RWC, RWC, NONE, RWCD),
    # health records: medical staff and the director only
    "ctxh.health.check":              (NONE, NONE, RWC, NONE, RWCD),
    "ctxh.medical.event":             (NONE, NONE, RWC, NONE, RWCD),
    # Medication orders carry no diagnosis and carers give the doses on the medication round
    # (README, Care: "doses ... marked given, refused or missed"): care staff read orders and record
    # doses, medical staff prescribe. The code's choice is kept; the brief calls orders and
    # doses "medical group only", which the README's medication rounds contradict: the lead decides.
    "ctxh.medication":                (NONE, R, RWCD, NONE, RWCD),
    "ctxh.medication.administration": (NONE, RW, RWCD, NONE, RWCD),
    # carers and instructors run activities and take attendance
    "ctxh.programme":                 (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.programme.enrolment":       (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.programme.session":         (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.programme.attendance":      (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.rehab.stage":               (NONE, R, R, NONE, RWCD),
    "ctxh.incident":                  (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.incident.notification":     (NONE, RWCD, RWCD, NONE, RWCD),
    "ctxh.visit":                     (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.visit.request":             (NONE, RWC, RWC, NONE, RWC),  # answered, kept: the family was told
    # --- money (ctxh_services): accountants and the director ---
    "ctxh.price.list":                (NONE, NONE, NONE, RWC, RWCD),
    "ctxh.price.list.line":           (NONE, NONE, NONE, RWCD, RWCD),
    # care staff see that a contract exists and its state, never its money (the money fields carry
    # groups): the code's choice, consistent with "accountants see contracts and money"
    "ctxh.care.contract":             (NONE, R, R, RWC, RWCD),
    "ctxh.care.contract.payer":       (NONE, NONE, NONE, RWCD, RWCD),
    "ctxh.care.contract.line":        (NONE, NONE, NONE, RWCD, RWCD),
    # accountants draft addenda (and delete a draft), the director signs them (see ACTIONS)
    "ctxh.care.contract.addendum":    (NONE, NONE, NONE, RWCD, RWCD),
    "ctxh.care.contract.addendum.line": (NONE, NONE, NONE, RWCD, RWCD),
    "ctxh.care.contract.addendum.payer": (NONE, NONE, NONE, RWCD, RWCD),
    "ctxh.service.usage":             (NONE, NONE, NONE, RWCD, RWCD),
    "ctxh.billing.run":               (NONE, NONE, NONE, RWCD, RWCD),
    # accountants keep the dated levels and coefficients the law sets; only the director deletes
    "ctxh.assistance.level":          (NONE, NONE, NONE, RWC, RWCD),
    "ctxh.allowance.coefficient":     (NONE, NONE, NONE, RWC, RWCD),
    "ctxh.allowance.sheet":           (NONE, NONE, NONE, RWC, RWCD),
    "ctxh.allowance.sheet.line":      (NONE, NONE, NONE, RWC, RWCD),
    # arrears of a level entered late: computed by the accountant, approved by the director (issue 18)
    "ctxh.allowance.arrears":         (NONE, NONE, NONE, RWC, RWCD),
    "ctxh.allowance.arrears.line":    (NONE, NONE, NONE, RWC, RWCD),
    "ctxh.burial.support":            (NONE, NONE, NONE, RWC, RWCD),
    # --- social work for the community: care staff (README, Social Work) ---
    "ctxh.call.topic":                (NONE, R, R, NONE, RWCD),
    "ctxh.hotline.call":              (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.counselling.session":       (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.referral":                  (NONE, RWC, RWC, NONE, RWCD),
    # offices are set up by the director; every role of the app reads them (accountants bill day care by office)
    "ctxh.office":                    (NONE, R, R, R, RWCD),
    # community cases: the care team's work, like calls and referrals; only the director deletes a case; a
    # plan's goals and interventions are lines of an open case, removed by whoever keeps the plan
    "ctxh.case":                      (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.case.goal":                 (NONE, RWCD, RWCD, NONE, RWCD),
    "ctxh.case.intervention":         (NONE, RWCD, RWCD, NONE, RWCD),
    "ctxh.case.review":               (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.case.group":                (NONE, R, R, NONE, RWCD),
    "ctxh.case.closure.reason":       (NONE, R, R, NONE, RWCD),
    # village collaborators: registered by the care team, read by accountants who pay them; their trainings
    # are lines kept by the care team; the province's rate is configuration; the sheets are money
    "ctxh.collaborator":              (NONE, RWC, RWC, R, RWCD),
    "ctxh.collaborator.training":     (NONE, RWCD, RWCD, NONE, RWCD),
    "ctxh.collaborator.rate":         (NONE, NONE, NONE, R, RWCD),
    "ctxh.collaborator.allowance.sheet": (NONE, NONE, NONE, RWCD, RWCD),
    "ctxh.collaborator.allowance.line": (NONE, NONE, NONE, RWCD, RWCD),
    # --- screening and therapy (issue 17): instruments are configuration; scores and answers are read by care
    # staff only as lines (their values need the sensitive data group), entered by medical staff ---
    "ctxh.screening.instrument":      (NONE, R, R, NONE, RWCD),
    "ctxh.screening.scale":           (NONE, R, R, NONE, RWCD),
    "ctxh.screening.item":            (NONE, R, R, NONE, RWCD),
    "ctxh.screening.band":            (NONE, R, R, NONE, RWCD),
    "ctxh.screening.campaign":        (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.screening.result":          (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.screening.answer":          (NONE, R, RWC, NONE, RWCD),
    "ctxh.screening.score":           (NONE, R, RWC, NONE, RWCD),
    "ctxh.therapy.course":            (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.therapy.session":           (NONE, RWC, RWC, NONE, RWCD),
    # group work and outreach: the care team's, like counselling; attendance and materials are its lines
    "ctxh.outreach.event":            (NONE, RWC, RWC, NONE, RWCD),
    "ctxh.outreach.participant":      (NONE, RWCD, RWCD, NONE, RWCD),
    "ctxh.outreach.material":         (NONE, RWCD, RWCD, NONE, RWCD),
    # foster care (issue 17): families and placements are the care team's, read by accountants who pay their
    # support; the checklist and the visits are lines kept by the care team; the conditions are configuration;
    # the support sheets are money
    "ctxh.foster.condition":          (NONE, R, R, R, RWCD),
    "ctxh.foster.family":             (NONE, RWC, RWC, R, RWCD),
    "ctxh.foster.family.condition":   (NONE, RWCD, RWCD, R, RWCD),
    "ctxh.foster.placement":          (NONE, RWC, RWC, R, RWCD),
    "ctxh.foster.visit":              (NONE, RWCD, RWCD, R, RWCD),
    "ctxh.foster.support.sheet":      (NONE, NONE, NONE, RWCD, RWCD),
    "ctxh.foster.support.line":       (NONE, NONE, NONE, RWCD, RWCD),
    # --- day care and home care (issue 17): recorded by care staff, read by accountants; what they bill is made by
    # their actions (care staff have no right on the usages); a confirmed sheet or a visit done is not deleted ---
    "ctxh.daycare.attendance":        (NONE, RWCD, RWCD, R, RWCD),
    "ctxh.daycare.attendance.line":   (NONE, RWCD, RWCD, R, RWCD),
    "ctxh.home.visit":                (NONE, RWCD, RWCD, R, RWCD),
    # --- reports (ctxh_reports): SQL views, read only for everyone ---
    "ctxh.movement.report":           (NONE, R, R, R, R),
    "ctxh.receivable.report":         (NONE, NONE, NONE, R, R),
}

# A business rule that refuses the operation before the access rights are checked: the operation
# is still refused (with a UserError instead of an AccessError) and nothing is written.
REFUSED_BEFORE_ACCESS = {
    ("ctxh.sensitive.access.log", "write"): "its write() refuses every change first",
}

# ----------------------------------------------------------------------
# Fields: the resident's sensitive details (HIV, drug use, abuse or trafficking, court records) are sent
# only to the roles holding the sensitive data group (README, Configuration).
# ----------------------------------------------------------------------
SENSITIVE_FIELDS = ("hiv_status", "hiv_note", "drug_use_history", "victim_type", "victim_details", "court_record")
SENSITIVE_ROLES = frozenset({"medical", "director"})

# ----------------------------------------------------------------------
# Actions: the roles allowed to call each public action_* method. "name@variant" is the same method
# called on a record prepared another way (the test knows how).
# ----------------------------------------------------------------------
EVERYONE = frozenset(ROLES)
APP = frozenset({"care", "medical", "accountant", "director"})  # whoever reads the registry
CARE_UP = frozenset({"care", "medical", "director"})
MEDICAL_UP = frozenset({"medical", "director"})
ACCOUNTING = frozenset({"accountant", "director"})
DIRECTOR = frozenset({"director"})

# Wizards whose actions check the caller's group and are proven, role by role, by their own tests.
WIZARDS_TESTED_ELSEWHERE = {
    "ctxh.report.wizard": "ctxh_reports/tests/test_xlsx_reports.py (who may print which report)",
    "ctxh.import.wizard": "ctxh_residents/tests/test_import.py, ctxh_services/tests/test_import_contracts.py",
}

# Navigation buttons build a window action from the record's id alone: they read and change nothing,
# so the code lets anyone call them and checks the records they open when these are read. The rules
# are silent; this is recorded as the code's behaviour.
OPENS_ONLY = EVERYONE

ACTIONS = {
    # the office overview's figures: opened by the care team (an accountant reads offices but not their calls)
    "ctxh.office": {"action_ctxh_office_open": CARE_UP},
    "ctxh.resident": {
        "action_view_documents": OPENS_ONLY,
        "action_view_stays": OPENS_ONLY,
        "action_view_admissions": APP,  # reads the resident's facility
        "action_view_duplicates": APP,  # reads the resident
        "action_view_assessments": OPENS_ONLY,
        "action_view_care_plans": OPENS_ONLY,
        "action_view_medication_doses": OPENS_ONLY,
        "action_view_incidents": APP,
        "action_view_visits": OPENS_ONLY,
        "action_view_programme_enrolments": OPENS_ONLY,
        "action_view_medical": MEDICAL_UP,
        "action_view_ctxh_contracts": OPENS_ONLY,
        "action_view_ctxh_allowance_lines": OPENS_ONLY,
        "action_view_ctxh_referrals": APP,
        "action_view_ctxh_counselling": APP,
        "action_extend_after_16": DIRECTOR,  # the director decides extended care after 16 (issue 18)
    },
    "ctxh.admission": {
        "action_submit": CARE_UP,
        "action_approve": DIRECTOR,  # the director signs the admission decision
        "action_refuse": DIRECTOR,
        "action_cancel": CARE_UP,
        "action_reset_draft": CARE_UP,
        "action_admit": CARE_UP,
        "action_admit_emergency": CARE_UP,
        "action_open_admit": CARE_UP,  # opens the bed dialog; its actions are checked below
        "action_view_stay": APP,
    },
    "ctxh.admission.step.line": {
        "action_done": CARE_UP,
        "action_skip": CARE_UP,
    },
    "ctxh.stay": {
        "action_transfer": OPENS_ONLY,  # opens the wizard; its action_confirm is checked
        "action_discharge": OPENS_ONLY,
        "action_extend": DIRECTOR,  # records the superior body's decision
    },
    "ctxh.consent": {
        "action_withdraw": CARE_UP,
    },
    "ctxh.data.breach": {
        "action_notified": DIRECTOR,  # the director notifies the authority
        "action_close": DIRECTOR,
    },
    "ctxh.sensitive.access.log": {
        "action_ctxh_request_transfer": DIRECTOR,  # asks another facility for a person's record
    },
    "ctxh.bed.transfer": {
        "action_confirm": CARE_UP,
    },
    "ctxh.admission.bed": {
        "action_admit": CARE_UP,
        "action_admit_without_bed": CARE_UP,
    },
    "ctxh.discharge": {
        "action_approve": DIRECTOR,  # the director decides the discharge
        "action_done": CARE_UP,
        "action_cancel": CARE_UP,
        "action_plan_followups": CARE_UP,  # once the person consented to follow-up visits
    },
    "ctxh.followup": {
        "action_done": CARE_UP,
        "action_cancel": CARE_UP,
    },
    "ctxh.assessment": {
        "action_done": CARE_UP,
        "action_reset_draft": CARE_UP,
        "action_create_care_plan": CARE_UP,
    },
    "ctxh.care.plan": {
        "action_submit": CARE_UP,
        "action_approve": DIRECTOR,  # the facility head approves care plans
        "action_reset_draft": CARE_UP,
        "action_start": CARE_UP,
        "action_close": CARE_UP,
        "action_review": CARE_UP,
        "action_view_previous": CARE_UP,
        "action_view_next": CARE_UP,
    },
    "ctxh.medication": {
        "action_activate": MEDICAL_UP,
        "action_stop": MEDICAL_UP,
        "action_view_doses": OPENS_ONLY,
    },
    "ctxh.medication.administration": {
        "action_given": CARE_UP,
        "action_refused": CARE_UP,
        "action_missed": CARE_UP,
        "action_correct": CARE_UP,  # opens the correction; its action_confirm is checked
        "action_round_given": CARE_UP,  # the round's buttons: record, or open the dialog checked below
        "action_round_refused": CARE_UP,
        "action_round_missed": CARE_UP,
    },
    "ctxh.dose.record": {
        "action_confirm": CARE_UP,
    },
    "ctxh.dose.correction": {
        "action_confirm": CARE_UP,  # carers record doses, and correct what they recorded
    },
    "ctxh.incident": {
        "action_report": CARE_UP,
        "action_close": DIRECTOR,  # the director reviews and closes
    },
    "ctxh.visit": {
        "action_leave": CARE_UP,
    },
    "ctxh.visit.request": {
        "action_accept": CARE_UP,  # the care team answers the families' requests
        "action_refuse": CARE_UP,
    },
    "ctxh.programme.attendance": {
        "action_mark_present": CARE_UP,
        "action_mark_absent": CARE_UP,
        "action_mark_excused": CARE_UP,
    },
    "ctxh.programme": {
        "action_open": CARE_UP,
        "action_close": CARE_UP,
        "action_reset_draft": DIRECTOR,
        "action_view_sessions": OPENS_ONLY,
    },
    "ctxh.programme.enrolment": {
        "action_complete": CARE_UP,
        "action_drop": CARE_UP,
        "action_reenrol": CARE_UP,
    },
    "ctxh.programme.session": {
        "action_prepare_attendance": CARE_UP,
        "action_all_present": CARE_UP,
        "action_done": CARE_UP,
        "action_cancel": CARE_UP,
        "action_reset_planned": CARE_UP,
    },
    "ctxh.care.contract": {
        "action_activate": DIRECTOR,  # the director signs contracts
        "action_terminate": ACCOUNTING,
        "action_close": ACCOUNTING,
        "action_register_payment": ACCOUNTING,
        "action_reset_draft": DIRECTOR,
        "action_archive": ACCOUNTING,
        "action_new_addendum": ACCOUNTING,
        "action_view_invoices": OPENS_ONLY,
    },
    "ctxh.care.contract.addendum": {
        "action_sign": DIRECTOR,  # a signed contract changes only by the director's signature
        "action_cancel": ACCOUNTING,
    },
    "ctxh.billing.run": {
        "action_generate": ACCOUNTING,
        "action_post": ACCOUNTING,
        "action_send_einvoices": ACCOUNTING,
        "action_refresh": OPENS_ONLY,  # returns True: the form reloads itself
        "action_view_invoices": OPENS_ONLY,
    },
    "ctxh.allowance.sheet": {
        "action_compute": ACCOUNTING,
        "action_approve": DIRECTOR,
        "action_reset_draft@computed": ACCOUNTING,  # an approved sheet stays approved: no one resets it
        "action_create_burial_supports": ACCOUNTING,
        "action_view_burial_supports": OPENS_ONLY,
        "action_view_lines": OPENS_ONLY,
    },
    "ctxh.allowance.arrears": {
        "action_compute": ACCOUNTING,
        "action_approve": DIRECTOR,  # the director approves what is paid
        "action_reset_draft": ACCOUNTING,
    },
    "ctxh.burial.support": {
        "action_approve": DIRECTOR,  # approved, it stays approved
    },
    "ctxh.hotline.call": {
        "action_admit": CARE_UP,
        "action_create_referral": CARE_UP,
        "action_open_case": CARE_UP,
        "action_view_admissions": OPENS_ONLY,
        "action_view_cases": OPENS_ONLY,
    },
    "ctxh.screening.campaign": {
        "action_start": CARE_UP,
        "action_done": CARE_UP,
        "action_refer_above_cutoff": MEDICAL_UP,  # reads the scores
    },
    "ctxh.screening.result": {
        "action_refer": MEDICAL_UP,
    },
    "ctxh.therapy.course": {
        "action_complete": MEDICAL_UP,
        "action_drop": MEDICAL_UP,
    },
    "ctxh.therapy.session": {
        "action_done": CARE_UP,
        "action_cancel": CARE_UP,
        "action_reset_planned": CARE_UP,
    },
    "ctxh.outreach.event": {
        "action_done": CARE_UP,
        "action_cancel": CARE_UP,
        "action_reset_planned": CARE_UP,
    },
    "ctxh.collaborator.allowance.sheet": {
        "action_compute": ACCOUNTING,
        "action_approve": DIRECTOR,  # the director approves what is paid
        "action_reset_draft": ACCOUNTING,
    },
    "ctxh.foster.family": {
        "action_approve": DIRECTOR,  # the director decides who may take a child in
        "action_refuse": DIRECTOR,
        "action_withdraw": CARE_UP,
        "action_view_placements": OPENS_ONLY,
    },
    "ctxh.foster.placement": {
        "action_approve": DIRECTOR,  # the director places the child
        "action_end": CARE_UP,
        "action_cancel": CARE_UP,
    },
    "ctxh.foster.support.sheet": {
        "action_compute": ACCOUNTING,
        "action_approve": DIRECTOR,  # the director approves what is paid
        "action_reset_draft": ACCOUNTING,
    },
    "ctxh.case": {
        "action_close": CARE_UP,
        "action_reopen": DIRECTOR,  # a closed case is history: the director decides to open it again
        "action_admit": CARE_UP,
        "action_new_assessment": CARE_UP,
        "action_view_assessments": CARE_UP,  # reads the case's person
        "action_view_admissions": OPENS_ONLY,
    },
    "ctxh.counselling.session": {
        "action_done": CARE_UP,
        "action_cancel": CARE_UP,
        "action_reset_planned": CARE_UP,
    },
    "ctxh.daycare.attendance": {
        "action_confirm": CARE_UP,
        "action_prepare_lines": CARE_UP,
        "action_reset_draft": CARE_UP,  # only while none of its days is invoiced
    },
    "ctxh.home.visit": {
        "action_done": CARE_UP,
        "action_cancel": CARE_UP,  # only while the visit is not invoiced
        "action_reset_draft": CARE_UP,
    },
    "ctxh.referral": {
        "action_send": CARE_UP,
        "action_accept": CARE_UP,
        "action_refuse": CARE_UP,
        "action_complete": CARE_UP,
        "action_reset_draft": CARE_UP,
    },
}

# ----------------------------------------------------------------------
# Decisions and approvals written directly: what an action guards must not be reachable with a
# plain write() over RPC. Each entry: (model, values written on a record in the state named, the
# roles allowed). The record is prepared as for the action named.
# ----------------------------------------------------------------------
GUARDED_WRITES = [
    # No role writes what only an action decides, not even the director (the write guard,
    # ctxh.write.guard.mixin): the director decides by the action, which checks the state and the group.
    ("ctxh.admission", "action_approve", {"state": "approved"}, ()),
    ("ctxh.admission", "action_approve", {"decision_number": "99/QĐ-TTBTXHLS"}, ()),
    ("ctxh.care.plan", "action_approve", {"state": "approved"}, ()),
    # care staff write the approval onto a draft plan, which then prints as approved (issue 13)
    ("ctxh.care.plan", "action_submit", {"approval_date": "2026-12-01"}, ()),
    ("ctxh.discharge", "action_approve", {"state": "approved"}, ()),
    ("ctxh.care.contract", "action_activate", {"state": "active"}, ()),
    # an accountant closes a contract with a plain write, skipping the liquidation (issue 13)
    ("ctxh.care.contract", "action_reset_draft", {"state": "closed"}, ()),
    ("ctxh.allowance.sheet", "action_approve", {"state": "approved"}, ()),
    ("ctxh.allowance.arrears", "action_approve", {"state": "approved"}, ()),
    ("ctxh.resident", "action_extend_after_16", {"after_16_start": "2026-12-01"}, ()),
    ("ctxh.burial.support", "action_approve", {"state": "approved"}, ()),
    ("ctxh.incident", "action_close", {"state": "closed"}, ()),
    ("ctxh.admission.step.line", "action_done", {"state": "done"}, ()),
    ("ctxh.foster.family", "action_approve", {"state": "approved"}, ()),
    ("ctxh.foster.placement", "action_approve", {"state": "active"}, ()),
    ("ctxh.foster.support.sheet", "action_approve", {"state": "approved"}, ()),
    ("ctxh.medication.administration", "action_given", {"state": "given"}, ()),
    ("ctxh.daycare.attendance", "action_confirm", {"state": "confirmed"}, ()),
    ("ctxh.home.visit", "action_done", {"state": "done"}, ()),
]


def allowed(model, operation, role):
    """Whether ``role`` may perform ``operation`` (read, write, create, unlink) on ``model``."""
    letters = MODELS[model][ROLES.index(role)]
    return any(LETTERS[letter] == operation for letter in letters)


def action_method(key):
    """The method name of an ACTIONS key ("action_reset_draft@approved" -> "action_reset_draft")."""
    return key.split("@", 1)[0]
