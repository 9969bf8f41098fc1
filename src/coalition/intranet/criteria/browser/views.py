"""Thin views of the criteria: they read the request, call criteria.api / criteria.publication, render."""

from coalition.intranet import _
from coalition.intranet.criteria import api as criteria
from coalition.intranet.criteria import publication
from coalition.intranet.errors import show_error
from coalition.intranet.site.structure import LANGUAGES
from datetime import datetime
from plone import api
from plone.base.interfaces import ILanguage
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
import transaction
from zExceptions import Unauthorized
from zope.i18n import translate


class _Base(BrowserView):
    def _say(self, message, kind="info") -> None:
        IStatusMessage(self.request).add(translate(message, context=self.request), kind)

    def authenticator(self) -> str:
        return createToken()

    def kind_title(self, kind: str) -> str:
        return translate(criteria.KIND_TITLES[kind], context=self.request)

    def languages(self) -> tuple:
        return LANGUAGES


class CriteriaSetView(_Base):
    """The criteria as drafted (all languages) and the adopted versions."""

    index = ViewPageTemplateFile("templates/criteria_set.pt")

    def __call__(self):
        return self.index()

    def items(self) -> list[dict]:
        return criteria.items(self.context)

    def versions(self) -> list:
        return list(reversed(criteria.adopted_versions(self.context)))

    def may_edit(self) -> bool:
        return bool(api.user.has_permission("Modify portal content", obj=self.context))


class EditCriteriaForm(_Base):
    """``@@edit-criteria``: every item with its id, kind, and title and explanation in each language."""

    index = ViewPageTemplateFile("templates/edit_criteria.pt")

    def __call__(self):
        self.submitted = None
        if self.request.method == "POST" and "form.buttons.save" in self.request.form:
            CheckAuthenticator(self.request)
            self.submitted = self.read_form()
            try:
                criteria.set_items(self.context, self.submitted)
            except criteria.CriteriaError as error:
                transaction.doom()
                show_error(self.request, error)
                return self.index()
            self._say(_("criteria_msg_saved", default="The criteria have been saved."))
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()

    def read_form(self) -> list[dict]:
        form = self.request.form
        found = []
        for index in range(int(form.get("count", 0) or 0) + 1):
            item_id = (form.get(f"item.{index}.id") or "").strip()
            if not item_id or form.get(f"item.{index}.remove"):
                continue
            found.append(
                {
                    "id": item_id,
                    "kind": form.get(f"item.{index}.kind", ""),
                    "title": {lang: form.get(f"item.{index}.title.{lang}", "") for lang in LANGUAGES},
                    "explanation": {lang: form.get(f"item.{index}.explanation.{lang}", "") for lang in LANGUAGES},
                }
            )
        return found

    def rows(self) -> list[dict]:
        """The items to edit, then one empty row to add an item."""
        current = self.submitted if self.submitted is not None else criteria.items(self.context)
        empty = {"id": "", "kind": "criterion", "title": {}, "explanation": {}}
        return [dict(item, index=index) for index, item in enumerate([*current, empty])]

    def kinds(self) -> list[dict]:
        return [{"id": kind, "title": self.kind_title(kind)} for kind in criteria.KINDS]


class PublishedDefinitionView(_Base):
    """Layout of each language's ``definition`` folder: the published copy only, never the private set."""

    index = ViewPageTemplateFile("templates/published_definition.pt")

    def __call__(self):
        return self.index()

    def language(self) -> str:
        return ILanguage(self.context).get_language() or "en"

    def versions(self) -> list[dict]:
        return publication.published_versions(self.context)

    def shown(self) -> dict | None:
        """The version asked for with ``?version=n``, else the latest published one."""
        versions = self.versions()
        if not versions:
            return None
        wanted = str(self.request.form.get("version", ""))
        chosen = next((v for v in versions if str(v["number"]) == wanted), versions[-1])
        chosen = dict(chosen)
        adopted = datetime.fromisoformat(chosen["adopted"])
        chosen["adopted_display"] = adopted.strftime("%Y-%m-%d")
        chosen["adopted_datetime"] = adopted.isoformat(timespec="seconds")
        chosen["is_latest"] = chosen["number"] == versions[-1]["number"]
        for kind in criteria.KINDS:
            chosen[kind] = [item for item in chosen["items"] if item["kind"] == kind]
        return chosen

    def may_publish(self) -> bool:
        return publication.may_publish(self.context) and criteria.current_version() is not None


class PublishDefinition(_Base):
    """``@@publish-definition`` (POST): publish the latest adopted version in every language."""

    def __call__(self):
        if self.request.method != "POST":
            raise Unauthorized("POST only")
        CheckAuthenticator(self.request)
        if criteria.current_version() is None:
            self._say(
                _("definition_error_nothing_adopted", default="No version of the criteria has been adopted yet."),
                "error",
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        number = publication.publish_definition()
        self._say(
            _(
                "definition_msg_published",
                default="Version ${number} of the definition is published in every language.",
                mapping={"number": number},
            )
        )
        self.request.response.redirect(self.context.absolute_url())
        return ""
