"""Coordinators read the access log of a case file by its neutral id (they cannot open the case itself)."""

from coalition.intranet.cases import api as cases
from coalition.intranet.errors import show_error
from Products.Five.browser import BrowserView


class CaseAccessLogsView(BrowserView):
    def case_id(self):
        return (self.request.form.get("case") or "").strip()

    def entries(self):
        if not self.case_id():
            return []
        try:
            return cases.access_log_by_case_id(self.context, self.case_id())
        except cases.CaseAccessError as error:
            show_error(self.request, error)
            return []
