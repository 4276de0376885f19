"""Contract numbers are searched by any part of them: their btree index becomes a trigram index. Odoo creates
the new kind of index under the same name, once the old one is gone."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier("ctxh_care_contract__name_index")))
