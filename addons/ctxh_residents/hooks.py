def post_init_hook(env):
    """Load the Vietnamese translations of every module installed before this one.

    ``data/res_lang_data.xml`` activates vi_VN while this module loads, so modules
    installed afterwards get their Vietnamese terms on install; the ones already
    installed (base, mail, ...) need this one explicit load.
    """
    installed = env["ir.module.module"].search([("state", "=", "installed")])
    installed._update_translations(["vi_VN"])
