"""Encryption at rest inside a site: confidential case fields and evidence files are stored sealed and read
back transparently by those allowed to (forms, REST, CSV export, CMFEditions versions, downloads)."""

from Acquisition import aq_base
from coalition.intranet.security.encryption import api as encryption
from coalition.intranet.security.encryption import keyring
from coalition.intranet.security.encryption.canary import CANARY_ATTRIBUTE
from coalition.intranet.security.encryption.canary import check_canary
from coalition.intranet.security.encryption.fields import CASE_FIELDS
from coalition.intranet.security.encryption.files import SealedFile
from coalition.intranet.security.encryption.setup import install
import os
import pathlib
from plone import api
from plone.namedfile.file import NamedBlobFile
import requests
import shutil
import tempfile
from tests.cases.case_helpers import create_case
from tests.cases.test_evidence import add_evidence
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


MARKERS = {name: f"enc-marker-{name}-7c31" for name in CASE_FIELDS}
FILE_MARKER = b"enc-marker-evidence-bytes-7c31"


def raw_state(obj) -> bytes:
    """Everything the object's own database record holds (its pickled state), as bytes."""
    import pickle

    return pickle.dumps(aq_base(obj).__getstate__(), protocol=3)


def blob_bytes(sealed_file: SealedFile) -> bytes:
    with sealed_file._sealed_blob.open("r") as handle:
        return handle.read()


class TestSealedFields(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_the_site_has_a_canary_the_key_opens(self):
        self.assertIsNotNone(getattr(aq_base(self.portal), CANARY_ATTRIBUTE, None))
        self.assertTrue(check_canary(self.portal))

    def test_confidential_fields_are_stored_sealed_and_read_back(self):
        case = create_case(self.portal, **MARKERS)
        state = raw_state(case)
        for name, marker in MARKERS.items():
            self.assertEqual(getattr(case, name), marker)
            self.assertNotIn(name, aq_base(case).__dict__)
            self.assertTrue(encryption.is_sealed(aq_base(case).__dict__[f"_sealed_{name}"]))
            self.assertNotIn(marker.encode(), state)
        # A facts field is not sealed (only the four confidential ones are).
        self.assertIn(b"Ivan Testov", state)

    def test_editing_and_clearing_a_field(self):
        case = create_case(self.portal)
        case.health_notes = "enc-marker-changed"
        self.assertEqual(case.health_notes, "enc-marker-changed")
        case.health_notes = None
        self.assertIsNone(case.health_notes)
        self.assertNotIn("_sealed_health_notes", aq_base(case).__dict__)

    def test_a_sealed_value_does_not_open_in_another_case_or_field(self):
        first, second = create_case(self.portal), create_case(self.portal)
        token = aq_base(first).__dict__["_sealed_home_address"]
        aq_base(second)._sealed_home_address = token
        with self.assertRaises(encryption.TamperedValue):
            second.home_address  # noqa: B018 (the read is the test)
        aq_base(first)._sealed_health_notes = token
        with self.assertRaises(encryption.TamperedValue):
            first.health_notes  # noqa: B018

    def test_catalog_never_holds_confidential_text(self):
        case = create_case(self.portal, **MARKERS)
        catalog = api.portal.get_tool("portal_catalog")
        for marker in MARKERS.values():
            self.assertEqual(len(catalog.unrestrictedSearchResults(SearchableText=marker)), 0)
        brain = catalog.unrestrictedSearchResults(UID=case.UID())[0]
        indexed = str(catalog.getIndexDataForRID(brain.getRID())) + str(catalog.getMetadataForRID(brain.getRID()))
        for marker in MARKERS.values():
            self.assertNotIn(marker, indexed)

    def test_a_cmfeditions_version_keeps_the_fields_sealed_and_readable(self):
        case = create_case(self.portal, **MARKERS)
        repository = api.portal.get_tool("portal_repository")
        repository.save(obj=case, comment="first")
        case.health_notes = "enc-marker-second-version"
        repository.save(obj=case, comment="second")
        with api.env.adopt_roles(["Manager"]):
            old = repository.retrieve(case, 0).object
            self.assertEqual(old.health_notes, MARKERS["health_notes"])
            state = aq_base(old).__dict__
            self.assertNotIn("health_notes", state)
            self.assertTrue(encryption.is_sealed(state["_sealed_health_notes"]))
            self.assertNotIn(MARKERS["health_notes"].encode(), repr(state).encode())
            repository.revert(case, 0)
        self.assertEqual(case.health_notes, MARKERS["health_notes"])
        self.assertEqual(case.lawyer_contacts, MARKERS["lawyer_contacts"])

    def test_the_csv_export_carries_the_plaintext_for_those_allowed(self):
        from coalition.intranet.imports.export import export_cases

        create_case(self.portal, **MARKERS)
        with api.env.adopt_user(username="alpha-admin"):
            data, _count = export_cases("alpha", "csv")
        text = data.decode("utf-8-sig")
        for marker in MARKERS.values():
            self.assertIn(marker, text)

    def test_evidence_file_is_sealed_in_its_blob_and_reads_back(self):
        case = create_case(self.portal)
        evidence = add_evidence(case, filename="letter.pdf", data=FILE_MARKER * 10)
        stored = aq_base(evidence).file
        self.assertIsInstance(stored, SealedFile)
        self.assertEqual(stored.data, FILE_MARKER * 10)
        self.assertEqual(stored.getSize(), len(FILE_MARKER) * 10)
        self.assertEqual(stored.filename, "letter.pdf")
        self.assertEqual(stored.contentType, "application/pdf")
        self.assertNotIn(FILE_MARKER, blob_bytes(stored))
        self.assertTrue(encryption.is_sealed(blob_bytes(stored)))
        # The field accepts it (REST and the site move validate), and no view may stream its blob from disk.
        from plone.namedfile.interfaces import IBlobby

        evidence.getTypeInfo().lookupSchema()["file"].validate(stored)
        self.assertFalse(IBlobby.providedBy(stored))
        self.assertEqual(stored.open().read(), FILE_MARKER * 10)
        # Replacing the file (as the edit form and REST do: a plain file, then the modified event) seals it too.
        evidence.file = NamedBlobFile(b"enc-marker-replaced", filename="second.txt")
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(evidence))
        self.assertIsInstance(aq_base(evidence).file, SealedFile)
        self.assertEqual(evidence.file.data, b"enc-marker-replaced")


