"""A backup made with bin/backup and restored with bin/restore into a new database holds the same residents
and the same files: the commands an administrator runs (README, "Backup and restore"), run as they are.

The backup sees committed data only, so the scanned identity card the test checks is committed first and
removed afterwards, with the restored database and its filestore. bin/restore loads the restored database
with Odoo (and fails if it cannot); the test then reads it with SQL and reads the file where Odoo does, in
the restored database's own filestore, so that no second registry is loaded inside the test process.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, config

ROOT = Path(__file__).resolve().parent.parent
RESIDENTS = "SELECT id, code, name, birthdate, company_id, active FROM ctxh_resident ORDER BY id"


@tagged("post_install", "-at_install")
class TestBackupRestore(TransactionCase):
    def _committed(self, func):
        """Run ``func(env)`` as the superuser in its own committed transaction."""
        with self.registry.cursor() as cr:
            return func(api.Environment(cr, SUPERUSER_ID, {}))

    @staticmethod
    def _query(dbname, query, params=()):
        with odoo.sql_db.db_connect(dbname).cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def _run(self, *args):
        result = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, check=False,
                                timeout=900)
        self.assertEqual(result.returncode, 0, f"{args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stderr

    def _drop(self, dbname):
        """Remove the restored database and its filestore."""
        Registry.delete(dbname)
        odoo.sql_db.close_db(dbname)
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute(SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(dbname)))
        shutil.rmtree(config.filestore(dbname), ignore_errors=True)

    def test_restored_database_has_the_same_residents_and_files(self):
        """Back up the test database, restore it under a new name: every resident (code, name, birth date,
        facility, archived or not) is there, and a resident's scanned identity card reads back byte for byte
        from the restored filestore."""
        config_file = config.rcfile
        self.assertTrue(config_file and Path(config_file).is_file(),
                        "run through bin/test or pytest --odoo-config: the commands need the configuration file")
        source = self.env.cr.dbname
        restored = f"{source}_restored_{os.getpid()}"
        card = os.urandom(2048)  # no other file has this content: the filestore cannot share it with another

        def add_card(env):
            resident = env["ctxh.resident"].search([], order="id", limit=1)
            document = env["ctxh.resident.document"].create({
                "resident_id": resident.id, "document_type": "citizen_id", "number": "022190000123"})
            document.attachment_ids = env["ir.attachment"].create({
                "name": "cccd-mat-truoc.jpg", "raw": card, "res_model": "ctxh.resident.document",
                "res_id": document.id})
            return document.id, document.attachment_ids.id, document.attachment_ids.store_fname

        document_id, attachment_id, store_fname = self._committed(add_card)
        workdir = Path(tempfile.mkdtemp(prefix="ctxh-backup-test-"))
        try:
            residents = self._query(source, RESIDENTS)
            archive = workdir / "backup.zip"
            self._run(ROOT / "bin" / "backup", "-c", config_file, "-d", source, "-o", archive)
            output = self._run(ROOT / "bin" / "restore", "-c", config_file, "-d", restored, "--copy",
                               "--neutralize", archive)
            self.assertIn(f"restored {restored}", output)

            self.assertTrue(residents, "the demo data has residents to compare")
            self.assertEqual(self._query(restored, RESIDENTS), residents)
            [(restored_fname,)] = self._query(restored, "SELECT store_fname FROM ir_attachment WHERE id = %s",
                                              [attachment_id])
            self.assertEqual(restored_fname, store_fname)
            restored_file = Path(config.filestore(restored), restored_fname)
            self.assertTrue(restored_file.is_file(), "the file is in the restored database's own filestore")
            self.assertEqual(restored_file.read_bytes(), card, "the scanned card reads back byte for byte")
            uuid = "SELECT value FROM ir_config_parameter WHERE key = 'database.uuid'"
            self.assertNotEqual(self._query(restored, uuid), self._query(source, uuid),
                                "restored with --copy, the database has its own identity")
        finally:
            self._drop(restored)
            shutil.rmtree(workdir, ignore_errors=True)
            # the document's files go with it
            self._committed(lambda env: env["ctxh.resident.document"].browse(document_id).unlink())
        self.assertFalse(Path(config.filestore(restored)).exists())
