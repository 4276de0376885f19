from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestPrintTour(CtxhTourCase):
    def test_director_prints_the_admission_decision(self):
        """In the browser, the director opens an admitted resident's admission and prints the admission decision
        from the form's button: the server renders it for the director, for the download and the HTML page."""
        admission = self.env.ref("ctxh_residents.admission_resident_qn_01")
        self.assertEqual((admission.state, admission.decision_number), ("admitted", "9/QĐ-TTBTXH"))
        with self.ctxh_calls_of("report.ctxh_reports.report_admission_decision", "_ctxh_check_printable") as printed:
            self.start_tour("/odoo", "ctxh_print_tour", login="giamdoc")
        self.assertGreaterEqual(len(printed), 2, "printed from the button, then read as HTML")
        self.assertEqual(set(printed), {("giamdoc", (admission.id,))})
