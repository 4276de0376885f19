from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _ctxh_demo_in_vietnamese(self):
        """Load the module's Vietnamese terms before its demo records are made.

        Odoo loads a module's translations only after its demo data (``odoo.modules.loading``), so the chatter of
        demo records would name their models in English ("Stay được tạo") and record names made from translated
        terms would be English; the demo must read as a Vietnamese facility's own database does.
        """
        self._update_translations(filter_lang=["vi_VN"])
        # the loader's environment may hold the English names already (its data records were made in it)
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        return True