class TestSealedFileBinding(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_a_sealed_blob_does_not_open_in_another_file(self):
        first, second = SealedFile(b"first file", filename="a.txt"), SealedFile(b"second file", filename="b.txt")
        second.reseal(first.sealed_token())
        with self.assertRaises(encryption.TamperedValue):
            second.data  # noqa: B018 (the read is the test)
        self.assertEqual(first.data, b"first file")


class TestEvidenceForms(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_the_edit_and_view_pages_show_a_sealed_file(self):
        case = create_case(self.layer["portal"])
        evidence = add_evidence(case, filename="kept.pdf", data=FILE_MARKER)
        with api.env.adopt_user(username="alpha-member"):
            for page in (evidence.restrictedTraverse("@@edit")(), evidence.restrictedTraverse("@@view")()):
                self.assertIn("kept.pdf", page)
                self.assertNotIn(FILE_MARKER.decode(), page)


class TestExistingSiteMigration(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_install_seals_plaintext_left_by_an_older_site(self):
        portal = self.layer["portal"]
        case = create_case(portal)
        evidence = add_evidence(case)
        # The state an older site left: plaintext under the field names, a plain blob file.
        for name, marker in MARKERS.items():
            aq_base(case).__dict__.pop(f"_sealed_{name}", None)
            aq_base(case).__dict__[name] = marker
        aq_base(evidence).__dict__["file"] = NamedBlobFile(FILE_MARKER, filename="old.pdf")
        # A version saved by the older site holds the plaintext too.
        repository = api.portal.get_tool("portal_repository")
        repository.save(obj=case, comment="saved by an older site")
        self.assertEqual(case.home_address, MARKERS["home_address"])  # still readable before the migration
        counts = install(portal)
        self.assertGreaterEqual(counts["case files"], 1)
        self.assertGreaterEqual(counts["evidence files"], 1)
        for name, marker in MARKERS.items():
            self.assertEqual(getattr(case, name), marker)
            self.assertNotIn(marker.encode(), raw_state(case))
        self.assertIsInstance(aq_base(evidence).file, SealedFile)
        self.assertEqual(evidence.file.data, FILE_MARKER)
        self.assertGreaterEqual(counts["case file versions"], 1)
        with api.env.adopt_roles(["Manager"]):
            old = repository.retrieve(case, 0).object
            self.assertEqual(old.health_notes, MARKERS["health_notes"])
            self.assertNotIn(MARKERS["health_notes"].encode(), repr(aq_base(old).__dict__).encode())
        # Idempotent.
        self.assertEqual(install(portal)["case files"], 0)


class TestRotation(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        # Rotate a copy of the test run's key file: the other tests keep theirs.
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-rotation-"))
        self.addCleanup(shutil.rmtree, self.folder, True)
        original = os.environ[keyring.ENVIRONMENT_VARIABLE]
        self.addCleanup(os.environ.__setitem__, keyring.ENVIRONMENT_VARIABLE, original)
        self.key_file = self.folder / "rotated.key"
        shutil.copy(original, self.key_file)
        os.environ[keyring.ENVIRONMENT_VARIABLE] = str(self.key_file)

    def test_after_rotation_everything_reads_under_the_new_key_alone(self):
        from coalition.intranet.security.encryption import rotation

        portal = self.layer["portal"]
        case = create_case(portal, **MARKERS)
        evidence = add_evidence(case, data=FILE_MARKER)
        api.portal.get_tool("portal_repository").save(obj=case, comment="a version")
        transaction.commit()
        old_id = encryption.current_key_id()
        new_id = keyring.add_new_current_key(self.key_file)
        stale = rotation.stale_values(portal)
        self.assertGreaterEqual(stale["case-fields"], 4)
        self.assertGreaterEqual(stale["evidence-files"], 1)
        self.assertGreaterEqual(stale["case-file-versions"], 4)
        self.assertEqual(stale["canary"], 1)
        lines = []
        counts = rotation.reseal_all(portal, batch=3, progress=lines.append)
        self.assertEqual(counts, stale)
        self.assertTrue(lines)
        self.assertFalse(any(rotation.stale_values(portal).values()))
        self.assertEqual(keyring.retire_keys(self.key_file, keep=set()), [old_id])
        self.assertEqual(list(keyring.read_keyring(self.key_file).keys), [new_id])
        transaction.abort()
        for name, marker in MARKERS.items():
            self.assertEqual(getattr(case, name), marker)
        self.assertEqual(evidence.file.data, FILE_MARKER)
        with api.env.adopt_roles(["Manager"]):
            old = api.portal.get_tool("portal_repository").retrieve(case, 0).object
            self.assertEqual(old.health_notes, MARKERS["health_notes"])
        self.assertTrue(check_canary(portal))


class TestServedTransparently(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def test_rest_and_download_for_the_roster_nothing_for_others(self):
        case = create_case(self.portal, **MARKERS)
        data = FILE_MARKER * 5000
        evidence = add_evidence(case, filename="scan.pdf", data=data)
        transaction.commit()
        case_url = f"{self.site_url}/intranet/cases/{case.getId()}"
        rest = requests.get(
            case_url, auth=("alpha-member", "demo-secret"), timeout=30, headers={"Accept": "application/json"}
        )
        self.assertEqual(rest.status_code, 200)
        for name, marker in MARKERS.items():
            self.assertEqual(rest.json()[name], marker)
        # Writing over REST stores sealed and reads back.
        patched = requests.patch(
            case_url,
            auth=("alpha-member", "demo-secret"),
            json={"home_address": "enc-marker-patched-address"},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        transaction.begin()
        self.assertEqual(case.home_address, "enc-marker-patched-address")
        self.assertNotIn(b"enc-marker-patched-address", raw_state(case))
        # The download streams the plaintext with its real length, also a range of it.
        url = f"{case_url}/{evidence.getId()}/@@download/file"
        own = requests.get(url, auth=("alpha-member", "demo-secret"), timeout=30)
        self.assertEqual(own.status_code, 200)
        self.assertEqual(own.content, data)
        self.assertEqual(int(own.headers["Content-Length"]), len(data))
        part = requests.get(url, auth=("alpha-member", "demo-secret"), headers={"Range": "bytes=10-29"}, timeout=30)
        self.assertEqual(part.content, data[10:30])
        # The edit form's own link to the file (the widget's download view).
        widget_url = f"{case_url}/{evidence.getId()}/edit/++widget++form.widgets.file/@@download/scan.pdf"
        from_widget = requests.get(widget_url, auth=("alpha-member", "demo-secret"), timeout=30)
        self.assertEqual(from_widget.content, data)
        view = requests.get(f"{case_url}/{evidence.getId()}", auth=("alpha-member", "demo-secret"), timeout=30)
        self.assertEqual(view.status_code, 200)
        self.assertIn("scan.pdf", view.text)
        for user in ("beta-member", None):
            refused = requests.get(url, auth=(user, "demo-secret") if user else None, timeout=30)
            self.assertNotIn(FILE_MARKER, refused.content)
            answer = requests.get(case_url, auth=(user, "demo-secret") if user else None, timeout=30)
            for marker in MARKERS.values():
                self.assertNotIn(marker, answer.text)
