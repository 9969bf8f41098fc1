"""The members' intranet is as accessible as the public site (issue 21).

For each person of the demo cast, every intranet page they work on is opened in Debian chromium at desktop and
phone widths: axe-core (WCAG 2.1 A/AA, findings of any impact) and the Nu HTML checker must report nothing.
A screenshot of each page and width is saved as ``intranet-<role>-<page>-<width>.png``.

``PAGES`` is data: a later issue that adds an intranet page adds a row (who opens it, a short name, and its
path or a function of the portal finding it). ``prepare`` gives the pages the state they show (an open ballot,
comment threads, a lock, a working copy, a piece of evidence).

A second test works with the keyboard only: it tabs through a working document (every focused control is
visible and shows a focus style; the focus never gets trapped) and casts an organisation's vote.
"""

from collections.abc import Callable
from dataclasses import dataclass
import pathlib
from plone import api
from tests.browser_helpers import DESKTOP
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
FINDINGS = pathlib.Path("test-results")
MARKUP = FINDINGS / "markup"  # the pages as the Nu checker read them

# The documents the fixture adds to the definition working group (ids).
LOCKED = "a11y-locked-paper"
CHECKED_OUT = "a11y-budget-paper"
DEFINITION = "intranet/groups/definition/definition-of-political-prisoner"
BALLOT_TITLE = "Second reading of the definition"
NOTES = "intranet/organisations/alpha/notes"


def _path(obj) -> str:
    return "/".join(obj.getPhysicalPath()[2:])


def _catalog_path(**query) -> str:
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(sort_on="created", **query)
    return _path(brains[0]._unrestrictedGetObject())


def alpha_case(portal) -> str:
    """The first case file the Alpha Rights Centre nominated."""
    return _catalog_path(portal_type="CaseFile", nominating_organisation="alpha")


def nominated_case(portal) -> str:
    """The demo case waiting for the list commission."""
    return _catalog_path(portal_type="CaseFile", review_state="nominated")


def below(finder: Callable, tab: str) -> Callable:
    """A view or form of what ``finder`` finds."""
    return lambda portal: f"{finder(portal)}/{tab}"


def evidence(portal) -> str:
    return _catalog_path(portal_type="Evidence")


def open_ballot(portal) -> str:
    return _catalog_path(portal_type="Ballot", Title=BALLOT_TITLE)


def closed_ballot(portal) -> str:
    """The demo ballot that adopted the definition, version 1: its result."""
    return _catalog_path(portal_type="Ballot", review_state="closed")


def german_profile(portal) -> str:
    """A public profile in German, as its editors and translators work on it."""
    return _catalog_path(portal_type="PrisonerProfile", Language="de")


def working_copy(portal) -> str:
    """The working copy alpha-member checked out of the budget paper."""
    from plone.app.iterate.interfaces import IWorkingCopy

    group = portal.unrestrictedTraverse("intranet/groups/definition")
    return _path(next(item for item in group.objectValues() if IWorkingCopy.providedBy(item)))


def criteria(portal) -> str:
    return _catalog_path(portal_type="CriteriaSet")


def definition_consultation(portal) -> str:
    """The consultation page of the definition (issue 19): the coordinator's form to open one, the comments."""
    return f"@@consultation?document={api.content.get_uuid(portal.unrestrictedTraverse(DEFINITION))}"


def new_ballot_on_the_definition(portal) -> str:
    return f"@@new-ballot?document={api.content.get_uuid(portal.unrestrictedTraverse(DEFINITION))}"


@dataclass(frozen=True)
class IntranetPage:
    role: str  # the demo user who opens it
    name: str  # short, for screenshots and findings
    path: str | Callable  # below the site root, or a function of the portal giving it

    def url_below(self, portal) -> str:
        return self.path(portal) if callable(self.path) else self.path


