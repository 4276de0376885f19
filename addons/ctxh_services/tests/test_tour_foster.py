from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestFosterTour(CtxhTourCase):
    def test_director_approves_a_family_and_a_placement(self):
        """In the browser, the director opens the assessed family from the menus and approves it, then approves
        the emergency placement proposed with it."""
        family = self.env.ref("ctxh_services.foster_family_qn_03")
        placement = self.env.ref("ctxh_services.foster_placement_qn_03")
        self.assertEqual((family.state, placement.state), ("applied", "draft"))
        self.start_tour("/odoo", "ctxh_foster_tour", login="giamdoc")
        director = self.env.ref("ctxh_residents.user_ctxh_director")
        self.assertEqual((family.state, family.approved_by_id), ("approved", director))
        self.assertEqual((placement.state, placement.approved_by_id), ("active", director))
        self.assertTrue(placement.date_limit)
