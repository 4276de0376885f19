from odoo.tests import tagged

from .common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestOpenAppTour(CtxhTourCase):
    def test_care_worker_opens_app(self):
        """A care worker logs in, opens Social Assistance and reaches the facility list."""
        self.start_tour("/odoo", "ctxh_open_app_tour", login="congtacxahoi")