P = IntranetPage
PAGES = (
    # A member of an organisation and of the definition working group.
    P("alpha-member", "dashboard", "intranet"),
    P("alpha-member", "organisations", "intranet/organisations"),
    P("alpha-member", "workspace", "intranet/organisations/alpha"),
    P("alpha-member", "folder-contents", "intranet/organisations/alpha/folder_contents"),
    P("alpha-member", "workspace-document", NOTES),
    P("alpha-member", "working-groups", "intranet/groups"),
    P("alpha-member", "working-group", "intranet/groups/definition"),
    P("alpha-member", "add-working-document", "intranet/groups/definition/++add++WorkingDocument"),
    P("alpha-member", "working-document", DEFINITION),
    P("alpha-member", "version-history", f"{DEFINITION}/@@historyview"),
    P("alpha-member", "diff", f"{DEFINITION}/@@history?one=current&two=0"),
    P("alpha-member", "locked-document", f"intranet/groups/definition/{LOCKED}"),
    P("alpha-member", "checked-out-document", f"intranet/groups/definition/{CHECKED_OUT}"),
    P("alpha-member", "working-copy", working_copy),
    P("alpha-member", "working-copy-edit", below(working_copy, "edit")),
    P("alpha-member", "ballot", open_ballot),
    P("alpha-member", "closed-ballot", closed_ballot),
    P("alpha-member", "criteria", criteria),
    P("alpha-member", "cases", "intranet/cases"),
    P("alpha-member", "case-add", "intranet/cases/++add++CaseFile"),
    P("alpha-member", "case", alpha_case),
    P("alpha-member", "case-edit", below(alpha_case, "edit")),
    P("alpha-member", "case-assessment", below(alpha_case, "@@assessment")),
    P("alpha-member", "case-publication", below(alpha_case, "@@publication")),
    P("alpha-member", "case-access", below(alpha_case, "@@case-access")),
    P("alpha-member", "evidence-add", below(alpha_case, "++add++Evidence")),
    P("alpha-member", "evidence", evidence),
    P("alpha-member", "notification-preferences", "@@notification-preferences"),
    P("alpha-member", "two-factor", "@@two-factor"),
    # The organisation's admin: its representative in ballots, manages its roster and its cases' access.
    P("alpha-admin", "dashboard", "intranet"),
    P("alpha-admin", "roster", "intranet/organisations/alpha/@@roster"),
    P("alpha-admin", "working-group-roster", "intranet/groups/definition/@@roster"),
    P("alpha-admin", "ballot-vote", open_ballot),
    P("alpha-admin", "organisation-edit", "intranet/organisations/alpha/edit"),
    P("alpha-admin", "case-access", below(alpha_case, "@@case-access")),
    P("alpha-admin", "case-publication", below(alpha_case, "@@publication")),
    P("alpha-admin", "case-access-log", "intranet/cases/@@case-access-logs"),
    P("alpha-admin", "import-cases", "intranet/cases/@@import-cases"),
    # A member of the other organisation: sees the lock of a colleague of the group.
    P("beta-member", "dashboard", "intranet"),
    P("beta-member", "workspace", "intranet/organisations/beta"),
    P("beta-member", "locked-document", f"intranet/groups/definition/{LOCKED}"),
    P("beta-member", "case", nominated_case),
    P("beta-member", "consultation", definition_consultation),
    # The coordinator: organisations and groups, ballots, the criteria, the audit log and the trust report.
    P("coordinator", "dashboard", "intranet"),
    P("coordinator", "add-organisation", "intranet/organisations/++add++Organisation"),
    P("coordinator", "add-working-group", "intranet/groups/++add++WorkingGroup"),
    P("coordinator", "working-group-edit", "intranet/groups/definition/edit"),
    P("coordinator", "start-ballot", f"{DEFINITION}/@@start-ballot"),
    P("coordinator", "ballot", open_ballot),
    P("coordinator", "ballots-desk", "@@ballots"),
    P("coordinator", "new-ballot", new_ballot_on_the_definition),
    P("coordinator", "consultation", definition_consultation),
    P("coordinator", "criteria-edit", below(criteria, "@@edit-criteria")),
    P("coordinator", "publish-definition", "en/definition"),
    P("coordinator", "audit-log", "intranet/@@audit-log"),
    P("coordinator", "trust-report", "intranet/cases/@@trust-report"),
    P("coordinator", "import-cases", "intranet/cases/@@import-cases"),
    P("coordinator", "two-factor-reset", "@@two-factor-reset"),
    # The list commission.
    P("commission", "dashboard", "intranet"),
    P("commission", "commission", "intranet/cases/@@commission"),
    P("commission", "cases", "intranet/cases"),
    P("commission", "case", nominated_case),
    P("commission", "case-assessment", below(nominated_case, "@@assessment")),
    P("commission", "case-publication", below(alpha_case, "@@publication")),
    P("commission", "trust-report", "intranet/cases/@@trust-report"),
    # A public editor and German translator.
    P("editor-de", "dashboard", "intranet"),
    P("editor-de", "translation-status", "de/@@translation-status"),
    P("editor-de", "prisoners-contents", "de/prisoners/folder_contents"),
    P("editor-de", "prisoner-profile", german_profile),
    P("editor-de", "prisoner-profile-edit", below(german_profile, "edit")),
    # The mentorship coordinator (on no roster yet).
    P("mentor-coord", "dashboard", "intranet"),
    P("mentor-coord", "notification-preferences", "@@notification-preferences"),
    P("mentor-coord", "mentorship-registry", "intranet/mentorship"),
    P("mentor-coord", "mentor", "intranet/mentorship/klaus-vorbild"),
    P("mentor-coord", "mentor-edit", "intranet/mentorship/klaus-vorbild/edit"),
    P("mentor-coord", "mentorship", lambda portal: _catalog_path(portal_type="Mentorship", review_state="active")),
    P("mentor-coord", "mentorship-offers", "intranet/mentorship/@@mentorship-offers"),
)
ROLES = tuple(dict.fromkeys(page.role for page in PAGES))
WIDTHS = (("desktop", DESKTOP), ("phone", PHONE))


