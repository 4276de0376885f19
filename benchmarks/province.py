"""A province in one database, for measuring the system at the size it runs at.

``generate(env, seed, scale)`` adds five facilities of one province (Nghệ An) with ten years of history:
at scale 1, 50,000 residents, 60,000 stays each with its bed assignment, admission and (when ended)
discharge, 3,000 residents in care today, 2,000 active care contracts billed for the past twelve months,
1,000,000 medication doses, and assessments, care plans, programmes, sessions and attendance in proportion.
The same seed and scale give the same province.

Setup records (facilities with their chart of accounts, users, services, price lists, rooms and beds,
contracts, the billing runs) go through the ORM, so that every rule of the modules applies to them. The
history tables are bulk-loaded with PostgreSQL's COPY, the way a migration would load them; the database's
own constraints (no bed held twice, one active stay per resident, unique doses, ...) still check every
row, and the stored values the ORM would have computed (a resident's state, current stay and bed, a bed's
occupant, related fields) are written with the rows and checked by the tests.
"""

import csv
import heapq
import io
import logging
import math
import random
import time as time_module
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from odoo.addons.ctxh_services.models.ctxh_billing_run import CHUNK_SIZE_PARAM

_logger = logging.getLogger(__name__)

SIZES = {"residents": 50_000, "stays": 60_000, "in_care": 3_000, "contracts": 2_000, "doses": 1_000_000}
YEARS = 10
TZ = pytz.timezone("Asia/Ho_Chi_Minh")
NGHE_AN_CCCD = "040"

FACILITIES = [
    # name, type, code, street, commune/ward, ages (min, max)
    ("Trung tâm Bảo trợ xã hội tỉnh Nghệ An", "general", "BTXHNA", "Số 2 đường Nguyễn Sỹ Sách",
     "Phường Hưng Dũng", (0, 95)),
    ("Trung tâm Công tác xã hội tỉnh Nghệ An", "social_work", "CTXHNA", "Số 9 đường Phong Định Cảng",
     "Phường Trường Thi", (6, 80)),
    ("Trung tâm Điều dưỡng người có công và Bảo trợ xã hội Nghệ An", "elderly", "DDNCC", "Khối 7",
     "Phường Nghi Hương", (60, 100)),
    ("Làng trẻ em mồ côi Nghệ An", "children", "LTENA", "Đường Lê Viết Thuật", "Xã Hưng Lộc", (0, 17)),
    ("Cơ sở cai nghiện ma túy số 1 tỉnh Nghệ An", "drug_rehab", "CNMT1", "Xóm 5", "Xã Nghi Kim", (18, 55)),
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
                "Ngô", "Dương", "Lý", "Thái", "Đinh", "Cao", "Hà", "Lưu"]
