"""The resident code and citizen ID are searched by any part of them: their btree indexes become trigram
indexes. Odoo creates the new kind of index under the same name, once the old one is gone."""

from odoo.tools import SQL


def migrate(cr, version):
    for index in ("ctxh_resident__code_index", "ctxh_resident__national_id_index"):
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))
