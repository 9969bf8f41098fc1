"""The list commission's overview on /intranet/cases: what waits for assessment, decisions due, consent."""

from coalition.intranet.cases import commission
from coalition.intranet.cases.bulk_reads import record_listed_cases
from Products.Five.browser import BrowserView


class CommissionOverview(BrowserView):
    def lists(self):
        lists = [
            ("waiting", commission.waiting_for_assessment()),
            ("due", commission.decisions_due()),
            ("consent", commission.without_consent()),
            ("outdated", commission.profiles_out_of_date()),
        ]
        # The page names every case it lists: each is a read of that case file.
        for _key, brains in lists:
            record_listed_cases(brains, "list:commission-overview")
        return lists
