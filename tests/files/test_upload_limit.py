"""Uploads above the limit are refused with a clear message, through every path, and nothing is saved."""

import base64
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
import re
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest
from zExceptions import BadRequest


ONE_MB = 1024 * 1024


class TestUploadLimitInProcess(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.workspace = self.portal["intranet"]["organisations"]["alpha"]
        api.portal.set_registry_record("coalition.uploads.max_upload_size_mb", 1)

    def test_default_limit_is_fifty_megabytes(self):
        from coalition.intranet.files.interfaces import IUploadSettings

        self.assertEqual(IUploadSettings["max_upload_size_mb"].default, 50)

    def test_file_within_the_limit_is_stored(self):
        with api.env.adopt_user(username="alpha-member"):
            item = api.content.create(
                container=self.workspace,
                type="File",
                title="Small",
                file=NamedBlobFile(b"x" * 1000, filename="small.txt"),
            )
        self.assertEqual(item.file.getSize(), 1000)

    def test_file_over_the_limit_is_refused_whatever_the_path(self):
        with api.env.adopt_user(username="alpha-member"), self.assertRaises(BadRequest) as raised:
            api.content.create(
                container=self.workspace,
                type="File",
                title="Big",
                file=NamedBlobFile(b"x" * (ONE_MB + 1), filename="big.pdf"),
            )
        self.assertIn("big.pdf", str(raised.exception))
        self.assertIn("at most 1 MB", str(raised.exception))

    def test_form_validator_names_the_limit(self):
        from coalition.intranet.files.api import UploadRefused
        from coalition.intranet.files.validators import UploadSizeValidator

        field = api.portal.get_tool("portal_types")["File"].lookupSchema()["file"]
        validator = UploadSizeValidator(self.workspace, self.layer["request"], None, field, None)
        with self.assertRaises(UploadRefused) as raised:
            validator.validate(NamedBlobFile(b"x" * (2 * ONE_MB), filename="report.pdf"))
        self.assertIn("2.0 MB", str(raised.exception))
        validator.validate(NamedBlobFile(b"x" * 10, filename="ok.pdf"))


class TestUploadLimitOverHttp(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        api.portal.set_registry_record("coalition.uploads.max_upload_size_mb", 1)
        transaction.commit()
        self.folder_url = f"http://{self.layer['host']}:{self.layer['port']}/plone/intranet/organisations/alpha"
        self.workspace = portal["intranet"]["organisations"]["alpha"]

    def test_rest_api_refuses_an_oversized_file_with_400_and_saves_nothing(self):
        payload = {
            "@type": "File",
            "title": "Big upload",
            "file": {
                "data": base64.b64encode(b"x" * (ONE_MB + 10)).decode(),
                "encoding": "base64",
                "filename": "big.pdf",
                "content-type": "application/pdf",
            },
        }
        response = requests.post(
            self.folder_url,
            json=payload,
            headers={"Accept": "application/json"},
            auth=("alpha-member", "demo-secret"),
            timeout=60,
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("at most 1 MB", response.text)
        listing = requests.get(
            f"{self.folder_url}/@search",
            params={"portal_type": "File"},
            headers={"Accept": "application/json"},
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            timeout=30,
        ).json()
        self.assertEqual(listing["items_total"], 0)

    def test_folder_contents_uploader_answers_413_with_the_reason(self):
        response = requests.post(
            f"{self.folder_url}/@@fileUpload",
            files={"file": ("big.pdf", b"x" * (ONE_MB + 10), "application/pdf")},
            auth=("alpha-member", "demo-secret"),
            timeout=60,
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("big.pdf", response.text)
        self.assertIn("Nothing was saved", response.text)

    def test_the_edit_form_keeps_the_existing_file(self):
        with api.env.adopt_user(username="alpha-member"):
            item = api.content.create(
                container=self.workspace,
                type="File",
                title="Kept",
                file=NamedBlobFile(b"the original bytes", filename="kept.txt"),
            )
        transaction.commit()
        session = requests.Session()
        session.auth = ("alpha-member", "demo-secret")
        form = session.get(f"{self.folder_url}/{item.getId()}/@@edit", timeout=30)
        self.assertEqual(form.status_code, 200)
        authenticator = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form.text).group(1)
        saved = session.post(
            f"{self.folder_url}/{item.getId()}/@@edit",
            data={
                "_authenticator": authenticator,
                "form.widgets.title": "Kept, renamed",
                "form.widgets.file.action": "nochange",
                "form.buttons.save": "Save",
            },
            timeout=30,
        )
        self.assertEqual(saved.status_code, 200, saved.text[-500:])
        transaction.begin()
        self.assertEqual(item.title, "Kept, renamed")
        self.assertEqual(item.file.data, b"the original bytes")
