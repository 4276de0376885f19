"""The README's screenshots, made by a tour per screen that opens it from the menus as its user, at desktop and at
phone size. Run on a database with the demo data (see the README, "Screens"):

    CTXH_SCREENS_DIR=docs/screens python3 -m odoo -c <conf> -d <db> --test-tags=ctxh_screens \\
        --http-port=8070 --stop-after-init
"""

import base64
import json
import os
import pathlib
import unittest
from unittest.mock import patch
from urllib.parse import quote

from odoo.tests import HttpCase, common, tagged

DESKTOP, PHONE = "1366x768", "390x844"
# file, user, size, the menu section and item, what shows the screen is ready
SCREENS = [
    ("overview", "giamdoc", DESKTOP, "ctxh_reports.menu_ctxh_reporting", "ctxh_reports.ctxh_overview_menu",
     ".o_kanban_record button[name='action_ctxh_dashboard_open']"),
    ("residents", "congtacxahoi", DESKTOP, "ctxh_residents.menu_ctxh_residents", "ctxh_residents.ctxh_resident_menu",
     ".o_kanban_record"),
    ("admissions", "congtacxahoi", DESKTOP, "ctxh_residents.menu_ctxh_residents",
     "ctxh_residents.ctxh_admission_menu", ".o_data_row"),
    ("facility-map", "congtacxahoi", DESKTOP, "ctxh_residents.menu_ctxh_facility", "ctxh_residents.ctxh_room_menu_map",
     ".o_kanban_record"),
    ("care-plans", "congtacxahoi", DESKTOP, "ctxh_care.menu_ctxh_care", "ctxh_care.ctxh_care_plan_menu",
     ".o_kanban_record"),
    ("contracts", "ketoan", DESKTOP, "ctxh_services.menu_ctxh_billing", "ctxh_services.ctxh_care_contract_menu",
     ".o_data_row"),
    ("allowance-sheets", "ketoan", DESKTOP, "ctxh_services.menu_ctxh_billing",
     "ctxh_services.ctxh_allowance_sheet_menu", ".o_data_row"),
    ("community-cases", "ctxh.hue", DESKTOP, "ctxh_services.menu_ctxh_social_work", "ctxh_services.ctxh_case_menu",
     ".o_data_row"),
    ("foster-placements", "congtacxahoi", DESKTOP, "ctxh_services.menu_ctxh_social_work",
     "ctxh_services.ctxh_foster_placement_menu", ".o_data_row"),
    ("offices-overview", "ctxh.hue", DESKTOP, "ctxh_reports.menu_ctxh_reporting",
     "ctxh_reports.ctxh_office_overview_menu", ".o_kanban_record button[name='action_ctxh_office_open']"),
    ("cases-phone", "ctxh.thuanhoa", PHONE, None, "ctxh_services.ctxh_case_menu", ".o_kanban_view .o_kanban_record"),
    ("overview-phone", "giamdoc", PHONE, None, "ctxh_reports.ctxh_overview_menu",
     ".o_kanban_record button[name='action_ctxh_dashboard_open']"),
    ("medication-round-phone", "yte", PHONE, None, "ctxh_care.ctxh_medication_administration_menu",
     ".o_kanban_view .o_kanban_record button[name='action_round_given'], .o_kanban_view .o_kanban_record"),
    ("sessions-phone", "congtacxahoi", PHONE, None, "ctxh_care.ctxh_programme_session_menu",
     ".o_kanban_view .o_kanban_record"),
    ("residents-phone", "congtacxahoi", PHONE, None, "ctxh_residents.ctxh_resident_menu",
     ".o_kanban_view .o_kanban_record"),
]


@tagged("post_install", "-at_install", "-standard", "ctxh_screens")
@unittest.skipUnless(os.environ.get("CTXH_SCREENS_DIR"), "screenshots are made on demand (CTXH_SCREENS_DIR)")
class TestScreens(HttpCase):
    def test_screens(self):
        target = pathlib.Path(os.environ["CTXH_SCREENS_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        for name, login, size, section, item, ready in SCREENS:
            with self.subTest(screen=name):
                self.browser_size = size
                self.touch_enabled = size == PHONE
                screen = {"section": section, "item": item, "ready": ready, "phone": size == PHONE}
                stop = common.ChromeBrowser.stop

                def shoot_then_stop(browser, path=target / f"{name}.png", stop=stop):
                    # the tour has left the screen open: photograph it before the browser closes
                    try:
                        shot = browser._websocket_request("Page.captureScreenshot", timeout=30)
                        path.write_bytes(base64.b64decode(shot["data"]))
                    finally:
                        stop(browser)

                with patch.object(common.ChromeBrowser, "stop", shoot_then_stop):
                    self.start_tour("/odoo", "ctxh_screen_tour", login=login,
                                    cookies={"ctxh_screen": quote(json.dumps(screen))})
                self.assertTrue((target / f"{name}.png").exists())
