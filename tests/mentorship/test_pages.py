"""The coordinators' pages render for every demo mentor and mentorship (in every state)."""

from coalition.intranet.mentorship import registry
from plone import api
from plone.app.testing import login
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.mentorship.mentorship_fixtures import COORDINATOR
import unittest
from zope.component import getMultiAdapter


class TestCoordinatorPages(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def render(self, context, name="view"):
        request = self.layer["request"]
        request.method = "GET"
        return getMultiAdapter((context, request), name=name)()

    def test_every_mentor_and_mentorship_page_renders(self):
        login(self.layer["portal"], COORDINATOR)
        section = registry.mentorship_section()
        html = self.render(section, "mentorship-registry")
        self.assertIn("Klaus Vorbild", html)
        for mentor in registry.all_mentors():
            self.assertIn(mentor.name, self.render(mentor))
        for mentorship in registry.mentorships():
            html = self.render(mentorship)
            self.assertIn(mentorship.prisoner_name, html, api.content.get_state(mentorship))
        self.assertIn("No offer waits for moderation.", self.render(section, "mentorship-offers"))
