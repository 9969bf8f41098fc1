"""The list commission's overview on /intranet/cases: what waits for assessment, decisions due, consent."""

from coalition.intranet.cases import commission
from Products.Five.browser import BrowserView


class CommissionOverview(BrowserView):
    def lists(self):
        return [
            ("waiting", commission.waiting_for_assessment()),
            ("due", commission.decisions_due()),
            ("consent", commission.without_consent()),
            ("outdated", commission.profiles_out_of_date()),
        ]