MIDDLE = {"male": ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Xuân", "Đình", "Thanh"],
          "female": ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Phương"]}
GIVEN = {"male": ["Hùng", "Dũng", "Nam", "Tuấn", "Bình", "Cường", "Hải", "Long", "Phúc", "Thắng", "Sơn",
                  "Trung", "Khoa", "Quang", "Tâm", "Vinh", "Lợi", "Hiếu", "Đạt", "Tú"],
         "female": ["Lan", "Hoa", "Mai", "Hương", "Linh", "Trang", "Thảo", "Hạnh", "Nga", "Yến", "Phương",
                    "Nhung", "Hằng", "Vân", "Loan", "Quỳnh", "Oanh", "Huệ", "Thủy", "Dung"]}
COMMUNES = ["Xã Nghi Phú", "Phường Bến Thủy", "Xã Diễn Châu", "Xã Quỳnh Lưu", "Xã Con Cuông", "Xã Tương Dương",
            "Phường Hoàng Mai", "Xã Thanh Chương", "Xã Nam Đàn", "Phường Thái Hòa", "Xã Kỳ Sơn", "Xã Quế Phong"]
MEDICINES = [("Paracetamol", "1 viên 500mg"), ("Amlodipin", "1 viên 5mg"), ("Metformin", "1 viên 850mg"),
             ("Vitamin B1", "1 viên 100mg"), ("Calci D", "1 viên"), ("Omeprazol", "1 viên 20mg"),
             ("Methadone", "60mg"), ("Olanzapin", "1 viên 10mg"), ("Risperidon", "1 viên 2mg"),
             ("Sắt Folic", "1 viên")]
TIMES = ["07:00", "07:00,19:00", "07:00,19:00", "07:00,12:00,19:00"]
PROGRAMMES = [("Dạy nghề may công nghiệp", "vocational"), ("Trồng rau sạch", "labour"),
              ("Vật lý trị liệu", "physical"), ("Tham vấn tâm lý nhóm", "psychological"),
              ("Lớp học xóa mù chữ", "education"), ("Văn nghệ, thể thao", "culture_sport"),
              ("Dạy nghề mộc", "vocational"), ("Chăn nuôi gia cầm", "labour")]
SERVICES = [("Chăm sóc tự nguyện phòng chung (tháng)", "residential_month", 7_500_000),
            ("Chăm sóc tự nguyện phòng đôi (tháng)", "residential_month", 11_000_000),
            ("Phụ phí chăm sóc đặc biệt (tháng)", "residential_month", 2_000_000),
            ("Giặt là (lần)", "extra_unit", 30_000)]


def _csv_value(value):
    if value is None or value is False:
        return None
    if value is True:
        return "t"
    return value


class Province:
    """One generation run: ``Province(env, seed, scale).generate()`` returns the counts created."""

    def __init__(self, env, seed=20261128, scale=1.0, today=None, post_invoices=True):
        self.env = env(su=True, context={**env.context, "tracking_disable": True, "mail_create_nolog": True,
                                         "mail_notrack": True, "mail_create_nosubscribe": True, "tz": TZ.zone})
        self.cr = self.env.cr
        self.rng = random.Random(seed)
        self.scale = scale
        self.sizes = {key: max(1, round(value * scale)) for key, value in SIZES.items()}
        self.sizes["contracts"] = min(self.sizes["contracts"], self.sizes["in_care"])
        self.today = today or datetime.now(TZ).date()
        self.now = datetime.combine(self.today, time(1, 0))  # 08:00 local, in UTC
        self.start = self.today - relativedelta(years=YEARS)
        self.post_invoices = post_invoices
        self.counts = defaultdict(int)
        self.serials = defaultdict(int)
        self.uid = self.env.uid
        self.stamp = fields.Datetime.now()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _ids(self, table, count):
        self.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [f"{table}_id_seq", count])
        return [row[0] for row in self.cr.fetchall()]

    def _copy(self, table, columns, rows):
        """COPY ``rows`` (tuples in the order of ``columns``) into ``table``, with the audit columns."""
        columns = [*columns, "create_uid", "create_date", "write_uid", "write_date"]
        audit = (self.uid, self.stamp, self.uid, self.stamp)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        count = 0
        for row in rows:
            writer.writerow([_csv_value(v) for v in (*row, *audit)])
            count += 1
        buffer.seek(0)
        self.cr.copy_expert(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN WITH (FORMAT csv)', buffer)
        self.counts[table] += count
        return count

    def _copy_plain(self, table, columns, rows):
        """COPY into a table without audit columns (many2many relations)."""
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        buffer.seek(0)
        self.cr.copy_expert(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN WITH (FORMAT csv)', buffer)

    def _utc(self, day, hour=8, minute=0):
        local = TZ.localize(datetime.combine(day, time(hour, minute)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _person(self, gender):
        rng = self.rng
        return " ".join([rng.choice(FAMILY_NAMES), rng.choice(MIDDLE[gender]), rng.choice(GIVEN[gender])])

    # ------------------------------------------------------------------
    # Run
    # ------------------------------------------------------------------
    def generate(self):
        self.env.flush_all()
        for step in (self._facilities, self._rooms_and_beds, self._stays, self._residents_and_history,
                     self._fix_stored_values, self._medication, self._assessments_and_plans, self._activities,
                     self._contracts, self._billing):
            started = time_module.time()
            step()
            self.env.flush_all()
            self.env.invalidate_all()
            _logger.info("province: %s done in %.1f s", step.__name__.strip("_"), time_module.time() - started)
        self.env.invalidate_all()
        self.cr.execute("ANALYZE")
        return dict(self.counts)

    # ------------------------------------------------------------------
    # Facilities, staff, services, rooms (ORM)
    # ------------------------------------------------------------------
    def _facilities(self):
        env = self.env
        vn = env.ref("base.vn")
        province = env["res.country.state"].search([("country_id", "=", vn.id), ("name", "=", "Nghệ An")], limit=1)
        self.province = province
        vnd = env.ref("base.VND")
        vnd.active = True
        self.companies = env["res.company"]
        self.ages = {}
        for name, kind, code, street, ward, ages in FACILITIES:
            company = env["res.company"].search([("ctxh_code", "=", code)], limit=1) or env["res.company"].create({
                "name": name, "currency_id": vnd.id, "street": street, "street2": ward, "city": "Vinh",
                "state_id": province.id, "country_id": vn.id, "ctxh_facility_type": kind, "ctxh_code": code,
                "ctxh_capacity": math.ceil(self.sizes["in_care"] / len(FACILITIES) * 1.2),
            })
            self.companies |= company
            self.ages[company.id] = ages
        env.user.company_ids |= self.companies
        for company in self.companies:
            if not env["account.journal"].search_count([("company_id", "=", company.id), ("type", "=", "sale")]):
                env["account.chart.template"].try_loading("vn", company=company, install_demo=False)
        self.counts["res_company"] = len(self.companies)
        # staff: one of each role per facility
        groups = {role: env.ref(f"ctxh_residents.group_ctxh_{role}")
                  for role in ("care_staff", "medical", "accountant", "director")}
        self.staff = {}
        for company in self.companies:
            for role, group in groups.items():
                login = f"{company.ctxh_code.lower()}.{role}"
                user = env["res.users"].search([("login", "=", login)], limit=1)
                if not user:
                    gender = self.rng.choice(["male", "female"])
                    user = env["res.users"].with_context(no_reset_password=True).create({
                        "name": self._person(gender), "login": login, "password": login,
                        "email": f"{login}@sldtbxh.nghean.gov.vn",
                        "company_id": company.id, "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.link(group.id)], "lang": "vi_VN", "tz": TZ.zone,
                    })
                self.staff[company.id, role] = user.id
            company.ctxh_director_id = self.staff[company.id, "director"]
        categ = env.ref("ctxh_services.product_category_ctxh_care")
        self.products = {}
        for company in self.companies:
            products = env["product.product"].create([{
                "name": name, "type": "service", "categ_id": categ.id, "company_id": company.id,
                "ctxh_service_kind": kind, "list_price": price, "taxes_id": [Command.clear()],
            } for name, kind, price in SERVICES])
            self.products[company.id] = products
            env["ctxh.price.list"].create({
                "name": f"Bảng giá dịch vụ chăm sóc tự nguyện {company.ctxh_code}",
                "company_id": company.id, "date_from": self.start,
                "decision_ref": f"Quyết định {self.rng.randint(1000, 4999)}/QĐ-UBND",
                "line_ids": [Command.create({"product_id": p.id, "price": p.lst_price}) for p in products],
            })

    def _rooms_and_beds(self):
        per_facility = math.ceil(self.sizes["in_care"] / len(self.companies))
        self.beds = {}  # company id -> [(bed id, room id, gender)]
        for company in self.companies:
            count = math.ceil(per_facility * 1.15) + 2
            rooms = math.ceil(count / 6)
            room_vals = [{
                "name": f"P{(i // 20 + 1)}{(i % 20 + 1):02d}", "company_id": company.id,
                "building": f"Khu {'ABCDEFGH'[i % 8]}", "floor": str(i // 20 + 1),
                "room_type": "detox" if company.ctxh_facility_type == "drug_rehab" and i % 10 == 0 else "dormitory",
                "gender": "male" if i % 2 == 0 else "female",
                "bed_ids": [Command.create({"name": f"G{b + 1}", "sequence": b}) for b in range(6)],
            } for i in range(rooms)]
            created = self.env["ctxh.room"].create(room_vals)
            self.env.flush_all()
            self.beds[company.id] = [(bed.id, room.id, room.gender) for room in created for bed in room.bed_ids]
            self.counts["ctxh_bed"] += len(self.beds[company.id])

    # ------------------------------------------------------------------
    # Stays: bed timelines
    # ------------------------------------------------------------------
    def _stays(self):
        """Lay each facility's stays on its beds, one after another, over ten years: exactly ``in_care``
        beds end with a stay still going on today."""
        rng = self.rng
        n_fac = len(self.companies)
        window = (self.today - self.start).days
        self.stays = []  # dicts
        for index, company in enumerate(self.companies):
            stays_here = self.sizes["stays"] // n_fac + (index < self.sizes["stays"] % n_fac)
            in_care = self.sizes["in_care"] // n_fac + (index < self.sizes["in_care"] % n_fac)
            beds = list(self.beds[company.id])
            rng.shuffle(beds)
            per_bed = [stays_here // len(beds) + (i < stays_here % len(beds)) for i in range(len(beds))]
            for position, (bed_id, room_id, gender) in enumerate(beds):
                k = per_bed[position]
                if not k:
                    continue
                active = position < in_care
                emergency = [rng.random() < 0.15 for _ in range(k)]
                lengths = [rng.uniform(5, 90) if e else rng.lognormvariate(5.0, 0.8) for e in emergency]
                gaps = [rng.uniform(1, 30) for _ in range(k)]
                total = sum(lengths) + sum(gaps)
                ratio = min(1.0, (window - 2) / total)
                lengths = [max(1.0, length * ratio) for length in lengths]
                gaps = [gap * ratio for gap in gaps]
                # the last stay of an active bed runs on to today: start so that it has begun
                slack = max(window - sum(lengths) - sum(gaps), 0.0)
                cursor = slack if active else rng.uniform(0, slack)
                for j in range(k):
                    cursor += gaps[j]
                    start_day = self.start + timedelta(days=int(cursor))
                    end_day = start_day + timedelta(days=max(int(lengths[j]), 1))
                    cursor = (end_day - self.start).days
                    is_active = active and j == k - 1
                    if is_active:
                        start_day = min(start_day, self.today - timedelta(days=1))
                    elif end_day >= self.today:
                        end_day = self.today - timedelta(days=1)
                        start_day = min(start_day, end_day - timedelta(days=1))
                    self.stays.append({
                        "company_id": company.id, "bed_id": bed_id, "room_id": room_id, "gender": gender,
                        "start": self._utc(start_day, rng.randint(7, 16), rng.choice((0, 15, 30, 45))),
                        "end": None if is_active else self._utc(end_day, rng.randint(7, 16), rng.choice((0, 30))),
                        "emergency": emergency[j], "active": is_active,
                    })
        # a bed's stays must not overlap: drop a clash that day truncation could make
        self.stays.sort(key=lambda s: (s["bed_id"], s["start"]))
        kept, last_end = [], {}
        for stay in self.stays:
            previous = last_end.get(stay["bed_id"])
            if previous is not None and (previous is False or stay["start"] < previous):
                continue
            kept.append(stay)
            last_end[stay["bed_id"]] = stay["end"] or False
        self.stays = sorted(kept, key=lambda s: (s["company_id"], s["start"]))

    # ------------------------------------------------------------------
    # Residents, admissions, stays, beds, discharges (COPY)
    # ------------------------------------------------------------------
    def _residents_and_history(self):  # noqa: PLR0915 - one pass over the stays, table after table
        rng, env = self.rng, self.env
        categories = env["ctxh.resident.category"].search([])
        cat_by_code = {c.code: c.id for c in categories}
        ethnicities = env["ctxh.ethnicity"].search([], order="code")
        kinh = ethnicities.filtered(lambda e: e.name == "Kinh")[:1] or ethnicities[:1]
        others = ethnicities - kinh
        types = {t.code: t for t in env["ctxh.admission.type"].with_context(active_test=False).search([])}
        reasons = env["ctxh.discharge.reason"].with_context(active_test=False).search([])
        reason_weights = [8 if r.code in ("case_closed", "family_request") else 1 for r in reasons]
        # residents: a stay is someone's first, or the return of someone discharged before it starts; the
        # returns are spread so that about 97% of the people have stayed and 3% are applicants only
        admitted_people = min(len(self.stays), round(self.sizes["residents"] * 0.97))
        returns_left = len(self.stays) - admitted_people
        residents, stay_rows = [], []
        ended = defaultdict(list)  # (company, gender) -> heap of (end, resident index)
        available = defaultdict(list)  # (company, gender) -> residents discharged before the current start
        for position, stay in enumerate(self.stays):
            key = (stay["company_id"], stay["gender"])
            while ended[key] and ended[key][0][0] < stay["start"]:
                available[key].append(heapq.heappop(ended[key])[1])
            person = None
            stays_left = len(self.stays) - position
            if returns_left > 0 and available[key] and rng.random() < min(1.0, 1.5 * returns_left / stays_left):
                pool = available[key]
                index = rng.randrange(len(pool))
                pool[index], pool[-1] = pool[-1], pool[index]
                person = pool.pop()
                returns_left -= 1
            if person is None:
                person = len(residents)
                residents.append(self._new_resident(stay, cat_by_code, kinh, others))
            stay["resident"] = person
            if stay["end"]:
                heapq.heappush(ended[key], (stay["end"], person))
            stay_rows.append(stay)
        # applicants never admitted (requests refused or withdrawn) make up the number of people
        while len(residents) < self.sizes["residents"]:
            company = self.rng.choice(self.companies)
            gender = rng.choice(["male", "female"])
            residents.append(self._new_resident(
                {"company_id": company.id, "gender": gender, "start": self.now - timedelta(days=rng.randint(1, 3000))},
                cat_by_code, kinh, others))
        resident_ids = self._ids("ctxh_resident", len(residents))
        for rid, resident in zip(resident_ids, residents, strict=True):
            resident["id"] = rid
        self._copy("ctxh_resident", [
            "id", "company_id", "code", "name", "active", "gender", "birthdate", "birth_year",
            "birthdate_approximate", "national_id", "ethnicity_id", "state_id", "native_state_id", "commune",
            "street", "state",
        ], ((r["id"], r["company_id"], r["code"], r["name"], True, r["gender"], r["birthdate"], r["birth_year"],
             r["approximate"], r["national_id"], r["ethnicity_id"], self.province.id, self.province.id,
             r["commune"], r["street"], "applicant") for r in residents))
        self._copy_plain("ctxh_resident_ctxh_resident_category_rel",
                         ["ctxh_resident_id", "ctxh_resident_category_id"],
                         ((r["id"], r["category_id"]) for r in residents if r["category_id"]))
        self.residents = residents
        # admissions and stays
        stay_ids = self._ids("ctxh_stay", len(stay_rows))
        admission_ids = self._ids("ctxh_admission", len(stay_rows))
        numbers = defaultdict(int)
        for sid, aid, stay in zip(stay_ids, admission_ids, stay_rows, strict=True):
            stay["id"], stay["admission_id"] = sid, aid
            company = self.companies.browse(stay["company_id"])
            kind = company.ctxh_facility_type
            if stay["emergency"]:
                code = "rehab_temporary" if kind == "drug_rehab" else "emergency"
            elif kind == "drug_rehab":
                code = rng.choice(["rehab_voluntary", "rehab_compulsory", "rehab_compulsory"])
            else:
                code = "regular" if rng.random() < 0.7 else "voluntary"
            stay["type"] = types.get(code) or types["regular"]
            day = stay["start"].date()
            numbers[company.id, day.year] += 1
            stay["decision"] = f"{numbers[company.id, day.year]}/QĐ-{company.ctxh_code}"
            stay["decision_date"] = day
        self._copy("ctxh_admission", [
            "id", "resident_id", "company_id", "admission_type_id", "source", "urgency", "state",
            "decision_number", "decision_date", "decision_signer_id", "request_date", "bed_id",
            "case_worker_id", "situation",
        ], ((s["admission_id"], residents[s["resident"]]["id"], s["company_id"], s["type"].id,
             rng.choice(["commune", "police", "walk_in", "hospital", "hotline"]),
             "immediate" if s["emergency"] else "normal", "admitted", s["decision"], s["decision_date"],
             self.staff[s["company_id"], "director"], s["decision_date"] - timedelta(days=0 if s["emergency"] else 7),
             s["bed_id"], self.staff[s["company_id"], "care_staff"],
             "Hoàn cảnh khó khăn, không có người chăm sóc.") for s in stay_rows))
        self._copy("ctxh_stay", [
            "id", "resident_id", "company_id", "admission_id", "admission_type_id", "is_emergency", "date_start",
            "date_end", "date_end_planned", "state", "case_worker_id", "bed_id", "room_id",
        ], ((s["id"], residents[s["resident"]]["id"], s["company_id"], s["admission_id"], s["type"].id,
             s["emergency"], s["start"], s["end"],
             (s["start"].date() + timedelta(days=s["type"].max_stay_days or 90)) if s["emergency"] else None,
             "active" if s["active"] else "discharged", self.staff[s["company_id"], "care_staff"],
             s["bed_id"] if s["active"] else None, s["room_id"] if s["active"] else None) for s in stay_rows))
        # the admission's stay, once both exist (each refers to the other)
        self.cr.execute("UPDATE ctxh_admission a SET stay_id = s.id FROM ctxh_stay s "
                        "WHERE s.admission_id = a.id AND a.id = ANY(%s)", [admission_ids])
        self._copy("ctxh_bed_assignment", [
            "stay_id", "resident_id", "bed_id", "room_id", "company_id", "date_start", "date_end",
        ], ((s["id"], residents[s["resident"]]["id"], s["bed_id"], s["room_id"], s["company_id"], s["start"],
             s["end"]) for s in stay_rows))
        discharged = [s for s in stay_rows if s["end"]]
        dnumbers = defaultdict(int)

        def discharge_row(s):
            day = s["end"].date()
            dnumbers[s["company_id"], day.year] += 1
            company = self.companies.browse(s["company_id"])
            reason = rng.choices(reasons, reason_weights)[0]
            return (s["id"], residents[s["resident"]]["id"], s["company_id"], reason.id,
                    rng.choice(["family", "resident", "facility"]), rng.choice(["family", "community", "family"]),
                    "done", f"{dnumbers[s['company_id'], day.year]}/QĐ-TL-{company.ctxh_code}", day, day,
                    self.staff[s["company_id"], "director"], s["end"])

        self._copy("ctxh_discharge", [
            "stay_id", "resident_id", "company_id", "reason_id", "requested_by", "destination", "state",
            "decision_number", "request_date", "decision_date", "decision_signer_id", "handover_date",
        ], (discharge_row(s) for s in discharged))
        self.stay_rows = stay_rows

    def _new_resident(self, stay, cat_by_code, kinh, others):
        rng = self.rng
        company_id, gender = stay["company_id"], stay["gender"]
        low, high = self.ages[company_id]
        age = rng.randint(low, high)
        admitted = stay["start"].date()
        birthdate = admitted - relativedelta(years=age, days=rng.randint(0, 364))
        approximate = rng.random() < 0.05
        code_year = admitted.year
        company = self.companies.browse(company_id)
        self.serials[company_id, code_year] += 1
        seq = self.serials[company_id, code_year]
        national_id = None
        if age >= 14 and not approximate and rng.random() < 0.8:
            self.serials["cccd"] += 1
            digit = (0 if gender == "male" else 1) + (2 if birthdate.year >= 2000 else 0)
            national_id = f"{NGHE_AN_CCCD}{digit}{birthdate.year % 100:02d}{self.serials['cccd']:06d}"
        kind = company.ctxh_facility_type
        if kind == "children" or age < 16:
            category = "child_no_carer"
        elif age >= 60:
            category = "elderly_no_carer"
        elif kind == "drug_rehab":
            category = None
        else:
            category = "disabled_severe"
        return {
            "company_id": company_id, "code": f"{company.ctxh_code}-{code_year}-{seq:04d}",
            "name": self._person(gender), "gender": gender,
            "birthdate": None if approximate else birthdate, "birth_year": birthdate.year,
            "approximate": approximate, "national_id": national_id,
            "ethnicity_id": (kinh if rng.random() < 0.85 else rng.choice(others)).id,
            "commune": rng.choice(COMMUNES), "street": f"Xóm {rng.randint(1, 15)}",
            "category_id": cat_by_code.get(category),
        }

    def _fix_stored_values(self):
        """What the ORM computes from the stays: the resident's state, current stay, bed and room; the bed's
        state and occupant."""
        self.cr.execute("""
            UPDATE ctxh_resident r SET state = 'discharged'
              FROM (SELECT DISTINCT resident_id FROM ctxh_stay) s
             WHERE s.resident_id = r.id AND r.state = 'applicant'
        """)
        self.cr.execute("""
            UPDATE ctxh_resident r SET state = 'in_care', current_stay_id = s.id, bed_id = s.bed_id,
                   room_id = s.room_id
              FROM ctxh_stay s WHERE s.resident_id = r.id AND s.state = 'active'
        """)
        self.cr.execute("""
            UPDATE ctxh_bed b SET state = 'occupied', resident_id = a.resident_id
              FROM ctxh_bed_assignment a WHERE a.bed_id = b.id AND a.date_end IS NULL
        """)

    # ------------------------------------------------------------------
    # Medication (COPY): orders for the people in care, doses of the past days
    # ------------------------------------------------------------------
    def _medication(self):
        rng = self.rng
        active = [s for s in self.stay_rows if s["active"]]
        orders = []
        for stay in active:
            for _ in range(rng.choice((1, 1, 2))):
                medicine, dose = rng.choice(MEDICINES)
                orders.append({"stay": stay, "medicine": medicine, "dose": dose, "times": rng.choice(TIMES)})
        # enough past days for the number of doses asked for (orders start with their stay at the earliest)
        days, planned = 0, 0
        while planned < self.sizes["doses"] and days < YEARS * 365:
            days += 1
            day = self.today - timedelta(days=days)
            planned += sum(len(o["times"].split(",")) for o in orders if o["stay"]["start"].date() <= day)
        order_ids = self._ids("ctxh_medication", len(orders))
        for oid, order in zip(order_ids, orders, strict=True):
            order["id"] = oid
            stay_start = order["stay"]["start"].date()
            order["start"] = max(stay_start, self.today - timedelta(days=days))
        self._copy("ctxh_medication", [
            "id", "resident_id", "stay_id", "company_id", "prescriber_id", "medicine", "dose", "route",
            "times_of_day", "state", "date_start", "instructions",
        ], ((o["id"], self.residents[o["stay"]["resident"]]["id"], o["stay"]["id"], o["stay"]["company_id"],
             self.staff[o["stay"]["company_id"], "medical"], o["medicine"], o["dose"], "oral", o["times"], "active",
             o["start"], "Uống sau ăn") for o in orders))
        self.orders = orders
        target = self.sizes["doses"]

        def doses():
            made = 0
            for offset in range(days, 0, -1):
                day = self.today - timedelta(days=offset)
                for order in orders:
                    if day < order["start"]:
                        continue
                    stay = order["stay"]
                    carer = self.staff[stay["company_id"], "care_staff"]
                    for when in order["times"].split(","):
                        if made >= target:
                            return
                        hour, minute = (int(x) for x in when.split(":"))
                        scheduled = self._utc(day, hour, minute)
                        roll = rng.random()
                        state = "given" if roll < 0.95 else ("refused" if roll < 0.98 else "missed")
                        reason = None if state == "given" else (
                            "Đối tượng từ chối uống thuốc" if state == "refused" else "Đối tượng đi khám ở bệnh viện")
                        made += 1
                        yield (order["id"], self.residents[stay["resident"]]["id"], stay["company_id"], scheduled,
                               state, reason, scheduled + timedelta(minutes=rng.randint(0, 40)), carer)

        self._copy("ctxh_medication_administration", [
            "medication_id", "resident_id", "company_id", "scheduled_at", "state", "reason", "given_at",
            "given_by",
        ], doses())

    # ------------------------------------------------------------------
    # Assessments and care plans (COPY): one initial assessment per stay, a plan for stays of a month or more
    # ------------------------------------------------------------------
    def _assessments_and_plans(self):
        rng = self.rng
        stays = self.stay_rows
        assessment_ids = self._ids("ctxh_assessment", len(stays))
        risk = ["low", "medium", "high"]
        self._copy("ctxh_assessment", [
            "id", "resident_id", "stay_id", "company_id", "assessor_id", "kind", "state", "date", "risk_level",
            "identified_needs",
        ], ((aid, self.residents[s["resident"]]["id"], s["id"], s["company_id"],
             self.staff[s["company_id"], "care_staff"], "initial", "done",
             (s["start"] + timedelta(days=3)).date(), rng.choice(risk),
             "Cần hỗ trợ sinh hoạt hằng ngày, tham vấn tâm lý.") for aid, s in zip(assessment_ids, stays, strict=True)))
        planned = [(aid, s) for aid, s in zip(assessment_ids, stays, strict=True)
                   if (s["end"] or self.now) - s["start"] >= timedelta(days=30)]
        self._copy("ctxh_care_plan", [
            "resident_id", "stay_id", "company_id", "assessment_id", "user_id", "version", "state", "date_start",
            "review_date", "approver_id", "approval_date",
        ], ((self.residents[s["resident"]]["id"], s["id"], s["company_id"], aid,
             self.staff[s["company_id"], "care_staff"], 1, "in_progress" if s["active"] else "closed",
             (s["start"] + timedelta(days=7)).date(), (s["start"] + timedelta(days=187)).date(),
             self.staff[s["company_id"], "director"], (s["start"] + timedelta(days=7)).date()) for aid, s in planned))

    # ------------------------------------------------------------------
    # Programmes (ORM), sessions of the past year and their attendance (COPY)
    # ------------------------------------------------------------------
    def _activities(self):
        rng = self.rng
        year_ago = self.today - relativedelta(years=1)
        for company in self.companies:
            programmes = self.env["ctxh.programme"].create([{
                "name": name, "kind": kind, "company_id": company.id, "state": "open", "date_start": year_ago,
                "instructor_id": self.staff[company.id, "care_staff"], "hours_per_session": 2.0,
                "schedule": "Thứ Hai và Thứ Năm, 8:00 - 10:00", "location": "Nhà đa năng",
            } for name, kind in PROGRAMMES])
            self.env.flush_all()
            in_care = [s for s in self.stay_rows if s["active"] and s["company_id"] == company.id]
            enrolled = defaultdict(list)
            enrol_rows = []
            for stay in in_care:
                for programme in rng.sample(list(programmes), k=min(2, len(programmes))):
                    resident_id = self.residents[stay["resident"]]["id"]
                    enrolled[programme.id].append((resident_id, self.residents[stay["resident"]]["name"]))
                    enrol_rows.append((programme.id, resident_id, company.id, "enrolled",
                                       max(stay["start"].date(), year_ago)))
            self._copy("ctxh_programme_enrolment", ["programme_id", "resident_id", "company_id", "state", "date"],
                       enrol_rows)
            sessions = []
            for programme in programmes:
                for week in range(52):
                    day = year_ago + timedelta(days=7 * week + rng.randint(0, 4))
                    if day >= self.today:
                        continue
                    sessions.append((programme, self._utc(day, 8)))
            session_ids = self._ids("ctxh_programme_session", len(sessions))
            self._copy("ctxh_programme_session", [
                "id", "programme_id", "company_id", "kind", "topic", "date_start", "date_stop", "hours",
                "instructor_id", "location", "state",
            ], ((sid, p.id, company.id, p.kind, f"Buổi {i % 52 + 1}", start, start + timedelta(hours=2), 2.0,
                 self.staff[company.id, "care_staff"], "Nhà đa năng", "done")
                for i, (sid, (p, start)) in enumerate(zip(session_ids, sessions, strict=True))))
            self._copy("ctxh_programme_attendance", [
                "session_id", "programme_id", "company_id", "date", "hours", "resident_id", "resident_name", "status",
            ], ((sid, p.id, company.id, start, 2.0, rid, rname,
                 "present" if rng.random() < 0.9 else rng.choice(["absent", "excused"]))
                for sid, (p, start) in zip(session_ids, sessions, strict=True) for rid, rname in enrolled[p.id]))

    # ------------------------------------------------------------------
    # Contracts (ORM) and a year of billing (the billing runs themselves)
    # ------------------------------------------------------------------
    def _contracts(self):
        rng, env = self.rng, self.env
        active = [s for s in self.stay_rows if s["active"]]
        chosen = rng.sample(active, self.sizes["contracts"])
        partners = env["res.partner"].create([{
            "name": self._person(rng.choice(["male", "female"])), "street": f"Xóm {rng.randint(1, 15)}",
            "city": rng.choice(COMMUNES), "state_id": self.province.id, "country_id": env.ref("base.vn").id,
            "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
        } for _ in range(2 * len(chosen))])
        payer_iter = iter(partners)
        year_ago = (self.today - relativedelta(years=1)).replace(day=1)
        vals_list = []
        for stay in chosen:
            products = self.products[stay["company_id"]]
            room, _double, special, _laundry = products
            lines = [Command.create({"product_id": room.id})]
            if rng.random() < 0.2:
                lines.append(Command.create({"product_id": special.id}))
            payers = [Command.create({"partner_id": next(payer_iter).id, "share": 100, "sequence": 1})]
            if rng.random() < 0.25:
                payers = [Command.create({"partner_id": next(payer_iter).id, "share": 50, "sequence": 1}),
                          Command.create({"partner_id": next(payer_iter).id, "share": 50,
                                          "sequence": 2})]
            start = max(stay["start"].date(), year_ago)
            vals_list.append({
                "resident_id": self.residents[stay["resident"]]["id"], "stay_id": stay["id"],
                "date": start, "date_start": start, "billing_mode": "advance",
                "line_ids": lines, "payer_ids": payers,
                "reduction_percent": 20 if rng.random() < 0.1 else 0,
                "reduction_reason": "Hộ nghèo" if rng.random() < 0.1 else False,
            })
        contracts = env["ctxh.care.contract"]
        for company in self.companies:
            company_vals = [v for v, s in zip(vals_list, chosen, strict=True) if s["company_id"] == company.id]
            contracts |= env["ctxh.care.contract"].with_company(company).create(company_vals)
        env.flush_all()
        # signed by each facility's director on the contract date (what action_activate records)
        self.cr.execute("""
            UPDATE ctxh_care_contract c SET state = 'active', signed_date = c.date,
                   signer_id = co.ctxh_director_id
              FROM res_company co WHERE co.id = c.company_id AND c.id = ANY(%s)
        """, [contracts.ids])
        env.invalidate_all()
        self.contracts = contracts
        self.counts["ctxh_care_contract"] = len(contracts)

    def _billing(self):
        """The past twelve months, facility by facility, through the billing runs as each facility's accountant
        generates and posts them (in the foreground: the batch size is raised for the while)."""
        Param = self.env["ir.config_parameter"]
        chunk_size = Param.get_param(CHUNK_SIZE_PARAM)
        Param.set_param(CHUNK_SIZE_PARAM, len(self.contracts) + 1)
        try:
            for months_back in range(12, 0, -1):
                month = (self.today - relativedelta(months=months_back)).replace(day=1)
                for company in self.companies:
                    accountant = self.env["res.users"].browse(self.staff[company.id, "accountant"])
                    run = self.env["ctxh.billing.run"].with_user(accountant).with_company(company).create(
                        {"company_id": company.id, "date_from": month})
                    run.action_generate()
                    if self.post_invoices:
                        run.action_post()
                    self.counts["account_move"] += len(run.move_ids)
                    self.env.flush_all()
                self.env.invalidate_all()
                _logger.info("province: billed %s", month.strftime("%m/%Y"))
        finally:
            Param.set_param(CHUNK_SIZE_PARAM, chunk_size or False)


def generate(env, seed=20261128, scale=1.0, today=None, post_invoices=True):
    """Fill the database of ``env`` with a province; return the counts created, by table."""
    return Province(env, seed=seed, scale=scale, today=today, post_invoices=post_invoices).generate()
