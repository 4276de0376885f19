"""Random and hostile values sent over JSON-RPC to the main models; then the database must still hold.

Reproducible: the seed is printed in the log (CTXH_FUZZ_SEED in the environment replays another run).
"""

import json
import os
import random
import re
import time
from collections import Counter

from odoo.tests import tagged
from odoo.tools import mute_logger

from .access_matrix import ACTIONS
from .matrix_common import RpcCase

SEED = int(os.environ.get("CTXH_FUZZ_SEED", "20260508"))
CALLS = int(os.environ.get("CTXH_FUZZ_CALLS", "2400"))
# what a call may answer: success, or an error the user can read
EXPECTED = {"ok", "odoo.exceptions.ValidationError", "odoo.exceptions.UserError", "odoo.exceptions.AccessError",
            "odoo.exceptions.MissingError", "odoo.exceptions.RedirectWarning"}
MAIN_MODELS = ("ctxh.resident", "ctxh.admission", "ctxh.stay", "ctxh.discharge", "ctxh.care.plan", "ctxh.medication",
               "ctxh.care.contract", "ctxh.billing.run", "ctxh.service.usage", "ctxh.hotline.call", "ctxh.referral")
# start and end of each model, to send inverted periods
PERIODS = {
    "ctxh.stay": ("date_start", "date_end_planned"), "ctxh.care.contract": ("date_start", "date_end"),
    "ctxh.medication": ("date_start", "date_end"), "ctxh.billing.run": ("date_from", "date_to"),
    "ctxh.care.plan": ("date_start", "review_date"), "ctxh.referral": ("date_sent", "date_due"),
    "ctxh.admission": ("request_date", "received_at"),
}
FIELD_TYPES = {"char", "text", "html", "integer", "float", "monetary", "date", "datetime", "boolean", "selection",
               "many2one", "one2many", "many2many"}

# hostile values of the right type: huge, empty, marked up, SQL-looking, unicode edge cases, far dates, huge money
STRINGS = [
    "", " ", "x" * 100_000, "Nguyễn " * 20_000, "<script>alert('xss')</script>", "<img src=x onerror=alert(1)>",
    "<b>đậm</b><!--", "'; DROP TABLE ctxh_resident; --", "' OR '1'='1", "1; SELECT pg_sleep(10)", "%s%s%(x)s",
    "{0}{1}{x}", "${7*7}{{7*7}}", "\x00", "a\x00b", "\u202eRTL", "😀" * 50, "e\u0301", "\u200b", "\ud800",
    "\ufeff", "İı", "NaN", "inf", "-inf", "Infinity", "null", "None", "true", "../../etc/passwd", "\n\r\t",
    "0" * 12, "0011223344556", "079200012345",
]
VALID = {
    "char": STRINGS, "text": STRINGS, "html": STRINGS,
    "integer": [0, -1, 1, -2**31, 2**31 - 1, 10**6],
    "float": [0, -1, -0.0, 1e-308, 1e308, -1e15, 1e20, 99.999, 0.1, 7_000_000],
    "date": ["0001-01-01", "1900-01-01", "1969-12-31", "2026-02-28", "2100-01-01", "9999-12-31"],
    "datetime": ["0001-01-01 00:00:00", "1900-01-01 00:00:00", "9999-12-31 23:59:59", "2026-06-30 12:00:00"],
    "boolean": [True, False],
    "x2many": [[[4, 2**31 - 1]], [[6, 0, [2**31 - 1]]], [[5]], [[0, 0, {}]], [[2, 2**31 - 1]], [[3, 2**31 - 1]],
               [[1, 2**31 - 1, {}]]],
}
VALID["monetary"] = VALID["float"]
# wrong types and malformed values
MALFORMED = {
    "char": [123, 1.5, True, ["x"], {"vi_VN": "x"}],
    "integer": ["NaN", "inf", "1e400", "abc", "1,5", "12 345", "0x1F", "", 2**63, -2**63 - 1, 10**30, 1.5, [1]],
    "float": ["NaN", "nan", "inf", "-inf", "Infinity", "1e400", "-1e400", "abc", "1,5", "12 345", "", 10**400, [1]],
    "date": ["2026-02-30", "2026-13-01", "31/12/2026", "now", "2026-01-01T00:00:00Z", "0000-00-00", "-2026-01-01",
             "2026-W05", 20260101, True, ["2026-01-01"]],
    "boolean": ["yes", 2, "False", [True]],
    "selection": ["not_a_value", "", 0, ["draft"], "DRAFT", True],
    "many2one": [0, -1, 2**31, "1", "abc", [1], [[6, 0, [1]]], {"id": 1}, 1.5],
    "x2many": [[[9, 1]], [[6, 0, "x"]], [[0, 0, None]], "x", [1, 2, 3], [["x"]], [[3, -1]], [[0, 0, {"x": 1}]]],
}
MALFORMED["text"] = MALFORMED["html"] = MALFORMED["char"]
MALFORMED["monetary"] = MALFORMED["float"]
MALFORMED["datetime"] = MALFORMED["date"]
ANY = [None, [], {}, {"a": 1}, [None], "x" * 1000, 1e308, -1]
UNKNOWN_FIELDS = ["not_a_field", "__proto__", "id", "create_uid", "write_date", "display_name", "x" * 300,
                  "name.name", "1", ""]
