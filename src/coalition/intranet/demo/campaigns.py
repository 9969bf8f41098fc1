"""Demo campaigns, supporters and statements (fictional; called by ``handlers.install_demo``).

A running campaign in four languages with approved supporters of several roles and countries (some named,
some only counted), one waiting for moderation and one not yet confirmed; a campaign that ended; two
statements signed by the demo organisations. Supporters are created and moderated through the same
workflow as real sign-ups, so the register of signatures (campaigns/signatures.py) is filled as in life.
"""

from coalition.intranet.campaigns.supporters import APPROVED
from coalition.intranet.campaigns.supporters import CONFIRMED
from coalition.intranet.public.facts import public_profiles_query
from coalition.intranet.site import structure
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import link_translations
from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer


RUNNING_ID = "letters-for-the-new-year"
ENDED_ID = "free-the-journalists"
RUNNING = {
    "en": (
        "Letters for the New Year",
        "A thousand New Year cards for the political prisoners on our list, and an appeal for their release.",
        "<p>We, the undersigned, call on the authorities of the Russian Federation to release every person "
        "imprisoned for their beliefs, and to let letters and parcels reach them without delay.</p>",
        "Embassy of the Russian Federation",
        "Dear Ambassador,\n\nI am writing to ask your government to release the political prisoners named on "
        "the coalition's list and to let their letters through.\n\nYours sincerely,\n",
    ),
    "de": (
        "Briefe zum neuen Jahr",
        "Tausend Neujahrskarten für die politischen Gefangenen auf unserer Liste und ein Appell für ihre Freilassung.",
        "<p>Wir, die Unterzeichnenden, fordern die Behörden der Russischen Föderation auf, alle wegen ihrer "
        "Überzeugungen inhaftierten Menschen freizulassen und Briefe und Pakete unverzüglich zuzustellen.</p>",
        "Botschaft der Russischen Föderation",
        "Sehr geehrter Herr Botschafter,\n\nich bitte Ihre Regierung, die auf der Liste der Koalition genannten "
        "politischen Gefangenen freizulassen und ihre Briefe zuzustellen.\n\nMit freundlichen Grüßen\n",
    ),
    "fr": (
        "Des lettres pour la nouvelle année",
        "Mille cartes de vœux pour les prisonniers politiques de notre liste, et un appel à leur libération.",
        "<p>Nous, soussignés, appelons les autorités de la Fédération de Russie à libérer toute personne "
        "emprisonnée pour ses convictions et à laisser parvenir lettres et colis sans délai.</p>",
        "Ambassade de la Fédération de Russie",
        "Monsieur l'Ambassadeur,\n\nje vous écris pour demander à votre gouvernement de libérer les prisonniers "
        "politiques de la liste de la coalition et de laisser passer leurs lettres.\n\nVeuillez agréer…\n",
    ),
    "ru": (
        "Письма к Новому году",
        "Тысяча новогодних открыток политзаключённым из нашего списка и призыв к их освобождению.",
        "<p>Мы, нижеподписавшиеся, призываем власти Российской Федерации освободить всех, кто лишён свободы "
        "за свои убеждения, и без промедления передавать им письма и посылки.</p>",
        "Посольство Российской Федерации",
        "Уважаемый господин посол!\n\nПрошу ваше правительство освободить политзаключённых из списка коалиции "
        "и не препятствовать доставке их писем.\n\nС уважением,\n",
    ),
}
ENDED = {
    "en": ("Free the journalists", "An appeal for the release of imprisoned journalists (ended)."),
    "de": ("Freiheit für die Journalisten", "Ein Appell für die Freilassung inhaftierter Journalisten (beendet)."),
    "fr": ("Libérez les journalistes", "Un appel à la libération des journalistes emprisonnés (terminé)."),
    "ru": ("Свободу журналистам", "Призыв освободить заключённых журналистов (завершён)."),
}
# name, role, country, organisation, show name, state
SUPPORTERS = (
    ("Greta Lindqvist", "politician", "SE", "Member of the Riksdag (fictional)", True, APPROVED),
    ("Jan Novák", "academic", "CZ", "Charles University (fictional)", True, APPROVED),
    ("Marie Dubois", "artist", "FR", "Painter", True, APPROVED),
    ("Hans Becker", "journalist", "DE", "", True, APPROVED),
    ("Aino Virtanen", "citizen", "FI", "", True, APPROVED),
    ("Not shown A", "citizen", "DE", "", False, APPROVED),
    ("Not shown B", "citizen", "PL", "", False, APPROVED),
    ("Paolo Rossi", "politician", "IT", "City councillor (fictional)", True, CONFIRMED),
)
STATEMENTS = (
    (
        "on-the-new-list",
        "position",
        ("alpha", "beta"),
        {
            "en": ("The coalition publishes its common list", "Two organisations, one definition, one list."),
            "de": (
                "Die Koalition veröffentlicht ihre gemeinsame Liste",
                "Zwei Organisationen, eine Definition, eine Liste.",
            ),
            "fr": ("La coalition publie sa liste commune", "Deux organisations, une définition, une liste."),
            "ru": ("Коалиция публикует общий список", "Две организации, одно определение, один список."),
        },
    ),
    (
        "joint-appeal-letters",
        "joint_appeal",
        ("alpha",),
        {
            "en": ("Joint appeal: let the letters through", "Censorship of prisoners' mail must end."),
            "de": ("Gemeinsamer Appell: Lasst die Briefe durch", "Die Zensur der Gefangenenpost muss enden."),
            "fr": ("Appel commun : laissez passer les lettres", "La censure du courrier des détenus doit cesser."),
            "ru": ("Совместный призыв: пропускайте письма", "Цензура переписки заключённых должна прекратиться."),
        },
    ),
)


