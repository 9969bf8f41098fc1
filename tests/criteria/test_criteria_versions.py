"""Criteria: an adopted ballot freezes a numbered version; failed ballots freeze nothing; bad ids refused."""

from coalition.intranet.criteria import api as criteria
from coalition.intranet.criteria import publication
from coalition.intranet.demo import definition
from coalition.intranet.drafting import ballots
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.drafting.ballot_fixtures import close
from tests.drafting.ballot_fixtures import put_coordinator_on_the_roster
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
import unittest


class TestCriteriaVersions(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        put_coordinator_on_the_roster(self.portal)
        self.document = self.portal["intranet"]["groups"]["definition"][definition.DOCUMENT_ID]
        self.criteria_set = self.document["criteria"]

    def test_demo_definition_is_adopted_as_v1(self):
        version = criteria.current_version()
        self.assertEqual(version.number, 1)
        self.assertEqual(version.organisations, ("Alpha Rights Centre", "Beta Solidarity Network"))
        self.assertEqual([i["id"] for i in version.items], ["S1", "C1", "C2", "C3", "C4", "C5", "X1", "A", "B"])
        self.assertEqual(version.item("X1")["title"]["de"], "Gewalt")
        self.assertEqual(criteria.criteria_version(1), version)
        self.assertIsNone(criteria.criteria_version(2))
        self.assertEqual(api.content.get_state(self.criteria_set), "private")

    def test_adopted_ballot_freezes_the_next_version_with_the_criteria_put_to_the_vote(self):
        changed = criteria.items(self.criteria_set)
        changed[1]["title"]["en"] = "Fundamental freedoms (revised)"
        with api.env.adopt_user(username="alpha-member"):
            criteria.set_items(self.criteria_set, changed)
        ballot = start(self.document)
        # Edited after the ballot opened: not what is voted on.
        late = criteria.items(self.criteria_set)
        late[1]["title"]["en"] = "Edited during the vote"
        with api.env.adopt_user(username="alpha-member"):
            criteria.set_items(self.criteria_set, late)
        vote(ballot, "alpha-admin", "approve")
        vote(ballot, "beta-admin", "reject")
        # A ballot whose subject changed closes only once a coordinator keeps it (or restarts it).
        with api.env.adopt_user(username="coordinator"):
            ballots.keep_ballot(ballot, "Edited during the vote, kept for the test")
        # A tie adopts nothing.
        close(ballot)
        self.assertEqual(criteria.current_version().number, 1)
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        vote(ballot, "beta-admin", "abstain")
        close(ballot)
        version = criteria.current_version()
        self.assertEqual(version.number, 2)
        self.assertEqual(version.item("C1")["title"]["en"], "Edited during the vote")
        self.assertEqual(version.organisations, ("Alpha Rights Centre",))
        # v1 is unchanged.
        self.assertEqual(criteria.criteria_version(1).item("C1")["title"]["en"], "Fundamental freedoms")

    def test_changing_returned_versions_changes_nothing_stored(self):
        version = criteria.current_version()
        version.item("C1")["title"]["en"] = "tampered"
        criteria.items(self.criteria_set)[1]["title"]["en"] = "tampered"
        self.assertEqual(criteria.current_version().item("C1")["title"]["en"], "Fundamental freedoms")
        self.assertEqual(criteria.items(self.criteria_set)[1]["title"]["en"], "Fundamental freedoms")

    def test_bad_criteria_are_refused_and_change_nothing(self):
        before = criteria.items(self.criteria_set)
        for bad in (
            [{"id": "c1", "kind": "criterion", "title": {"en": "x"}}],
            [
                {"id": "C1", "kind": "criterion", "title": {"en": "x"}},
                {"id": "C1", "kind": "criterion", "title": {"en": "y"}},
            ],
            [{"id": "C9", "kind": "wish", "title": {"en": "x"}}],
            [{"id": "C9", "kind": "criterion", "title": {"de": "nur deutsch"}}],
        ):
            with api.env.adopt_user(username="alpha-member"), self.assertRaises(criteria.CriteriaError):
                criteria.set_items(self.criteria_set, bad)
        self.assertEqual(criteria.items(self.criteria_set), before)

    def test_other_organisations_member_cannot_edit_criteria(self):
        from AccessControl import Unauthorized

        api.user.create(username="outsider", email="o@example.org", password="secret-secret")
        with api.env.adopt_user(username="outsider"):
            self.assertFalse(api.user.has_permission("View", obj=self.criteria_set))
            with self.assertRaises(Unauthorized):
                criteria.set_items(self.criteria_set, [])

    def test_publication_copies_whitelisted_texts_per_language(self):
        published = publication.published_versions(self.portal["de"]["definition"])
        self.assertEqual([v["number"] for v in published], [1])
        self.assertEqual(published[0]["items"][6]["title"], "Gewalt")
        self.assertEqual(set(published[0]["items"][0]), {"id", "kind", "title", "explanation"})
        self.assertEqual(self.portal["de"]["definition"].getLayout(), "published-definition")

    def test_publication_tells_the_caching_proxy_that_every_definition_page_changed(self):
        from z3c.caching.interfaces import IPurgeEvent
        from zope.component import getGlobalSiteManager
        from zope.component import provideHandler

        purged = []

        def collect(event):
            purged.append("/".join(event.object.getPhysicalPath()[2:]))

        provideHandler(collect, (IPurgeEvent,))
        try:
            with api.env.adopt_user(username="editor-de"):
                publication.publish_definition()
        finally:
            getGlobalSiteManager().unregisterHandler(collect, (IPurgeEvent,))
        self.assertLessEqual({f"{language}/definition" for language in ("en", "de", "fr", "ru")}, set(purged))

    def test_only_coordinators_and_public_editors_publish(self):
        from AccessControl import Unauthorized

        for user in ("alpha-admin", "beta-member"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized):
                publication.publish_definition()
        # Public editors are Editors on every language root.
        with api.env.adopt_user(username="editor-de"):
            self.assertEqual(publication.publish_definition(), 1)
