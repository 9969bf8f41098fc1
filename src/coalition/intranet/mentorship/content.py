"""Content classes of mentors, mentorships and their actions: titles are made from the facts."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from coalition.intranet.mentorship.interfaces import IMentor
from coalition.intranet.mentorship.interfaces import IMentorAction
from coalition.intranet.mentorship.interfaces import IMentorship
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from zope.interface import implementer


@implementer(IMentor)
class Mentor(Item):
    """The title is the mentor's name."""

    @property
    def title(self):
        return getattr(self, "name", None) or ""

    @title.setter
    def title(self, value):
        # The name field is the source of the title.
        pass


@implementer(IMentorship)
class Mentorship(Container):
    """Mentor ↔ prisoner. ``mentor_uid`` and ``profile_uid`` (the canonical public profile) and the dates of
    the lifecycle are attributes written by ``lifecycle.py`` only."""

    security = ClassSecurityInfo()
    mentor_uid = ""
    profile_uid = ""
    mentor_name = ""
    prisoner_name = ""
    proposed_on = None
    mentor_consent_on = None
    started_on = None
    ended_on = None
    end_reason = ""
    predecessor_uid = ""
    successor_uid = ""

    @property
    def title(self):
        return f"{self.mentor_name} – {self.prisoner_name}" if self.mentor_name else ""

    @title.setter
    def title(self, value):
        pass

    @security.public
    def lifecycle_step_allowed(self):
        """The workflow's guard: only ``lifecycle.py`` moves a mentorship, never the menu or REST."""
        from coalition.intranet.mentorship.lifecycle import step_in_progress

        return step_in_progress(self)


InitializeClass(Mentorship)


@implementer(IMentorAction)
class MentorAction(Item):
    """``reported_by_office``, ``approved``, ``approved_by`` are set by ``actions.py``."""

    reported_by_office = False
    approved = False
    approved_by = ""

    @property
    def title(self):
        from coalition.intranet.mentorship.vocabularies import ACTION_KINDS

        kind = dict(ACTION_KINDS).get(getattr(self, "kind", None))
        date = getattr(self, "date", None)
        label = getattr(kind, "default", None) or ""
        return f"{label} {date.isoformat()}".strip() if date else label

    @title.setter
    def title(self, value):
        pass