def prepare(portal) -> None:
    """What the pages show: an open ballot, two comment threads (one resolved), a second version of the
    definition, a document locked by alpha-admin, one checked out by alpha-member, a piece of evidence."""
    from coalition.intranet.cases.access_log import record_access
    from coalition.intranet.drafting import comments
    from coalition.intranet.drafting import locks
    from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
    from plone.app.textfield.value import RichTextValue
    from plone.dexterity.utils import createContentInContainer
    from plone.locking.interfaces import ILockable
    from plone.namedfile.file import NamedBlobFile
    from tests.drafting.ballot_fixtures import put_coordinator_on_the_roster
    from tests.drafting.ballot_fixtures import save_new_version
    from tests.drafting.ballot_fixtures import start
    from tests.drafting.test_comments import add_comment

    put_coordinator_on_the_roster(portal)
    group = portal["intranet"]["groups"]["definition"]
    document = portal.unrestrictedTraverse(DEFINITION)
    save_new_version(document, document.text.raw + "<p>House arrest counts as deprivation of liberty.</p>")
    start(document, title=BALLOT_TITLE, question="Do you adopt the definition as drafted now?")
    first = add_comment(document, "beta-member", "Does criterion 3 cover exile?")
    add_comment(document, "alpha-member", "Not yet: I will add a sentence.", in_reply_to=first)
    resolved = add_comment(document, "beta-member", "A typo in C2.")
    with api.env.adopt_user(username="alpha-member"):
        comments.resolve(document, resolved)
    text = RichTextValue("<p>A paper to discuss.</p>", "text/html", "text/x-html-safe")
    with api.env.adopt_user(username="alpha-admin"):
        locked = api.content.create(container=group, type="WorkingDocument", id=LOCKED, title="Minutes", text=text)
        ILockable(locked).lock()
        locks.extend_own_lock(locked)
    with api.env.adopt_user(username="alpha-member"):
        paper = api.content.create(container=group, type="WorkingDocument", id=CHECKED_OUT, title="Budget", text=text)
        ICheckinCheckoutPolicy(paper).checkout(group)
        case = portal.unrestrictedTraverse(alpha_case(portal))
        createContentInContainer(
            case,
            "Evidence",
            title="Court ruling",
            file=NamedBlobFile(b"%PDF-1.4 ruling", filename="ruling.pdf", contentType="application/pdf"),
        )
    # The Access tab shows the case's access log: give it rows whatever ran before (the log is a file).
    record_access(api.content.get_uuid(case), "commission", "rest:querystring-search-fullobjects", case.absolute_url())
    transaction.commit()


