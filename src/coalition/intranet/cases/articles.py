"""The maintained list of Russian Criminal Code articles used in political cases.

Codes are the stable values stored on case files; the labels are message ids translated in the
``coalition`` domain. Add an article here (and translate its label) to make it available.
"""

from coalition.intranet import _


CRIMINAL_CODE_ARTICLES = {
    "148": _("article_148", default="148 – insulting religious feelings"),
    "205.2": _("article_205_2", default="205.2 – public calls for terrorism or its justification"),
    "205.5": _("article_205_5", default="205.5 – participation in a terrorist organisation"),
    "207.1": _("article_207_1", default="207.1 – false information about threats to life and safety"),
    "207.3": _("article_207_3", default="207.3 – 'fakes' about the armed forces"),
    "212.1": _("article_212_1", default="212.1 – repeated violation of the rules for public assemblies"),
    "228": _("article_228", default="228 – drug offences (often planted evidence)"),
    "275": _("article_275", default="275 – high treason"),
    "275.1": _("article_275_1", default="275.1 – confidential cooperation with a foreign state"),
    "280": _("article_280", default="280 – public calls for extremist activity"),
    "280.3": _("article_280_3", default="280.3 – 'discrediting' the armed forces"),
    "280.4": _("article_280_4", default="280.4 – public calls against state security"),
    "281": _("article_281", default="281 – sabotage"),
    "282": _("article_282", default="282 – incitement of hatred"),
    "282.1": _("article_282_1", default="282.1 – organising an extremist community"),
    "282.2": _("article_282_2", default="282.2 – organising or taking part in an 'extremist' organisation"),
    "284.1": _("article_284_1", default="284.1 – activity of an 'undesirable' organisation"),
    "318": _("article_318", default="318 – violence against a representative of the authorities"),
    "330.1": _("article_330_1", default="330.1 – evading the duties of a 'foreign agent'"),
    "354.1": _("article_354_1", default="354.1 – 'rehabilitation of Nazism'"),
}
