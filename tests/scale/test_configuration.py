"""The cluster's Zope configuration stays in step with the embedded default's: only the database differs.

A setting added to instance/etc/zope.conf (a product configuration, a trusted proxy, a limit) and
forgotten in instance/etc/zope-relstorage.conf would make the cluster behave unlike `make start`.
"""

import pathlib
import re
import unittest


ETC = pathlib.Path(__file__).parents[2] / "instance" / "etc"
DATABASE_SECTION = re.compile(r"^<zodb_db main>$.*?^</zodb_db>$", re.MULTILINE | re.DOTALL)


def settings(name: str) -> list[str]:
    """The configuration's lines without comments, blank lines, imports and its database section."""
    text = DATABASE_SECTION.sub("", (ETC / name).read_text(encoding="utf-8"))
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("%import")]


class TestClusterConfiguration(unittest.TestCase):
    def test_the_relstorage_configuration_differs_from_zope_conf_only_in_its_database(self):
        self.assertEqual(settings("zope-relstorage.conf"), settings("zope.conf"))

    def test_the_database_is_history_free_relstorage_with_blobs_in_postgresql(self):
        database = DATABASE_SECTION.search((ETC / "zope-relstorage.conf").read_text(encoding="utf-8")).group()
        self.assertIn("keep-history false", database)
        self.assertIn("shared-blob-dir false", database)
        self.assertIn("<postgresql>", database)
        for variable in ("HOST", "PORT", "DB", "USER", "PASSWORD"):
            self.assertIn(f"$(COALITION_PG_{variable})", database)

    def test_each_cluster_process_logs_to_files_of_its_own(self):
        wsgi = (ETC / "zope-cluster.ini").read_text(encoding="utf-8")
        self.assertIn("zope_conf = %(here)s/zope-relstorage.conf", wsgi)
        self.assertIn("var/log/%(instance_name)s-access.log", wsgi)
        self.assertIn("var/log/%(instance_name)s-event.log", wsgi)