# where a traceback frame sits: our addons, or Odoo and the libraries below it
OWN_CODE = "/addons/ctxh_"
LOWER_LAYERS = ("/odoo/sql_db.py", "/lib/python3", "site-packages")


# "ValueError: ...", "psycopg2.errors.InvalidDatetimeFormat: ...", not "DETAIL: ..." nor "LINE 1: ..."
EXCEPTION_LINE = re.compile(r"^(\w+(Error|Exception|Warning)|[a-z_]\w*(\.\w+)+): ")


def traceback_head(debug):
    """(origin, exception, frame, via) of a server traceback: the origin is "ctxh" when the innermost frame above the
    database driver and the standard library is in our addons, else "odoo" (then the innermost frame of our
    addons on the way, if any, is named too)."""
    lines = [line for line in (debug or "").strip().splitlines() if line.strip()]
    frames = [line.strip() for line in lines if line.strip().startswith("File ")]
    ours = [frame for frame in frames if not any(layer in frame for layer in LOWER_LAYERS)]
    where = ours[-1] if ours else (frames[-1] if frames else "")
    origin = "ctxh" if OWN_CODE in where else "odoo"
    exceptions = [line for line in lines if EXCEPTION_LINE.match(line)]
    exception = (exceptions[-1] if exceptions else (lines[-1] if lines else ""))[:150]
    via = [frame for frame in frames if OWN_CODE in frame]
    via = f" (via ctxh_{via[-1].split(OWN_CODE)[-1]})" if via and origin == "odoo" else ""
    return origin, exception, where.replace("File ", "")[:150], via[:120]


