"""Evidence attached to a case file is as confidential as its lawyers and relatives: only the nominating
roster and people granted the confidential fields open it; programs and web pages are refused."""

from plone import api
from plone.namedfile.file import NamedBlobFile
import requests
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


def add_evidence(case, filename="court-ruling.pdf", data=b"%PDF-1.4 ruling-secret-5521", user="alpha-member"):
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=case, type="Evidence", title="Court ruling", file=NamedBlobFile(data, filename=filename)
        )


class TestEvidence(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.case = create_case(self.portal)
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.case, transition="nominate")

    def can_view(self, user, obj):
        return api.user.has_permission("View", username=user, obj=obj)

    def test_only_who_reads_confidential_fields_opens_evidence(self):
        evidence = add_evidence(self.case)
        self.assertEqual(api.content.get_state(evidence), "confidential")
        self.assertTrue(self.can_view("alpha-member", evidence))
        self.assertTrue(self.can_view("commission", self.case))
        self.assertFalse(self.can_view("commission", evidence))
        self.assertFalse(self.can_view("beta-member", evidence))
        with api.env.adopt_user(username="alpha-admin"):
            from coalition.intranet.cases.api import grant_access

            grant_access(self.case, "commission", "facts")
            self.assertFalse(self.can_view("commission", evidence))
            grant_access(self.case, "commission", "confidential")
        self.assertTrue(self.can_view("commission", evidence))

    def test_evidence_is_not_found_by_those_who_cannot_open_it(self):
        add_evidence(self.case)
        catalog = api.portal.get_tool("portal_catalog")
        with api.env.adopt_user(username="commission"):
            self.assertEqual(len(catalog(portal_type="Evidence")), 0)
        with api.env.adopt_user(username="alpha-member"):
            self.assertEqual(len(catalog(portal_type="Evidence")), 1)

    def test_any_file_type_is_kept_as_evidence(self):
        # Saved web pages are common evidence: kept, and never served inline (files/serving.py).
        for filename in ("page.html", "drawing.svg", "script.js", "installer.exe"):
            self.assertIsNotNone(add_evidence(self.case, filename=filename, data=b"<script>alert(1)</script>"))

    def test_evidence_only_inside_case_files(self):
        with api.env.adopt_user(username="alpha-member"), self.assertRaises(api.exc.InvalidParameterError):
            api.content.create(
                container=self.portal["intranet"]["organisations"]["alpha"],
                type="Evidence",
                title="x",
                file=NamedBlobFile(b"x", filename="x.pdf"),
            )


class TestEvidenceDownload(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def test_download_refused_to_commission_and_other_organisation(self):
        case = create_case(self.layer["portal"])
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(case, transition="nominate")
        evidence = add_evidence(case)
        transaction.commit()
        site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        url = f"{site_url}/intranet/cases/{case.getId()}/{evidence.getId()}/@@download/file"
        for user in ("commission", "beta-member", None):
            response = requests.get(
                url, auth=(user, "demo-secret") if user else None, timeout=30, allow_redirects=False
            )
            self.assertNotEqual(response.status_code, 200, user)
            self.assertNotIn(b"ruling-secret-5521", response.content)
        own = requests.get(url, auth=("alpha-member", "demo-secret"), timeout=30)
        self.assertEqual(own.content, b"%PDF-1.4 ruling-secret-5521")
