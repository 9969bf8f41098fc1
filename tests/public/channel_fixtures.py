"""What must never come out of a public channel: a draft profile, a retracted profile, a case file and
workspace content, next to a published profile that must come out. Fictional people only."""

from coalition.intranet.public import api as public
from coalition.intranet.public.boundary import provenance
from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
import requests
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import create_case
from tests.mentorship.mentorship_fixtures import public_mentor_of
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait
import transaction


PUBLISHED_NAME = "Anatoly Veshnyakov"
PUBLISHED_NAME_DE = "Anatoli Weschnjakow"
PUBLISHED_NAME_RU = "Анатолий Вешняков"
DRAFT_NAME = "Draftina Nepublikova"
RETRACTED_NAME = "Retracta Skrytova"
CASE_NAME = "Casefilov Sekretny"
CASE_NAME_RU = "Кейсфилов Секретный"
WORKSPACE_TITLE = "Workspace memo Zakrytov"
# Facts on the published profile that are public on the profile page but not in the feeds or open data.
POSTAL_ADDRESS = "Tver, penal colony 1, otryad 9"
PLACE = "Penal colony No. 1, Tver region"
SENTENCE = "7 years, general regime colony"
STORY = "Story-text-Veshnyakov"
NEVER_IN_A_CHANNEL = (DRAFT_NAME, RETRACTED_NAME, CASE_NAME, CASE_NAME_RU, WORKSPACE_TITLE, *CONFIDENTIAL_VALUES)


def make_public_and_private_content(portal) -> dict:
    """Create the cast; returns the objects by role. The caller commits in a server test."""
    published = make_profile(
        PUBLISHED_NAME,
        translations={"de": PUBLISHED_NAME_DE},
        name_ru=PUBLISHED_NAME_RU,
        region="moscow",
        articles=["207.3", "280.3"],
        case_categories=["anti_war", "journalists"],
        expected_release=date(2029, 4, 1),
        image=portrait(),
        letters_possible=True,
        postal_address=POSTAL_ADDRESS,
    )
    public_mentor_of(published, "Erika Beispiel")
    public_mentor_of(published, "Jan Voorbeeld", body="Tweede Kamer", country="NL")
    with api.env.adopt_roles(["Manager"]):
        published.story = RichTextValue(f"<p>{STORY}</p>", "text/html", "text/x-html-safe")
    retracted = make_profile(RETRACTED_NAME, translations={"de": RETRACTED_NAME})
    public.retract_profile(api.content.get_uuid(retracted))
    draft = make_draft_profile(portal, DRAFT_NAME)
    case = create_case(portal, full_name=CASE_NAME_RU, full_name_latin=CASE_NAME)
    with api.env.adopt_user(username="alpha-member"):
        memo = api.content.create(
            container=portal["intranet"]["organisations"]["alpha"], type="Document", title=WORKSPACE_TITLE
        )
    return {"published": published, "retracted": retracted, "draft": draft, "case": case, "memo": memo}


def make_draft_profile(portal, title):
    """A profile left in draft: as older data (before the register of acts) may hold."""
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        draft = api.content.create(
            container=portal["en"]["prisoners"], type="PrisonerProfile", title=title, status="serving_sentence"
        )
    assert api.content.get_state(draft) == "draft"
    return draft


def http_get(site_url, path, user=None, **kwargs):
    """GET ``path`` (below the site, or a whole URL) as Anonymous or as a demo user, without following redirects."""
    kwargs.setdefault("timeout", 30)
    kwargs.setdefault("allow_redirects", False)
    if user:
        kwargs["auth"] = (user, "demo-secret")
    url = path if path.startswith("http") else f"{site_url}/{path}"
    return requests.get(url, **kwargs)


class PublicChannelTestCase:
    """Mixin for server tests: the cast above is committed; ``get`` speaks HTTP as Anonymous or a demo user."""

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.cast = make_public_and_private_content(self.portal)
        self.configure()
        transaction.commit()

    def configure(self):
        """Hook for registry settings a test class needs (committed with the cast)."""

    def get(self, path, user=None, **kwargs):
        return http_get(self.site_url, path, user, **kwargs)

    def retract(self, profile):
        public.retract_profile(api.content.get_uuid(profile))
        transaction.commit()

    def assert_nothing_private(self, text, where):
        for secret in NEVER_IN_A_CHANNEL:
            self.assertNotIn(secret, text, f"{where} revealed {secret!r}")
        for obj in (self.cast["draft"], self.cast["retracted"], self.cast["case"], self.cast["memo"]):
            self.assertNotIn(obj.absolute_url_path().replace("/plone/", "/", 1), text, f"{where} revealed a path")