def abbreviated(value):
    """``value`` with its long strings cut, so that a call can be read in a report."""
    if isinstance(value, str) and len(value) > 40:
        return f"{value[:12]}...({len(value)} chars)"
    if isinstance(value, dict):
        return {abbreviated(key): abbreviated(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [abbreviated(item) for item in value]
    return value


def short(value, limit=80):
    text = json.dumps(abbreviated(value), ensure_ascii=False, default=str)
    return text if len(text) <= limit else f"{text[:limit]}..."


@tagged("post_install", "-at_install", "ctxh_http")
class TestHttpFuzz(RpcCase):
    """Thousands of random and hostile values through JSON-RPC: every answer is a success or an error the user
    can read, and the database keeps its rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        b = cls.facility_b
        # a resident in care in facility B with a contract: its ids are sent by facility A's users
        cls.resident_b = cls._resident(company=b, name="Nông Văn Dền", gender="male", birth_year=1980)
        cls.stay_b = cls._admit(cls.resident_b)
        cls.foreign_ids = {"ctxh.resident": cls.resident_b.id, "ctxh.stay": cls.stay_b.id}

    def _fuzz_fields(self, model):
        fields = self.env[model].fields_get(attributes=["type", "readonly", "store", "selection", "relation"])
        return {name: info for name, info in fields.items()
                if info["type"] in FIELD_TYPES and not info.get("readonly") and info.get("store", True)
                and name not in ("id", "message_follower_ids", "activity_ids", "message_ids", "website_message_ids",
                                 "message_main_attachment_id", "activity_user_id")}

    def _hostile(self, rng, info):
        """A hostile value for a field: mostly of the right type, sometimes malformed or of another type."""
        kind = "x2many" if info["type"] in ("one2many", "many2many") else info["type"]
        if rng.random() < 0.35:
            return rng.choice(MALFORMED.get(kind, []) + ANY)
        if kind == "selection":
            return rng.choice([key for key, _label in info.get("selection") or []] or [False])
        if kind == "many2one":
            foreign = self.foreign_ids.get(info.get("relation"))
            return rng.choice([2**31 - 1, 999_999, False, *([foreign] * 3 if foreign else [])])
        return rng.choice(VALID[kind])

    def _mutated_vals(self, rng, model, base):
        vals = dict(base)
        fields = self._fuzz_fields(model)
        for name in rng.sample(sorted(fields), k=min(len(fields), rng.randint(1, 3))):
            vals[name] = self._hostile(rng, fields[name])
        roll = rng.random()
        if roll < 0.08:
            vals[rng.choice(UNKNOWN_FIELDS)] = rng.choice(STRINGS[:6] + ANY)
        elif roll < 0.23 and model in PERIODS:
            start, end = PERIODS[model]
            first = rng.choice(["2026-06-30", "9999-12-31", "2030-01-01"])
            vals.update({start: first, end: rng.choice(["2026-01-01", "1900-01-01", "0001-01-01"])})
        return vals

    def _fuzz_call(self, rng, model, targets):
        """One random call: (method, args) of a create, a write or an action of ``model``."""
        roll = rng.random()
        record_ids = targets[model]
        if roll < 0.4:
            return "create", [self._mutated_vals(rng, model, self._create_vals(model))]
        if roll < 0.8 or model not in ACTIONS:
            ids = [rng.choice(record_ids)] if rng.random() < 0.9 else rng.choice([[], [2**31 - 1], record_ids])
            return "write", [ids, self._mutated_vals(rng, model, {})]
        method = rng.choice(sorted({key.split("@")[0] for key in ACTIONS[model]}))
        foreign = self.foreign_ids.get(model)
        ids = rng.choice([[rng.choice(record_ids)], [rng.choice(record_ids)], record_ids, [2**31 - 1], [0], [],
                          *([[foreign]] if foreign else [])])
        return method, [ids]

    def _send(self, model, method, args):
        params = {"model": model, "method": method, "args": args, "kwargs": {}}
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "id": next(self._rpc_ids), "params": params},
                             default=str)
        with mute_logger("odoo.http", "odoo.sql_db", "odoo.models", "odoo.fields", "odoo.tools.mail"):
            response = self.url_open(f"/web/dataset/call_kw/{model}/{method}", data=payload,
                                     headers={"Content-Type": "application/json"}, timeout=120)
        if response.status_code != 200:
            return f"HTTP {response.status_code}", None, response.text[-300:]
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            return data.get("name") or "unknown error", None, data.get("debug") or ""
        return "ok", body.get("result"), ""

    def _fuzz(self, rng, targets):
        """Send the random calls, phase after phase; return the count of each answer, per model too, and the
        internal errors."""
        counts, per_model, findings, self.breakers = Counter(), Counter(), [], {}
        phases = [(self.director_a, 0.6), (self.care_a, 0.15), (self.director_b, 0.25)]
        for user, share in phases:
            self.authenticate(user.login, user.login)
            for _i in range(int(CALLS * share)):
                model = rng.choice(MAIN_MODELS)
                method, args = self._fuzz_call(rng, model, targets)
                name, result, debug = self._send(model, method, args)
                counts[name] += 1
                per_model[f"{model}.{method if method in ('create', 'write') else 'action'} {name.split('.')[-1]}"] += 1
                if name == "ok" and method == "create" and isinstance(result, int) and user != self.director_b:
                    targets[model].append(result)
                if name == "ok":
                    # the first call after which a rule of the database no longer holds
                    for rule, rows in self._database_rules(skip=self.breakers):
                        self.breakers[rule] = (user.login, model, method, args, rows)
                if name not in EXPECTED:
                    findings.append((user.login, model, method, args, name, *traceback_head(debug)))
        return counts, per_model, findings

    def test_hostile_values_give_clean_answers(self):
        """Create, write and actions of the main models with hostile values, as directors of facility A and B and
        as care staff: no answer is an internal error (ValueError, TypeError, KeyError, psycopg2...), and
        afterwards the database still holds its rules."""
        rng = random.Random(SEED)
        started = time.time()
        targets = {model: [self.records[model].id] for model in MAIN_MODELS}
        # werkzeug logs an answer it could not encode after it sent the 500: muted for the whole run (each such
        # answer is a finding of its own)
        with mute_logger("werkzeug"):
            counts, per_model, findings = self._fuzz(rng, targets)
        self._logger.info("fuzz seed %s: %s calls in %.0fs; outcomes %s", SEED, sum(counts.values()),
                          time.time() - started, dict(counts))
        self._logger.info("fuzz outcomes per model and call: %s", dict(sorted(per_model.items())))
        self.assertGreaterEqual(sum(counts.values()), 2000)
        broken = self._database_rules()
        report = []
        if findings:
            findings.sort(key=lambda finding: finding[5] != "ctxh")  # ours first, in the order they came
            origins = Counter(finding[5] for finding in findings)
            report.append(f"{len(findings)} internal errors (seed {SEED}): {origins['ctxh']} raised in ctxh code, "
                          f"{origins['odoo']} in Odoo's own handling of the values; the first 20:")
            report += [f"  [{origin}] {login} {model}.{method}({short(args, 160)}) -> {exception} | {frame}{via}"
                       for login, model, method, args, _name, origin, exception, frame, via in findings[:20]]
            kinds = Counter((origin, name, frame) for *_call, name, origin, _exception, frame, _via in findings)
            report.append("grouped by where they were raised:")
            report += [f"  {count:4} x [{origin}] {name} at {frame}"
                       for (origin, name, frame), count in kinds.most_common(40)]
        if broken:
            report.append("database rules broken after the fuzzing, and the call that first broke each:")
            for rule, rows in broken:
                login, model, method, args, _rows = self.breakers.get(rule, ("?", "?", "?", [], []))
                report.append(f"  {rule}: {rows}, first after {login} {model}.{method}({short(args, 200)})")
        if report:
            self.fail("\n".join(report))

    def _database_rules(self, skip=()):
        """SQL checks of what the database must always hold; [(rule, offending rows)], leaving out ``skip``."""
        self.env.flush_all()
        a, b = self.facility_a.id, self.facility_b.id
        b_users = tuple(self.env["res.users"].search([("company_ids", "=", b), ("company_ids", "!=", a)]).ids) or (0,)
        a_users = tuple(self.env["res.users"].search([("company_ids", "=", a), ("company_ids", "!=", b)]).ids) or (0,)
        checks = {
            "a bed with two overlapping assignments": """
                SELECT x.bed_id, x.id, y.id FROM ctxh_bed_assignment x JOIN ctxh_bed_assignment y
                    ON x.bed_id = y.bed_id AND x.id < y.id
                   AND tsrange(x.date_start, x.date_end, '[)') && tsrange(y.date_start, y.date_end, '[)')""",
            "a stay with two beds at once": """
                SELECT x.stay_id, x.id, y.id FROM ctxh_bed_assignment x JOIN ctxh_bed_assignment y
                    ON x.stay_id = y.stay_id AND x.id < y.id
                   AND tsrange(x.date_start, x.date_end, '[)') && tsrange(y.date_start, y.date_end, '[)')""",
            "a stay ending before it starts": "SELECT id FROM ctxh_stay WHERE date_end < date_start",
            "a stay planned to end before it starts":
                "SELECT id FROM ctxh_stay WHERE date_end_planned < date_start::date",
            "a bed assignment ending before it starts":
                "SELECT id FROM ctxh_bed_assignment WHERE date_end < date_start",
            "a resident with two active stays": """
                SELECT resident_id FROM ctxh_stay WHERE state = 'active' GROUP BY resident_id HAVING count(*) > 1""",
            "an active contract whose payers' shares do not total 100": """
                SELECT c.id, sum(p.share) FROM ctxh_care_contract c
                  LEFT JOIN ctxh_care_contract_payer p ON p.contract_id = c.id
                 WHERE c.state = 'active' GROUP BY c.id HAVING round(coalesce(sum(p.share), 0)::numeric, 2) <> 100""",
            "a contract ending before it starts": "SELECT id FROM ctxh_care_contract WHERE date_end < date_start",
            "two invoices for the same contract, payer and month": """
                SELECT ctxh_contract_id, partner_id, ctxh_period_start, count(*) FROM account_move
                 WHERE state != 'cancel' AND ctxh_contract_id IS NOT NULL AND ctxh_period_start IS NOT NULL
                 GROUP BY 1, 2, 3 HAVING count(*) > 1""",
            "a resident whose state does not follow the stays": """
                SELECT r.id, r.state FROM ctxh_resident r
                 WHERE r.state IS DISTINCT FROM CASE
                        WHEN EXISTS (SELECT 1 FROM ctxh_stay s WHERE s.resident_id = r.id AND s.state = 'active')
                            THEN 'in_care'
                        WHEN EXISTS (SELECT 1 FROM ctxh_stay s WHERE s.resident_id = r.id) THEN 'discharged'
                        ELSE 'applicant' END
                    OR r.current_stay_id IS DISTINCT FROM (
                        SELECT max(s.id) FROM ctxh_stay s WHERE s.resident_id = r.id AND s.state = 'active')""",
            "a stay of a resident of another facility": """
                SELECT s.id FROM ctxh_stay s JOIN ctxh_resident r ON r.id = s.resident_id
                 WHERE s.company_id != r.company_id""",
            "an admission of a resident of another facility": """
                SELECT x.id FROM ctxh_admission x JOIN ctxh_resident r ON r.id = x.resident_id
                 WHERE x.company_id != r.company_id""",
            "a bed assignment in another facility's bed": """
                SELECT x.id FROM ctxh_bed_assignment x JOIN ctxh_bed b ON b.id = x.bed_id
                  JOIN ctxh_stay s ON s.id = x.stay_id WHERE b.company_id != s.company_id""",
            "a care plan on another facility's stay": """
                SELECT p.id FROM ctxh_care_plan p JOIN ctxh_stay s ON s.id = p.stay_id
                 WHERE p.company_id != s.company_id""",
            "a contract on another resident's stay": """
                SELECT c.id FROM ctxh_care_contract c JOIN ctxh_stay s ON s.id = c.stay_id
                 WHERE s.resident_id != c.resident_id""",
            "a billing run whose month is not a calendar month": """
                SELECT id FROM ctxh_billing_run
                 WHERE extract(day FROM date_from) != 1
                    OR date_to != (date_trunc('month', date_from) + interval '1 month - 1 day')::date""",
        }
        for table in ("ctxh_resident", "ctxh_admission", "ctxh_stay", "ctxh_care_plan", "ctxh_medication",
                      "ctxh_care_contract", "ctxh_billing_run", "ctxh_service_usage", "ctxh_hotline_call",
                      "ctxh_referral", "ctxh_discharge"):
            checks[f"{table}: a record of facility A made or changed by a facility B user"] = (
                f"SELECT id FROM {table} WHERE company_id = {a} "
                f"AND (create_uid IN {b_users} OR write_uid IN {b_users})")
            checks[f"{table}: a record of facility B made or changed by a facility A user"] = (
                f"SELECT id FROM {table} WHERE company_id = {b} "
                f"AND (create_uid IN {a_users} OR write_uid IN {a_users})")
        broken = []
        for rule, query in checks.items():
            if rule in skip:
                continue
            self.env.cr.execute(re.sub(r"\s+", " ", query))
            rows = self.env.cr.fetchall()
            if rows:
                broken.append((rule, rows[:10]))
        return broken

    # ------------------------------------------------------------------
    # What the fuzzing found, replayed one by one: red until the lead has them fixed
    # ------------------------------------------------------------------
    def _known_findings(self):
        """(finding, user, model, method, args, answers accepted once it is fixed)."""
        refused = EXPECTED - {"ok"}
        return [
            ("an arrival on 31/12/9999 overflows the dossier deadline (_compute_dossier_deadline: OverflowError)",
             self.director_a, "ctxh.admission", "create",
             [{"resident_id": self.applicant.id, "company_id": self.facility_a.id,
               "admission_type_id": self.regular.id, "received_at": "9999-12-31 23:59:59"}], EXPECTED),
            ("a stay planned to end before it starts is saved (no constraint on date_end_planned)",
             self.director_a, "ctxh.stay", "write", [self.stay.ids, {"date_end_planned": "1900-01-01"}], refused),
            ("a contract is linked to another resident's stay (stay_id is only filtered in the view)",
             self.director_a, "ctxh.care.contract", "write", [self.contract.ids, {"stay_id": self.stay2.id}], refused),
            ("a facility A user moves a resident to facility B, where they may not work (company_id is writable)",
             self.director_a, "ctxh.resident", "write", [self.resident2.ids, {"company_id": self.facility_b.id}],
             refused),
            ("a facility A user moves a discharge to a stay of facility B (company_id follows stay_id)",
             self.director_a, "ctxh.discharge", "write",
             [self.records["ctxh.discharge"].ids, {"stay_id": self.stay_b.id}], refused),
            ("a facility A user moves a contract to a resident of facility B (company_id follows resident_id)",
             self.director_a, "ctxh.care.contract", "write",
             [self.draft_contract.ids, {"resident_id": self.resident_b.id, "stay_id": self.stay_b.id}], refused),
            ("a facility A user moves a care plan to a resident of facility B (company_id follows resident_id)",
             self.director_a, "ctxh.care.plan", "write",
             [self.records["ctxh.care.plan"].ids, {"resident_id": self.resident_b.id}], refused),
            ("medical staff of facility A move a medication order to a resident of facility B",
             self.medical_a, "ctxh.medication", "write",
             [self.records["ctxh.medication"].ids, {"resident_id": self.resident_b.id}], refused),
        ]

    def test_known_findings_are_fixed(self):
        """Each internal error and broken rule the fuzzing found, replayed alone, now gets a clean answer."""
        still = []
        for finding, user, model, method, args, accepted in self._known_findings():
            self.authenticate(user.login, user.login)
            name, _result, debug = self._isolated_rpc(lambda model=model, method=method, args=args:
                                                      self._send(model, method, args))
            if name not in accepted:
                still.append(f"{finding}: {model}.{method}({short(args, 120)}) as {user.login} -> {name} "
                             f"{' | '.join(traceback_head(debug)[1:3]) if debug else ''}")
        if still:
            self.fail(f"{len(still)} findings of the fuzzing not fixed yet:\n" + "\n".join(still))