class TestIntranetAccessibility(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.portal = self.layer["portal"]
        prepare(self.portal)

    def check_pages_of(self, role: str) -> None:
        """Every page of ``role`` at both widths: axe-core in the browser, the Nu checker on the markup
        (one run for all pages). All findings are reported at once, also in test-results/."""
        page = self.session.new_page()
        log_in(page, self.site_url, role, PASSWORD)
        MARKUP.mkdir(parents=True, exist_ok=True)
        findings, markup = [], {}
        for entry in (entry for entry in PAGES if entry.role == role):
            name = f"intranet-{role}-{entry.name}"
            url = f"{self.site_url}/{entry.url_below(self.portal)}"
            page.set_viewport_size(DESKTOP)
            response = page.goto(url)
            page.wait_for_load_state()
            if response is None or response.status != 200 or "require_login" in page.url:
                findings.append(f"{name}: {response and response.status} at {page.url}")
                continue
            for width, viewport in WIDTHS:
                page.set_viewport_size(viewport)
                findings.extend(f"{name}-{width}: {line}" for line in axe_violations(page))
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:  # WCAG 1.4.10 (reflow): nothing wider than the screen, wide tables scroll
                    findings.append(f"{name}-{width}: the page is {overflow}px wider than the screen")
                save_screenshot(page, f"{name}-{width}")
            markup[name] = page.context.request.get(url).text()
            (MARKUP / f"{name}.html").write_text(markup[name], encoding="utf-8")
        findings.extend(html_errors(markup))
        FINDINGS.mkdir(exist_ok=True)
        (FINDINGS / f"intranet-a11y-{role}.txt").write_text("\n".join(findings) + "\n", encoding="utf-8")
        self.assertEqual(findings, [], f"{role}: {len(findings)} findings")

    def test_alpha_member(self):
        self.check_pages_of("alpha-member")

    def test_alpha_admin(self):
        self.check_pages_of("alpha-admin")

    def test_beta_member(self):
        self.check_pages_of("beta-member")

    def test_coordinator(self):
        self.check_pages_of("coordinator")

    def test_commission(self):
        self.check_pages_of("commission")

    def test_editor_de(self):
        self.check_pages_of("editor-de")

    def test_mentor_coord(self):
        self.check_pages_of("mentor-coord")

    def test_every_role_of_the_table_has_its_test(self):
        self.assertEqual({f"test_{role.replace('-', '_')}" for role in ROLES} - set(dir(self)), set())


FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return {
        name: (element.getAttribute("aria-label") || element.innerText || element.value || element.id || "").trim(),
        html: element.outerHTML.slice(0, 160),
        visible: box.width > 0 && box.height > 0
            && element.checkVisibility({opacityProperty: true, visibilityProperty: true}),
        styled: outline || shadow,
    };
}"""


class TestKeyboardOnly(unittest.TestCase):
    """An organisation's representative reads a working document and casts the vote, with the keyboard only."""

    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.portal = self.layer["portal"]
        prepare(self.portal)

    def tab_until(self, page, found: Callable[[dict], bool], limit: int = 250) -> list[dict]:
        """Press Tab until ``found`` holds for the focused element (or, with ``found`` never true, until the
        focus has gone through the whole page and left it); every element on the way shows its focus."""
        visited = []
        for _press in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None:  # past the last element of the page: the focus left it, no trap
                return visited
            visited.append(focused)
            self.assertTrue(focused["visible"], f"focused but not visible: {focused['html']}")
            self.assertTrue(focused["styled"], f"no visible focus style: {focused['html']}")
            if found(focused):
                return visited
        self.fail(f"the focus never left the page in {limit} presses of Tab: {visited[-5:]}")

    def test_tab_through_a_working_document_and_cast_a_vote(self):
        page = self.layer["browser"].new_page()
        log_in(page, self.site_url, "alpha-admin", PASSWORD)
        page.goto(f"{self.site_url}/{DEFINITION}")
        whole_page = self.tab_until(page, lambda focused: False)
        names = [focused["name"] for focused in whole_page]
        for action in ("Version history", "Compare the first version with the current text", "Reply", BALLOT_TITLE):
            self.assertIn(action, names)

        page.goto(f"{self.site_url}/{DEFINITION}")
        self.tab_until(page, lambda focused: focused["name"] == BALLOT_TITLE)
        save_screenshot(page, "intranet-keyboard-ballot-link-desktop")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        self.assertIn(BALLOT_TITLE, page.locator("h1").inner_text())
        self.tab_until(page, lambda focused: 'id="vote-alpha-' in focused["html"])
        for _option in range(4):  # the arrow keys move within the group of options
            if page.evaluate("document.activeElement.id") == "vote-alpha-approve":
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        self.assertTrue(page.locator("#vote-alpha-approve").is_checked())
        self.tab_until(page, lambda focused: 'id="statement-alpha"' in focused["html"])
        page.keyboard.type("We support the criteria.")
        self.tab_until(page, lambda focused: 'name="form.buttons.vote"' in focused["html"])
        save_screenshot(page, "intranet-keyboard-vote-button-desktop")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        self.assertTrue(page.get_by_text("Your organisation's vote has been recorded.").is_visible())
        save_screenshot(page, "intranet-keyboard-voted-desktop")
