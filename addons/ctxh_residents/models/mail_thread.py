from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """Name the model in the language of the sentence.

        Odoo words "%s created" in the user's language when the context has none (XML-RPC, scheduled actions, data
        files) but reads the model's name in the context's, English then: "Stay được tạo".
        """
        lang = self.env.lang or self.env.user.lang
        if not lang or lang == self.env.lang:
            return super()._creation_message()
        return super(MailThread, self.with_context(lang=lang))._creation_message()
