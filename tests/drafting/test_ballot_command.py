"""``scripts/close_due_ballots.py``, as zconsole runs it: closes what is due, reports each ballot."""

from coalition.intranet.drafting import ballots
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.drafting.ballot_fixtures import make_document
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
from tests.script_helpers import run_script
import transaction
import unittest


class TestCloseDueBallotsCommand(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def run_command(self, *argv):
        return run_script(self.layer["app"], "close_due_ballots.py", *argv)

    def test_the_command_closes_due_ballots_only(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        document = make_document(portal)
        due = start(document, title="Due ballot")
        vote(due, "alpha-admin", "approve")
        vote(due, "beta-admin", "reject")
        due.deadline = datetime.now(UTC) - timedelta(hours=1)
        later = start(document, title="Later ballot")
        transaction.commit()
        code, output = self.run_command("--site-id", "plone")
        self.assertEqual(code, 0, output)
        self.assertIn("due-ballot: rejected (2/2 voted)", output)
        self.assertIn("1 ballot(s) closed.", output)
        transaction.begin()
        self.assertEqual(api.content.get_state(due), "closed")
        self.assertEqual(ballots.result_of(due)["reason"], "deadline")
        self.assertEqual(api.content.get_state(later), "open")

    def test_the_command_names_a_missing_site(self):
        code, output = self.run_command("--site-id", "nowhere")
        self.assertEqual(code, 1)
        self.assertIn("No site 'nowhere'", output)