def create_demo_campaigns(site) -> None:
    languages = structure.LANGUAGES
    today = date.today()
    prisoners = _demo_prisoner_groups()
    running = _campaign(
        site, RUNNING_ID, languages, today - timedelta(days=20), today + timedelta(days=40), 500, prisoners[:2], RUNNING
    )
    _campaign(
        site,
        ENDED_ID,
        languages,
        today - timedelta(days=120),
        today - timedelta(days=30),
        200,
        prisoners[2:3],
        {lang: (*ENDED[lang], "", "", "") for lang in languages},
    )
    _supporters(running["en"], running["de"])
    _statements(site, languages, today)
    for language in languages:
        welcome = language_root(site, language).get("welcome")
        if welcome is not None and not welcome.exclude_from_nav:
            welcome.exclude_from_nav = True
            welcome.reindexObject()


def _demo_prisoner_groups() -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(sort_on="sortable_title", **public_profiles_query("en"))
    return [brain.TranslationGroup for brain in brains if brain.TranslationGroup]


def _campaign(site, item_id, languages, start, end, target, prisoners, texts) -> dict:
    items = {}
    for language in languages:
        section = language_root(site, language)["campaigns"]
        title, goal, html, recipient, letter = texts[language]
        if item_id not in section:
            createContentInContainer(
                section,
                "Campaign",
                id=item_id,
                title=title,
                description=goal,
                text=RichTextValue(html, "text/html", "text/x-html-safe") if html else None,
                campaign_start=start,
                campaign_end=end,
                target=target,
                prisoners=list(prisoners),
                letter_recipient=recipient or None,
                letter_template=letter or None,
                checkConstraints=False,
            )
        items[language] = section[item_id]
    link_translations(items)
    for item in items.values():
        if api.content.get_state(item) != "published":
            api.content.transition(item, to_state="published")
            _dated_now(item)
    return items


def _supporters(english, german) -> None:
    if english.objectIds() or german.objectIds():
        return
    for number, (name, role, country, organisation, shown, state) in enumerate(SUPPORTERS):
        campaign = german if country in ("DE", "AT", "CH") else english
        supporter = createContentInContainer(
            campaign,
            "Supporter",
            id=f"s-demo{number:02d}",
            checkConstraints=False,
            title=name,
            supporter_role=role,
            country=country,
            organisation=organisation or None,
            email=f"supporter-{number}@example.org",
            show_name=shown,
            language="de" if campaign is german else "en",
        )
        api.content.transition(supporter, transition="confirm")
        if state == APPROVED:
            api.content.transition(supporter, transition="approve")
    createContentInContainer(
        english,
        "Supporter",
        id="s-demo-unconfirmed",
        checkConstraints=False,
        title="Unconfirmed Person",
        supporter_role="citizen",
        country="NL",
        email="unconfirmed@example.org",
        show_name=True,
        language="en",
    )


def _statements(site, languages, today) -> None:
    for offset, (item_id, kind, signatories, texts) in enumerate(STATEMENTS):
        items = {}
        for language in languages:
            news = language_root(site, language)["news"]
            title, summary = texts[language]
            if item_id not in news:
                createContentInContainer(
                    news,
                    "Statement",
                    id=item_id,
                    title=title,
                    description=summary,
                    text=RichTextValue(f"<p>{summary}</p>", "text/html", "text/x-html-safe"),
                    statement_kind=kind,
                    statement_date=today - timedelta(days=10 * (offset + 1)),
                    signatories=list(signatories),
                    checkConstraints=False,
                )
            items[language] = news[item_id]
        link_translations(items)
        for item in items.values():
            if api.content.get_state(item) != "published":
                api.content.transition(item, to_state="published")
                _dated_now(item)


def _dated_now(item) -> None:
    """Published by script: the publishing date the workflow menu and the REST API would have set."""
    if not item.effective_date:
        item.setEffectiveDate(DateTime())
        item.reindexObject(idxs=["effective", "effectiveRange"])
