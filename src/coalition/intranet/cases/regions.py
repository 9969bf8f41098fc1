"""The regions of cases: Russia's federal subjects, the occupied territories of Ukraine, and abroad.

Codes are the stable values stored on case files and profiles; labels are message ids translated in the
``coalition`` domain, so a reader sees the region in their language while filters share one URL value.
"""

from coalition.intranet import _


REGIONS = {
    "moscow": _("region_moscow", default="Moscow"),
    "moscow_oblast": _("region_moscow_oblast", default="Moscow region"),
    "saint_petersburg": _("region_saint_petersburg", default="Saint Petersburg"),
    "leningrad_oblast": _("region_leningrad_oblast", default="Leningrad region"),
    "adygea": _("region_adygea", default="Republic of Adygea"),
    "altai_republic": _("region_altai_republic", default="Altai Republic"),
    "altai_krai": _("region_altai_krai", default="Altai Krai"),
    "amur": _("region_amur", default="Amur region"),
    "arkhangelsk": _("region_arkhangelsk", default="Arkhangelsk region"),
    "astrakhan": _("region_astrakhan", default="Astrakhan region"),
    "bashkortostan": _("region_bashkortostan", default="Republic of Bashkortostan"),
    "belgorod": _("region_belgorod", default="Belgorod region"),
    "bryansk": _("region_bryansk", default="Bryansk region"),
    "buryatia": _("region_buryatia", default="Republic of Buryatia"),
    "chechnya": _("region_chechnya", default="Chechen Republic"),
    "chelyabinsk": _("region_chelyabinsk", default="Chelyabinsk region"),
    "chukotka": _("region_chukotka", default="Chukotka"),
    "chuvashia": _("region_chuvashia", default="Chuvash Republic"),
    "dagestan": _("region_dagestan", default="Republic of Dagestan"),
    "ingushetia": _("region_ingushetia", default="Republic of Ingushetia"),
    "irkutsk": _("region_irkutsk", default="Irkutsk region"),
    "ivanovo": _("region_ivanovo", default="Ivanovo region"),
    "jewish_ao": _("region_jewish_ao", default="Jewish Autonomous Region"),
    "kabardino_balkaria": _("region_kabardino_balkaria", default="Kabardino-Balkaria"),
    "kaliningrad": _("region_kaliningrad", default="Kaliningrad region"),
    "kalmykia": _("region_kalmykia", default="Republic of Kalmykia"),
    "kaluga": _("region_kaluga", default="Kaluga region"),
    "kamchatka": _("region_kamchatka", default="Kamchatka Krai"),
    "karachay_cherkessia": _("region_karachay_cherkessia", default="Karachay-Cherkessia"),
    "karelia": _("region_karelia", default="Republic of Karelia"),
    "kemerovo": _("region_kemerovo", default="Kemerovo region"),
    "khabarovsk": _("region_khabarovsk", default="Khabarovsk Krai"),
    "khakassia": _("region_khakassia", default="Republic of Khakassia"),
    "khanty_mansi": _("region_khanty_mansi", default="Khanty-Mansi Autonomous Okrug"),
    "kirov": _("region_kirov", default="Kirov region"),
    "komi": _("region_komi", default="Komi Republic"),
    "kostroma": _("region_kostroma", default="Kostroma region"),
    "krasnodar": _("region_krasnodar", default="Krasnodar Krai"),
    "krasnoyarsk": _("region_krasnoyarsk", default="Krasnoyarsk Krai"),
    "kurgan": _("region_kurgan", default="Kurgan region"),
    "kursk": _("region_kursk", default="Kursk region"),
    "lipetsk": _("region_lipetsk", default="Lipetsk region"),
    "magadan": _("region_magadan", default="Magadan region"),
    "mari_el": _("region_mari_el", default="Mari El Republic"),
    "mordovia": _("region_mordovia", default="Republic of Mordovia"),
    "murmansk": _("region_murmansk", default="Murmansk region"),
    "nenets": _("region_nenets", default="Nenets Autonomous Okrug"),
    "nizhny_novgorod": _("region_nizhny_novgorod", default="Nizhny Novgorod region"),
    "north_ossetia": _("region_north_ossetia", default="North Ossetia–Alania"),
    "novgorod": _("region_novgorod", default="Novgorod region"),
    "novosibirsk": _("region_novosibirsk", default="Novosibirsk region"),
    "omsk": _("region_omsk", default="Omsk region"),
    "orenburg": _("region_orenburg", default="Orenburg region"),
    "oryol": _("region_oryol", default="Oryol region"),
    "penza": _("region_penza", default="Penza region"),
    "perm": _("region_perm", default="Perm Krai"),
    "primorsky": _("region_primorsky", default="Primorsky Krai"),
    "pskov": _("region_pskov", default="Pskov region"),
    "rostov": _("region_rostov", default="Rostov region"),
    "ryazan": _("region_ryazan", default="Ryazan region"),
    "sakha": _("region_sakha", default="Republic of Sakha (Yakutia)"),
    "sakhalin": _("region_sakhalin", default="Sakhalin region"),
    "samara": _("region_samara", default="Samara region"),
    "saratov": _("region_saratov", default="Saratov region"),
    "smolensk": _("region_smolensk", default="Smolensk region"),
    "stavropol": _("region_stavropol", default="Stavropol Krai"),
    "sverdlovsk": _("region_sverdlovsk", default="Sverdlovsk region"),
    "tambov": _("region_tambov", default="Tambov region"),
    "tatarstan": _("region_tatarstan", default="Republic of Tatarstan"),
    "tomsk": _("region_tomsk", default="Tomsk region"),
    "tula": _("region_tula", default="Tula region"),
    "tuva": _("region_tuva", default="Tuva Republic"),
    "tver": _("region_tver", default="Tver region"),
    "tyumen": _("region_tyumen", default="Tyumen region"),
    "udmurtia": _("region_udmurtia", default="Udmurt Republic"),
    "ulyanovsk": _("region_ulyanovsk", default="Ulyanovsk region"),
    "vladimir": _("region_vladimir", default="Vladimir region"),
    "volgograd": _("region_volgograd", default="Volgograd region"),
    "vologda": _("region_vologda", default="Vologda region"),
    "voronezh": _("region_voronezh", default="Voronezh region"),
    "yamalo_nenets": _("region_yamalo_nenets", default="Yamalo-Nenets Autonomous Okrug"),
    "yaroslavl": _("region_yaroslavl", default="Yaroslavl region"),
    "zabaykalsky": _("region_zabaykalsky", default="Zabaykalsky Krai"),
    "crimea": _("region_crimea", default="Crimea (occupied)"),
    "sevastopol": _("region_sevastopol", default="Sevastopol (occupied)"),
    "occupied_ukraine": _("region_occupied_ukraine", default="Other occupied territories of Ukraine"),
    "abroad": _("region_abroad", default="Outside Russia"),
}


def region_code(text: str) -> str | None:
    """The code of a region given by code or by its English name (used when converting free text)."""
    if not text:
        return None
    if text in REGIONS:
        return text
    wanted = text.strip().lower()
    for code, label in REGIONS.items():
        default = label.default.lower()
        if wanted in (default, default.replace(" region", " oblast")):
            return code
    return None
