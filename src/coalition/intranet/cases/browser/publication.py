"""The publication page of a case file: a preview of exactly what becomes public, publish and retract."""

from coalition.intranet import _
from coalition.intranet.cases import publication
from coalition.intranet.errors import show_error
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class PublicationView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self._update(self.request.form)
            self.request.response.redirect(f"{self.context.absolute_url()}/@@publication")
            return ""
        return self.index()

    def _update(self, form):
        try:
            if "publish" in form:
                publication.publish(self.context)
                message = _("profile_published", default="The public profile has been published.")
            else:
                count = publication.retract(self.context, form.get("reason", "").strip())
                message = _(
                    "profile_retracted",
                    default="The profile has been taken off the public site (${count} languages).",
                    mapping={"count": count},
                )
            api.portal.show_message(message, request=self.request)
        except publication.PublicationRefused as refused:
            show_error(self.request, refused)

    def may_publish(self):
        return api.user.has_permission(publication.PUBLISH, obj=self.context)

    def blockers(self):
        return [translate(reason, context=self.request) for reason in publication.publication_blockers(self.context)]

    def preview(self):
        schema = api.portal.get_tool("portal_types")["PrisonerProfile"].lookupSchema()
        rows = []
        for name, value in publication.public_data(self.context).items():
            field = schema[name]
            shown = self._display(field, value)
            rows.append({"label": translate(field.title, context=self.request), "value": shown or "–"})
        return rows

    def _display(self, field, value):
        """The value as a reader will see it: vocabulary titles, translated."""
        if value in (None, "", [], ()):
            return ""
        choice = getattr(field, "value_type", None) or field
        vocabulary = getattr(choice.bind(self.context), "vocabulary", None)
        values = value if isinstance(value, list | tuple) else [value]
        if vocabulary is None or not hasattr(vocabulary, "getTerm"):
            return ", ".join(str(v) for v in values)
        return ", ".join(translate(vocabulary.getTerm(v).title, context=self.request) for v in values)

    def profile(self):
        return publication.published_profile(self.context)
