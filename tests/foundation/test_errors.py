"""Every refusal of the coalition's rules is a `CoalitionError` with translatable messages, shown one way."""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.errors import show_error
from Products.statusmessages.interfaces import IStatusMessage
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest
from zope.i18n import translate


FIRST = _("ballot_error_closed", default="This ballot is closed: its result cannot change.")
SECOND = _("ballot_error_option", default="Choose approve, reject or abstain.")


def project_errors():
    from coalition.intranet.cases.api import CaseAccessError
    from coalition.intranet.cases.assessment import AssessmentError
    from coalition.intranet.cases.publication import PublicationRefused
    from coalition.intranet.criteria.api import CriteriaError
    from coalition.intranet.drafting.ballots import BallotError
    from coalition.intranet.drafting.comments import ThreadError
    from coalition.intranet.drafting.editing import EditConflict
    from coalition.intranet.drafting.locks import LockError
    from coalition.intranet.files.api import UploadRefused
    from coalition.intranet.notifications.mail import MailNotConfigured
    from coalition.intranet.workspaces.api import RosterError

    return (
        AssessmentError,
        BallotError,
        CaseAccessError,
        CriteriaError,
        EditConflict,
        LockError,
        MailNotConfigured,
        PublicationRefused,
        RosterError,
        ThreadError,
        UploadRefused,
    )


class TestCoalitionError(unittest.TestCase):
    def test_every_project_error_is_a_coalition_error_and_still_a_value_error(self):
        for error_class in project_errors():
            self.assertTrue(issubclass(error_class, CoalitionError), error_class)
            self.assertTrue(issubclass(error_class, ValueError), error_class)

    def test_one_message(self):
        error = CoalitionError(FIRST)
        self.assertEqual(error.messages, [FIRST])
        self.assertIs(error.message, FIRST)
        self.assertEqual(str(error), "This ballot is closed: its result cannot change.")

    def test_several_messages_given_one_by_one_or_as_a_list(self):
        for error in (CoalitionError(FIRST, SECOND), CoalitionError([FIRST, SECOND])):
            self.assertEqual(error.messages, [FIRST, SECOND])
            self.assertIs(error.message, FIRST)
            self.assertIn("Choose approve", str(error))

    def test_publication_refused_keeps_its_reasons(self):
        from coalition.intranet.cases.publication import PublicationRefused

        refused = PublicationRefused([FIRST, SECOND])
        self.assertEqual(refused.reasons, [FIRST, SECOND])
        self.assertEqual(refused.messages, [FIRST, SECOND])


class TestShownOneWay(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def test_every_message_is_shown_as_an_error_translated_for_the_requester(self):
        request = self.layer["request"]
        request.environ["HTTP_ACCEPT_LANGUAGE"] = "de"
        show_error(request, CoalitionError(FIRST, SECOND))
        shown = IStatusMessage(request).show()
        self.assertEqual([message.type for message in shown], ["error", "error"])
        self.assertEqual(
            [message.message for message in shown],
            [translate(FIRST, context=request), translate(SECOND, context=request)],
        )

    def test_a_refused_upload_stays_a_z3c_form_field_error_showing_its_message(self):
        from coalition.intranet.files.api import UploadRefused
        from z3c.form.error import InvalidErrorViewSnippet
        from z3c.form.interfaces import IErrorViewSnippet
        from zope.component import getMultiAdapter

        refused = UploadRefused(SECOND, context=self.layer["request"])
        snippet = getMultiAdapter((refused, self.layer["request"], None, None, None, None), IErrorViewSnippet)
        self.assertIsInstance(snippet, InvalidErrorViewSnippet)
        self.assertEqual(snippet.createMessage(), translate(SECOND, context=self.layer["request"]))
