"""Mails of the mentorship concern, each in its recipient's language: to coordinators (a new offer, the weekly
overview) and the gentle reminder to an inactive mentor's office. Mails name no contact data and no internal
action; links lead to pages that check who may open them."""

from coalition.intranet import _
from coalition.intranet.signups import api as signups
from plone import api
from zope.i18n import translate


COORDINATORS_GROUP = "mentorship-coordinators"


def _language_of(user) -> str:
    language = (user.getProperty("language", "") or "").strip()
    return language or api.portal.get_registry_record("plone.default_language", default="en") or "en"


def coordinators() -> list[tuple[str, str]]:
    """``(address, language)`` of each mentorship coordinator with an address."""
    found = []
    for user in api.user.get_users(groupname=COORDINATORS_GROUP):
        address = (user.getProperty("email", "") or "").strip()
        if address:
            found.append((address, _language_of(user)))
    return sorted(set(found))


def _t(message, language: str) -> str:
    return translate(message, domain="coalition", target_language=language)


def mail_coordinators_about_offer(offer: dict, portal_url: str) -> int:
    """Tell every coordinator that an offer to mentor waits for moderation; returns how many were mailed."""
    recipients = coordinators()
    for address, language in recipients:
        subject = _t(_("mail_offer_subject", default="A new offer to mentor a prisoner"), language)
        body = _t(
            _(
                "mail_offer_body",
                default="${name} (${body}) offers to mentor ${prisoner}.\n\nPlease moderate the offer: ${url}\n",
                mapping={
                    "name": offer["name"],
                    "body": offer["body"],
                    "prisoner": offer["prisoner_name"],
                    "url": f"{portal_url}/intranet/mentorship/@@mentorship-offers",
                },
            ),
            language,
        )
        signups.send_mail(address, subject, body)
    return len(recipients)


def mail_weekly_overview(lines: dict, portal_url: str) -> int:
    """The weekly overview to every coordinator: counts per heading and the dashboard's address."""
    recipients = coordinators()
    for address, language in recipients:
        subject = _t(_("mail_weekly_subject", default="Mentorship: the week's overview"), language)
        parts = [
            _t(
                _(
                    "mail_weekly_intro",
                    default="What waits for the mentorship coordinators this week:",
                ),
                language,
            ),
            "",
        ]
        for heading, count in lines.items():
            parts.append(f"- {_t(heading, language)}: {count}")
        parts.extend(["", f"{portal_url}/intranet/mentorship"])
        signups.send_mail(address, subject, "\n".join(parts))
    return len(recipients)


def mail_reminder_to_office(address: str, language: str, mentor_name: str, prisoner_names: list, days: int) -> None:
    """A gentle reminder to the office of a mentor whose mentorships saw no action for ``days`` days."""
    subject = _t(_("mail_reminder_subject", default="Your mentorship: a short reminder from the coalition"), language)
    body = _t(
        _(
            "mail_reminder_body",
            default="Dear office of ${name},\n\n"
            "thank you for standing by ${prisoners}. We have not heard of an action for ${days} days. "
            "A letter, a question in parliament or a public word helps a lot, and the prisoner often learns of it.\n\n"
            "If you did something we missed, please tell us with the personal link we sent you, or reply to "
            "the coalition's mentorship coordinators.\n\n"
            "With our thanks,\nthe coalition's mentorship coordinators\n",
            mapping={"name": mentor_name, "prisoners": ", ".join(prisoner_names), "days": days},
        ),
        language,
    )
    signups.send_mail(address, subject, body)
