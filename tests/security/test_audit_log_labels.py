"""The audit log names every act in words: each action id the add-on records anywhere has a label.

The action ids are read from the source (every ``record(<action>, …)`` call), so an act added later without
a label fails here instead of showing up as ``case.something`` on the coordinators' page.
"""

import ast
import coalition.intranet
from coalition.intranet.security import audit
from coalition.intranet.security import journal
from coalition.intranet.security import login_events
from coalition.intranet.security.browser.audit_log import action_title
from coalition.intranet.security.browser.audit_log import ACTION_TITLES
from coalition.intranet.security.browser.audit_log import ACTION_VARIANT_TITLES
from coalition.intranet.security.browser.audit_log import KIND_TITLES
from coalition.intranet.security.browser.audit_log import ROUTE_TITLES
import itertools
from pathlib import Path
from plone import api
import re
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest
from zope.i18nmessageid import Message


SOURCE = Path(coalition.intranet.__file__).parent
ACTION_ID = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _strings(node) -> list[str]:
    return [child.value for child in ast.walk(node) if isinstance(child, ast.Constant) and isinstance(child.value, str)]


def _assigned(scope, name: str) -> list[str]:
    """The string literals assigned to ``name`` in ``scope`` (``action = "a" if … else "b"``)."""
    found = []
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            found.extend(_strings(node.value))
    return found


def _is_record_call(node) -> bool:
    if not isinstance(node, ast.Call) or not node.args:
        return False
    function = node.func
    return (isinstance(function, ast.Attribute) and function.attr == "record") or (
        isinstance(function, ast.Name) and function.id == "record"
    )


def _enclosing_function(node, parents, module):
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node
    return module


def recorded_actions() -> tuple[dict[str, list[str]], list[str]]:
    """``({action id: [file:line, …]}, [places whose action id is not a literal])`` over the whole add-on."""
    actions, unreadable = {}, []
    for path in sorted(SOURCE.rglob("*.py")):
        module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        parents = {child: node for node in ast.walk(module) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(module):
            if not _is_record_call(node):
                continue
            place = f"{path.relative_to(SOURCE)}:{node.lineno}"
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names = [first.value]
            elif isinstance(first, ast.Name):
                scope = _enclosing_function(node, parents, module)
                names = [value for value in _assigned(scope, first.id) if ACTION_ID.match(value)]
            else:  # ``"a" if changed else "b"``
                names = [value for value in _strings(first) if ACTION_ID.match(value)]
            if not names:
                unreadable.append(place)
            for name in names:
                actions.setdefault(name, []).append(place)
    return actions, unreadable


class TestEveryActionHasALabel(unittest.TestCase):
    def test_the_scan_finds_the_acts_of_every_concern(self):
        actions, _unreadable = recorded_actions()
        for known in ("workspace.created", "roster.added", "roster.role_changed", "case.retracted", "ballot.voted"):
            self.assertIn(known, actions)
        self.assertGreaterEqual(len(actions), 20)

    def test_every_action_id_is_a_literal_the_scan_can_read(self):
        _actions, unreadable = recorded_actions()
        self.assertEqual(unreadable, [], "record() with an action id built at run time: use literals")

    def test_every_recorded_action_has_a_label(self):
        actions, _unreadable = recorded_actions()
        missing = {action: places for action, places in actions.items() if action not in ACTION_TITLES}
        self.assertEqual(missing, {}, "add a label to ACTION_TITLES in security/browser/audit_log.py")

    def test_labels_are_translatable_messages_of_the_coalition_domain(self):
        for action, title in [*ACTION_TITLES.items(), *ACTION_VARIANT_TITLES.items()]:
            self.assertIsInstance(title, Message, action)
            self.assertEqual(title.domain, "coalition", action)
            self.assertTrue(title.default, action)

    def test_an_automatic_retraction_reads_as_one(self):
        self.assertEqual(action_title("case.retracted", {"automatic": "yes"}), "audit_case_retracted_automatic")
        self.assertEqual(action_title("case.retracted", {"reason": "family asked"}), "audit_case_retracted")
        self.assertEqual(action_title("test.unknown", {}), "test.unknown")


class TestLabelsOnThePage(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_the_page_shows_a_label_for_every_action_never_its_id(self):
        portal = self.layer["portal"]
        target = portal["intranet"]["organisations"]["alpha"]
        actions, _unreadable = recorded_actions()
        for action in actions:
            audit.record(action, target, actor="coordinator")
        audit.record("case.retracted", target, actor="", automatic="yes", reason="consent withdrawn")
        with api.env.adopt_user(username="coordinator"):
            view = portal["intranet"].restrictedTraverse("@@audit-log")
            newest = itertools.islice(journal.entries(), len(actions) + 1)
            rows = view.rows_for(newest)
        shown = [row["action_label"] for row in rows]
        self.assertEqual(shown[0], ACTION_VARIANT_TITLES["case.retracted", "automatic", "yes"].default)
        for action in actions:
            self.assertNotIn(action, shown)
        self.assertEqual(sorted(shown[1:]), sorted(ACTION_TITLES[action].default for action in actions))


# Actions the journal reads from the logs outside the ZODB (they are not ``record()`` calls).
JOURNAL_ACTIONS = (
    *login_events.OUTCOMES.values(),
    journal.CASE_VIEWED,
    journal.CASE_DOWNLOADED,
    journal.CASE_LISTED,
)


class TestKindsAndLogins(unittest.TestCase):
    def test_logins_and_case_reads_have_labels(self):
        for action in JOURNAL_ACTIONS:
            self.assertIn(action, ACTION_TITLES)

    def test_every_kind_route_and_label_is_a_translatable_message(self):
        self.assertEqual(set(KIND_TITLES), set(journal.KINDS))
        self.assertEqual(set(ROUTE_TITLES), set(login_events.ROUTES))
        for title in [*KIND_TITLES.values(), *ROUTE_TITLES.values()]:
            self.assertIsInstance(title, Message)
            self.assertEqual(title.domain, "coalition")
            self.assertTrue(title.default)

    def test_every_action_belongs_to_a_kind_the_filter_offers(self):
        actions, _unreadable = recorded_actions()
        unsorted = {action for action in [*actions, *JOURNAL_ACTIONS] if journal.kind_of(action) == journal.KIND_OTHER}
        self.assertEqual(unsorted, {"audit.exported"}, "give the action a kind in security/journal.py")

    def test_the_issue_s_kinds(self):
        expected = {
            "case.access_granted": journal.KIND_ACCESS,
            "roster.removed": journal.KIND_ROSTER,
            "login.failed": journal.KIND_LOGINS,
            "login.lock_lifted": journal.KIND_LOGINS,
            "twofactor.reset": journal.KIND_TWOFACTOR,
            "case.downloaded": journal.KIND_CASE_READS,
            "case.retracted": journal.KIND_PUBLICATIONS,
            "case.decided": journal.KIND_DECISIONS,
            "ballot.voted": journal.KIND_BALLOTS,
        }
        self.assertEqual({action: journal.kind_of(action) for action in expected}, expected)
