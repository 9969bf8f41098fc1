"""Fictional public profiles of the demo, with their texts in English, German, French and Russian.

Every person, facility, address and mentor here is invented (the surnames mean "example", "template",
"invented"… in Russian, the mentors' in German, French, Dutch, Swedish, Italian and Polish). Dates that
must stay "upcoming" whenever the demo is built are given relative to that day: ``birthday_in_days``
(the next birthday) and ``release_in_days`` (the expected release).

Two profiles have no French translation and one has no German one, so that the translation status and
the "not yet translated" page have something to show.

Each person becomes a case file (``prisoners.case_facts``: the ``facts`` without the recognition) that the
list commission decides in ``category`` and publishes. ``recognised_on`` is the date the story gives the
recognition; the profile shows the date of the demo's decision instead (``record_decision`` dates a
decision when it is recorded, and there is no way to record one in the past).
"""

from datetime import date


PRISONERS = (
    {
        "names": {
            "en": "Pavel Primerov",
            "de": "Pawel Primerow",
            "fr": "Pavel Primerov",
            "ru": "Павел Примеров",
        },
        "facts": {
            "gender": "male",
            "birth_year": 1986,
            "region": "moscow",
            "articles": ["207.3"],
            "case_categories": ["anti_war"],
            "status": "serving_sentence",
            "date_of_detention": date(2022, 3, 14),
            "sentence": "7 years, general regime colony",
            "place_of_detention": "Penal colony No. 0, Moscow region (fictional)",
            "recognised_on": date(2022, 9, 20),
            "category": "A",
        },
        "birthday_in_days": 9,
        "portrait": (52, 92, 140),
        "postal_address": "ФКУ ИК-0 УФСИН России по Московской области\n"
        "000001, Московская область, г. Примерск, ул. Вымышленная, д. 0",
        "mentors": ["Jutta Beispiel, Bundestag, Germany"],
        "stories": {
            "en": "Pavel Primerov, a sound engineer from Moscow, shared a video about the shelling of a Ukrainian "
            "city in his neighbourhood chat in March 2022. He was arrested two weeks later and sentenced to seven "
            "years for spreading 'fakes' about the army. Pavel answers every letter and loves to hear about music.",
            "de": "Pawel Primerow, Tontechniker aus Moskau, teilte im März 2022 im Chat seines Viertels ein Video "
            "über den Beschuss einer ukrainischen Stadt. Zwei Wochen später wurde er festgenommen und wegen "
            "angeblicher „Falschnachrichten“ über die Armee zu sieben Jahren Haft verurteilt. Pawel beantwortet "
            "jeden Brief und freut sich, wenn man ihm von Musik erzählt.",
            "fr": "Pavel Primerov, ingénieur du son à Moscou, a partagé en mars 2022 dans la discussion de son "
            "quartier une vidéo sur le bombardement d'une ville ukrainienne. Arrêté deux semaines plus tard, il a "
            "été condamné à sept ans de prison pour de prétendues « fausses informations » sur l'armée. Pavel "
            "répond à chaque lettre et aime qu'on lui parle de musique.",
            "ru": "Павел Примеров, звукорежиссёр из Москвы, в марте 2022 года переслал в чат своего района видео "
            "об обстреле украинского города. Через две недели его задержали и приговорили к семи годам лишения "
            "свободы за «фейки» об армии. Павел отвечает на каждое письмо и любит, когда ему пишут о музыке.",
        },
        "interests": {
            "en": "Jazz records, cycling, chess problems.",
            "de": "Jazzplatten, Radfahren, Schachaufgaben.",
            "fr": "Les disques de jazz, le vélo, les problèmes d'échecs.",
            "ru": "Джазовые пластинки, велосипед, шахматные задачи.",
        },
    },
    {
        "names": {
            "en": "Polina Vydumannaya",
            "de": "Polina Wydumannaja",
            "ru": "Полина Выдуманная",
        },
        "facts": {
            "gender": "female",
            "birth_year": 1999,
            "region": "saint_petersburg",
            "articles": ["207.3", "280.3"],
            "case_categories": ["anti_war"],
            "status": "pre_trial_custody",
            "date_of_detention": date(2025, 1, 27),
            "place_of_detention": "Pre-trial detention centre No. 0, Saint Petersburg (fictional)",
            "recognised_on": date(2025, 5, 14),
            "category": "A",
        },
        "birthday_in_days": 23,
        "portrait": (128, 64, 96),
        "postal_address": "ФКУ СИЗО-0 УФСИН России по г. Санкт-Петербургу и Ленинградской области\n"
        "000002, г. Санкт-Петербург, Условный пр., д. 0",
        "seeks_mentor": True,
        "stories": {
            "en": "Polina Vydumannaya, a librarian in Saint Petersburg, was detained in January 2025 over comments "
            "against the war that she had posted under a pseudonym. She has been held in pre-trial detention ever "
            "since, and the court keeps extending her custody. Polina would be glad of letters about books and travel.",
            "de": "Polina Wydumannaja, Bibliothekarin in Sankt Petersburg, wurde im Januar 2025 wegen Kommentaren "
            "gegen den Krieg festgenommen, die sie unter einem Pseudonym veröffentlicht hatte. Seitdem sitzt sie in "
            "Untersuchungshaft, die das Gericht immer wieder verlängert. Polina freut sich über Briefe über Bücher "
            "und Reisen.",
            "ru": "Полину Выдуманную, библиотекаря из Санкт-Петербурга, задержали в январе 2025 года из-за "
            "антивоенных комментариев, которые она публиковала под псевдонимом. С тех пор она находится в СИЗО, и "
            "суд раз за разом продлевает ей арест. Полина будет рада письмам о книгах и путешествиях.",
        },
        "interests": {
            "en": "Scandinavian novels, travel writing, embroidery.",
            "de": "Skandinavische Romane, Reiseliteratur, Stickerei.",
            "ru": "Скандинавские романы, книги о путешествиях, вышивка.",
        },
    },
    {
        "names": {
            "en": "Sergei Shablonov",
            "de": "Sergei Schablonow",
            "fr": "Sergueï Chablonov",
            "ru": "Сергей Шаблонов",
        },
        "facts": {
            "gender": "male",
            "date_of_birth": date(1958, 2, 11),
            "region": "krasnodar",
            "articles": ["282.2"],
            "case_categories": ["religious"],
            "status": "serving_sentence",
            "date_of_detention": date(2019, 6, 3),
            "sentence": "6 years 6 months, general regime colony",
            "place_of_detention": "Penal colony No. 0, Krasnodar Krai (fictional)",
            "recognised_on": date(2020, 2, 10),
            "category": "A",
        },
        "release_in_days": 95,
        "portrait": (70, 110, 80),
        "postal_address": "ФКУ ИК-0 УФСИН России по Краснодарскому краю\n"
        "000003, Краснодарский край, г. Шаблонск, ул. Образцовая, д. 0",
        "mentors": ["Jean Exemple, Assemblée nationale, France"],
        "stories": {
            "en": "Sergei Shablonov, a retired bus driver from Krasnodar, was prosecuted for meeting friends at home "
            "to read and discuss the Bible. The court called these meetings the activity of a banned 'extremist' "
            "organisation and sentenced him to six and a half years. His release is expected soon, and his friends "
            "are collecting cards to welcome him home.",
            "de": "Sergei Schablonow, ein pensionierter Busfahrer aus Krasnodar, wurde angeklagt, weil er sich mit "
            "Freunden zu Hause traf, um die Bibel zu lesen und darüber zu sprechen. Das Gericht wertete diese "
            "Treffen als Tätigkeit einer verbotenen „extremistischen“ Organisation und verurteilte ihn zu "
            "sechseinhalb Jahren Haft. Seine Freilassung steht bald bevor; Freunde sammeln Karten, um ihn zu Hause "
            "zu begrüßen.",
            "fr": "Sergueï Chablonov, chauffeur de bus à la retraite de Krasnodar, a été poursuivi pour avoir réuni "
            "des amis chez lui afin de lire et de commenter la Bible. Le tribunal a qualifié ces réunions "
            "d'activité d'une organisation « extrémiste » interdite et l'a condamné à six ans et demi de prison. Sa "
            "libération est attendue prochainement ; ses amis rassemblent des cartes pour l'accueillir.",
            "ru": "Сергея Шаблонова, водителя автобуса на пенсии из Краснодара, преследовали за то, что он собирал "
            "у себя дома друзей, чтобы читать и обсуждать Библию. Суд признал эти встречи деятельностью "
            "запрещённой «экстремистской» организации и приговорил его к шести с половиной годам. Освобождение "
            "ожидается скоро, и друзья собирают открытки, чтобы встретить его дома.",
        },
        "interests": {
            "en": "Gardening, old maps, his grandchildren's drawings.",
            "de": "Gartenarbeit, alte Landkarten, die Zeichnungen seiner Enkel.",
            "fr": "Le jardinage, les cartes anciennes, les dessins de ses petits-enfants.",
            "ru": "Садоводство, старые карты, рисунки внуков.",
        },
    },
    {
        "names": {
            "en": "Irina Uslovnaya",
            "fr": "Irina Ouslovnaïa",
            "ru": "Ирина Условная",
        },
        "facts": {
            "gender": "female",
            "date_of_birth": date(1991, 7, 30),
            "region": "novosibirsk",
            "articles": ["280.3"],
            "case_categories": ["anti_war", "artists"],
            "status": "house_arrest",
            "date_of_detention": date(2023, 9, 18),
            "place_of_detention": "House arrest, Novosibirsk",
            "recognised_on": date(2024, 1, 22),
            "category": "A",
        },
        "portrait": (150, 96, 40),
        "seeks_mentor": True,
        "stories": {
            "en": "Irina Uslovnaya, an illustrator from Novosibirsk, drew a series of postcards with doves and the "
            "word 'peace'. Charged with 'discrediting' the army, she has been under house arrest since September "
            "2023 and may leave home only to see a doctor. Irina still draws every day and sends sketches to her "
            "friends.",
            "fr": "Irina Ouslovnaïa, illustratrice à Novossibirsk, a dessiné une série de cartes postales avec des "
            "colombes et le mot « paix ». Accusée d'avoir « discrédité » l'armée, elle est assignée à résidence "
            "depuis septembre 2023 et ne peut sortir que pour voir un médecin. Irina dessine toujours chaque jour "
            "et envoie des croquis à ses amis.",
            "ru": "Ирина Условная, иллюстратор из Новосибирска, нарисовала серию открыток с голубями и словом "
            "«мир». Её обвиняют в «дискредитации» армии; с сентября 2023 года она находится под домашним арестом и "
            "может выходить из дома только к врачу. Ирина по-прежнему рисует каждый день и отправляет наброски "
            "друзьям.",
        },
        "interests": {
            "en": "Watercolour, cats, Japanese animation.",
            "fr": "L'aquarelle, les chats, l'animation japonaise.",
            "ru": "Акварель, кошки, японская анимация.",
        },
    },
    {
        "names": {
            "en": "Dmitry Probny",
            "de": "Dmitri Probny",
            "fr": "Dmitri Probny",
            "ru": "Дмитрий Пробный",
        },
        "facts": {
            "gender": "male",
            "date_of_birth": date(1979, 11, 2),
            "region": "tatarstan",
            "articles": ["212.1"],
            "case_categories": ["civic_activists"],
            "status": "emigrated",
            "date_of_detention": date(2021, 1, 23),
            "sentence": "2 years, general regime colony (served)",
            "recognised_on": date(2021, 6, 1),
            "category": "A",
        },
        "portrait": (60, 60, 60),
        "mentors": ["Mario Esempio, Camera dei deputati, Italy"],
        "stories": {
            "en": "Dmitry Probny, a civic activist from Kazan, was arrested after several peaceful street protests "
            "in January 2021 and sentenced to two years for 'repeated violations' of the rules on assemblies. After "
            "his release he was threatened with a new case and left Russia. He now helps the families of other "
            "political prisoners from abroad.",
            "de": "Dmitri Probny, ein Bürgerrechtler aus Kasan, wurde nach mehreren friedlichen Straßenprotesten im "
            "Januar 2021 festgenommen und wegen „wiederholter Verstöße“ gegen das Versammlungsrecht zu zwei Jahren "
            "Haft verurteilt. Nach seiner Freilassung drohte ihm ein neues Verfahren, und er verließ Russland. Heute "
            "unterstützt er aus dem Ausland die Familien anderer politischer Gefangener.",
            "fr": "Dmitri Probny, militant associatif de Kazan, a été arrêté après plusieurs manifestations "
            "pacifiques en janvier 2021 et condamné à deux ans de prison pour « violations répétées » des règles sur "
            "les rassemblements. Après sa libération, menacé d'une nouvelle affaire, il a quitté la Russie. Il aide "
            "aujourd'hui, depuis l'étranger, les familles d'autres prisonniers politiques.",
            "ru": "Дмитрия Пробного, гражданского активиста из Казани, задержали после нескольких мирных уличных "
            "акций в январе 2021 года и приговорили к двум годам за «неоднократное нарушение» порядка проведения "
            "публичных мероприятий. После освобождения ему пригрозили новым делом, и он уехал из России. Сейчас он "
            "из-за границы помогает семьям других политзаключённых.",
        },
        "interests": {
            "en": "Running, urban history, podcasts.",
            "de": "Laufen, Stadtgeschichte, Podcasts.",
            "fr": "La course à pied, l'histoire des villes, les podcasts.",
            "ru": "Бег, история городов, подкасты.",
        },
    },
    {
        "names": {
            "en": "Lenur Maketov",
            "de": "Lenur Maketow",
            "ru": "Ленур Макетов",
        },
        "facts": {
            "gender": "male",
            "date_of_birth": date(1983, 5, 4),
            "region": "crimea",
            "articles": ["205.5"],
            "case_categories": ["religious", "crimean_tatars"],
            "status": "serving_sentence",
            "date_of_detention": date(2019, 3, 27),
            "sentence": "15 years, strict regime colony",
            "place_of_detention": "Penal colony No. 0, Rostov region (fictional)",
            "recognised_on": date(2019, 10, 15),
            "category": "B",
        },
        "portrait": (30, 110, 120),
        "postal_address": "ФКУ ИК-0 ГУФСИН России по Ростовской области\n"
        "000004, Ростовская область, г. Макетовск, ул. Черновая, д. 0",
        "mentors": ["Maria Voorbeeld, Tweede Kamer, Netherlands"],
        "stories": {
            "en": "Lenur Maketov, a carpenter and father of four from Bakhchysarai in occupied Crimea, was detained "
            "during mass searches of Crimean Tatar homes in March 2019. He was accused of belonging to an Islamic "
            "organisation that is legal in Ukraine and sentenced to 15 years, although no act of violence was ever "
            "alleged. His family says that every letter gives him strength.",
            "de": "Lenur Maketow, Tischler und Vater von vier Kindern aus Bachtschyssaraj auf der besetzten Krim, "
            "wurde im März 2019 bei Massendurchsuchungen krimtatarischer Häuser festgenommen. Man warf ihm die "
            "Mitgliedschaft in einer islamischen Organisation vor, die in der Ukraine legal ist, und verurteilte ihn "
            "zu 15 Jahren Haft, obwohl ihm nie eine Gewalttat vorgeworfen wurde. Seine Familie sagt, dass ihm jeder "
            "Brief Kraft gibt.",
            "ru": "Ленура Макетова, столяра и отца четырёх детей из Бахчисарая в оккупированном Крыму, задержали в "
            "марте 2019 года во время массовых обысков в домах крымских татар. Его обвинили в участии в исламской "
            "организации, которая легальна в Украине, и приговорили к 15 годам, хотя ни в каком насилии его не "
            "обвиняли. Семья говорит, что каждое письмо придаёт ему сил.",
        },
        "interests": {
            "en": "Woodwork, Crimean Tatar poetry, football.",
            "de": "Holzarbeiten, krimtatarische Dichtung, Fußball.",
            "ru": "Работа с деревом, крымскотатарская поэзия, футбол.",
        },
    },
    {
        "names": {
            "en": "Natalia Chernovikova",
            "de": "Natalja Tschernowikowa",
            "fr": "Natalia Tchernovikova",
            "ru": "Наталья Черновикова",
        },
        "facts": {
            "gender": "female",
            "birth_year": 1977,
            "region": "sverdlovsk",
            "articles": ["207.3"],
            "case_categories": ["journalists"],
            "status": "serving_sentence",
            "date_of_detention": date(2022, 7, 5),
            "sentence": "4 years, general regime colony",
            "place_of_detention": "Women's penal colony No. 0, Sverdlovsk region (fictional)",
            "recognised_on": date(2022, 12, 1),
            "category": "A",
        },
        "birthday_in_days": 55,
        "release_in_days": 300,
        "portrait": (110, 50, 50),
        "postal_address": "ФКУ ИК-0 ГУФСИН России по Свердловской области\n"
        "000005, Свердловская область, г. Черновск, ул. Пробная, д. 0",
        "seeks_mentor": True,
        "stories": {
            "en": "Natalia Chernovikova edited a small independent news site in Yekaterinburg. In July 2022 she was "
            "arrested over an article about soldiers from her region killed in the war and sentenced for spreading "
            "'fakes' about the army. In the colony she keeps a diary and hopes to publish it one day.",
            "de": "Natalja Tschernowikowa leitete eine kleine unabhängige Nachrichtenseite in Jekaterinburg. Im Juli "
            "2022 wurde sie wegen eines Artikels über gefallene Soldaten aus ihrer Region festgenommen und wegen "
            "„Falschnachrichten“ über die Armee verurteilt. In der Kolonie führt sie Tagebuch und hofft, es eines "
            "Tages zu veröffentlichen.",
            "fr": "Natalia Tchernovikova dirigeait un petit site d'information indépendant à Iekaterinbourg. En "
            "juillet 2022, elle a été arrêtée pour un article sur les soldats de sa région tués à la guerre, puis "
            "condamnée pour de prétendues « fausses informations » sur l'armée. Dans la colonie, elle tient un "
            "journal qu'elle espère publier un jour.",
            "ru": "Наталья Черновикова редактировала небольшой независимый новостной сайт в Екатеринбурге. В июле "
            "2022 года её задержали из-за статьи о погибших на войне военных из её региона и осудили за «фейки» об "
            "армии. В колонии она ведёт дневник и надеется когда-нибудь его издать.",
        },
        "interests": {
            "en": "Crime novels, the history of the Urals, crosswords.",
            "de": "Krimis, die Geschichte des Urals, Kreuzworträtsel.",
            "fr": "Les romans policiers, l'histoire de l'Oural, les mots croisés.",
            "ru": "Детективы, история Урала, кроссворды.",
        },
    },
    {
        "names": {
            "en": "Alexei Fiktivny",
            "de": "Alexej Fiktiwny",
            "fr": "Alexeï Fiktivny",
            "ru": "Алексей Фиктивный",
        },
        "facts": {
            "gender": "male",
            "birth_year": 1981,
            "region": "moscow",
            "articles": ["284.1", "330.1"],
            "case_categories": ["politicians"],
            "status": "serving_sentence",
            "date_of_detention": date(2024, 4, 2),
            "sentence": "8 years, general regime colony",
            "place_of_detention": "Penal colony No. 0, Vladimir region (fictional)",
            "recognised_on": date(2024, 8, 19),
            "category": "A",
        },
        "birthday_in_days": 41,
        "portrait": (40, 70, 120),
        "postal_address": "ФКУ ИК-0 УФСИН России по Владимирской области\n"
        "000006, Владимирская область, г. Фиктивск, ул. Шаблонная, д. 0",
        "mentors": ["Erika Mustermann, Bundestag, Germany", "Lena Exempel, Riksdag, Sweden"],
        "stories": {
            "en": "Alexei Fiktivny was a municipal deputy in Moscow and a member of an opposition party. He was "
            "detained in April 2024 for taking part in an online conference of an 'undesirable' organisation and "
            "for not marking his posts as those of a 'foreign agent', and was sentenced to eight years. Two members "
            "of European parliaments have taken up his case as mentors.",
            "de": "Alexej Fiktiwny war Abgeordneter eines Moskauer Stadtbezirks und Mitglied einer "
            "Oppositionspartei. Im April 2024 wurde er festgenommen, weil er an einer Online-Konferenz einer "
            "„unerwünschten“ Organisation teilgenommen und seine Beiträge nicht als die eines „ausländischen "
            "Agenten“ gekennzeichnet hatte; er wurde zu acht Jahren Haft verurteilt. Zwei Mitglieder europäischer "
            "Parlamente haben als Paten seinen Fall übernommen.",
            "fr": "Alexeï Fiktivny était élu municipal à Moscou et membre d'un parti d'opposition. Arrêté en avril "
            "2024 pour avoir participé à une conférence en ligne d'une organisation « indésirable » et pour ne pas "
            "avoir signalé ses publications comme celles d'un « agent de l'étranger », il a été condamné à huit ans "
            "de prison. Deux parlementaires européens se sont engagés à ses côtés comme parrains.",
            "ru": "Алексей Фиктивный был муниципальным депутатом в Москве и членом оппозиционной партии. В апреле "
            "2024 года его задержали за участие в онлайн-конференции «нежелательной» организации и за то, что он "
            "не маркировал свои публикации как материалы «иностранного агента», и приговорили к восьми годам. Двое "
            "депутатов европейских парламентов взяли над ним шефство.",
        },
        "interests": {
            "en": "Local government, football, science fiction.",
            "de": "Kommunalpolitik, Fußball, Science-Fiction.",
            "fr": "La politique locale, le football, la science-fiction.",
            "ru": "Местное самоуправление, футбол, фантастика.",
        },
    },
    {
        "names": {
            "en": "Andrei Voobrazhaemy",
            "de": "Andrej Woobraschajemy",
            "fr": "Andreï Voobrajaemy",
            "ru": "Андрей Воображаемый",
        },
        "facts": {
            "gender": "male",
            "date_of_birth": date(1962, 9, 14),
            "region": "tomsk",
            "articles": ["275"],
            "case_categories": ["scientists"],
            "status": "serving_sentence",
            "date_of_detention": date(2021, 8, 11),
            "sentence": "12 years, strict regime colony",
            "place_of_detention": "Penal colony No. 0, Omsk region (fictional)",
            "recognised_on": date(2022, 3, 3),
            "category": "B",
        },
        "portrait": (90, 80, 130),
        "postal_address": "ФКУ ИК-0 УФСИН России по Омской области\n"
        "000007, Омская область, г. Воображаемск, ул. Лабораторная, д. 0",
        "seeks_mentor": True,
        "stories": {
            "en": "Andrei Voobrazhaemy is a physicist from Tomsk who worked on laser optics for thirty years. In "
            "August 2021 he was charged with high treason over a conference talk and papers written with foreign "
            "colleagues, all approved by his institute at the time. Sentenced to 12 years after a closed trial, he "
            "keeps writing scientific articles in the colony.",
            "de": "Andrej Woobraschajemy ist Physiker aus Tomsk und hat dreißig Jahre lang über Laseroptik "
            "geforscht. Im August 2021 wurde er wegen Hochverrats angeklagt – wegen eines Konferenzvortrags und "
            "gemeinsamer Veröffentlichungen mit ausländischen Kollegen, die sein Institut damals genehmigt hatte. "
            "In einem geschlossenen Verfahren zu zwölf Jahren verurteilt, schreibt er in der Kolonie weiter "
            "wissenschaftliche Artikel.",
            "fr": "Andreï Voobrajaemy est un physicien de Tomsk qui a travaillé trente ans sur l'optique laser. En "
            "août 2021, il a été accusé de haute trahison pour une communication à un colloque et des articles "
            "cosignés avec des collègues étrangers, tous approuvés à l'époque par son institut. Condamné à huis clos "
            "à douze ans de prison, il continue d'écrire des articles scientifiques dans la colonie.",
            "ru": "Андрей Воображаемый — физик из Томска, тридцать лет занимавшийся лазерной оптикой. В августе "
            "2021 года его обвинили в госизмене из-за доклада на конференции и статей, написанных вместе с "
            "зарубежными коллегами, которые в своё время одобрил его институт. После закрытого процесса его "
            "приговорили к 12 годам, и в колонии он продолжает писать научные статьи.",
        },
        "interests": {
            "en": "Physics, classical music, mountain hiking.",
            "de": "Physik, klassische Musik, Bergwandern.",
            "fr": "La physique, la musique classique, la randonnée en montagne.",
            "ru": "Физика, классическая музыка, горные походы.",
        },
    },
    {
        "names": {
            "en": "Kseniya Demova",
            "de": "Xenija Demowa",
            "fr": "Xenia Demova",
            "ru": "Ксения Демова",
        },
        "facts": {
            "gender": "female",
            "date_of_birth": date(1994, 3, 21),
            "region": "arkhangelsk",
            "articles": ["212.1"],
            "case_categories": ["environmental"],
            "status": "released",
            "date_of_detention": date(2020, 2, 10),
            "sentence": "1 year 6 months, general regime colony (served)",
            "recognised_on": date(2020, 6, 15),
            "category": "A",
        },
        "stories": {
            "en": "Kseniya Demova, an ecologist from Arkhangelsk, took part in peaceful protests against a planned "
            "landfill in the taiga. She was sentenced to a year and a half for 'repeated violations' of the rules on "
            "assemblies and released in 2021. She continues her environmental work and speaks about other prisoners "
            "of conscience.",
            "de": "Xenija Demowa, Ökologin aus Archangelsk, beteiligte sich an friedlichen Protesten gegen eine "
            "geplante Mülldeponie in der Taiga. Wegen „wiederholter Verstöße“ gegen das Versammlungsrecht wurde sie "
            "zu anderthalb Jahren Haft verurteilt und 2021 freigelassen. Sie setzt ihre Umweltarbeit fort und "
            "spricht über andere Gewissensgefangene.",
            "fr": "Xenia Demova, écologue d'Arkhangelsk, a participé à des manifestations pacifiques contre un projet "
            "de décharge dans la taïga. Condamnée à un an et demi de prison pour « violations répétées » des règles "
            "sur les rassemblements, elle a été libérée en 2021. Elle poursuit son engagement écologique et parle "
            "des autres prisonniers d'opinion.",
            "ru": "Ксения Демова, эколог из Архангельска, участвовала в мирных протестах против строительства "
            "мусорного полигона в тайге. За «неоднократное нарушение» порядка проведения публичных мероприятий её "
            "приговорили к полутора годам, в 2021 году она вышла на свободу. Она продолжает заниматься экологией и "
            "рассказывает о других узниках совести.",
        },
        "interests": {
            "en": "Birdwatching, northern folk songs, kayaking.",
            "de": "Vogelbeobachtung, Volkslieder des Nordens, Kajakfahren.",
            "fr": "L'observation des oiseaux, les chants populaires du Nord, le kayak.",
            "ru": "Наблюдение за птицами, северные народные песни, байдарки.",
        },
    },
    {
        "names": {
            "en": "Bohdan Vyhadanyi",
            "de": "Bohdan Wyhadanyj",
            "fr": "Bohdan Vyhadanyï",
            "ru": "Богдан Вигаданый",
        },
        "facts": {
            "gender": "male",
            "date_of_birth": date(1990, 12, 8),
            "region": "occupied_ukraine",
            "articles": ["280.4"],
            "case_categories": ["ukrainians"],
            "status": "pre_trial_custody",
            "date_of_detention": date(2025, 5, 19),
            "place_of_detention": "Pre-trial detention centre No. 0, Simferopol (fictional)",
            "recognised_on": date(2025, 9, 1),
            "category": "A",
        },
        "postal_address": "ФКУ СИЗО-0 УФСИН России по Республике Крым и г. Севастополю\n"
        "000008, г. Симферополь, ул. Придуманная, д. 0",
        "seeks_mentor": True,
        "stories": {
            "en": "Bohdan Vyhadanyi, a schoolteacher from an occupied small town in the Zaporizhzhia region, was "
            "taken from his home in May 2025 after he refused to teach the Russian curriculum. He is accused of "
            "'calls against state security' over old posts in support of Ukraine and is held in pre-trial "
            "detention. For months his family did not know where he was.",
            "de": "Bohdan Wyhadanyj, Lehrer aus einer besetzten Kleinstadt in der Region Saporischschja, wurde im Mai "
            "2025 aus seinem Haus geholt, nachdem er sich geweigert hatte, nach dem russischen Lehrplan zu "
            "unterrichten. Wegen alter Beiträge zur Unterstützung der Ukraine wird ihm ein „Aufruf gegen die "
            "Staatssicherheit“ vorgeworfen; er sitzt in Untersuchungshaft. Monatelang wusste seine Familie nicht, "
            "wo er war.",
            "fr": "Bohdan Vyhadanyï, instituteur d'une petite ville occupée de la région de Zaporijjia, a été emmené "
            "de chez lui en mai 2025 après avoir refusé d'enseigner le programme russe. Accusé d'« appels contre la "
            "sécurité de l'État » pour d'anciennes publications de soutien à l'Ukraine, il est en détention "
            "provisoire. Pendant des mois, sa famille n'a pas su où il se trouvait.",
            "ru": "Богдана Вигаданого, учителя из оккупированного городка в Запорожской области, в мае 2025 года "
            "забрали из дома после того, как он отказался преподавать по российской программе. Его обвиняют в "
            "«призывах против безопасности государства» из-за старых постов в поддержку Украины, он находится в "
            "СИЗО. Несколько месяцев семья не знала, где он.",
        },
        "interests": {
            "en": "Ukrainian literature, football, fishing.",
            "de": "Ukrainische Literatur, Fußball, Angeln.",
            "fr": "La littérature ukrainienne, le football, la pêche.",
            "ru": "Украинская литература, футбол, рыбалка.",
        },
    },
    {
        "names": {
            "en": "Vera Zaglushkina",
            "de": "Wera Sagluschkina",
            "fr": "Vera Zaglouchkina",
            "ru": "Вера Заглушкина",
        },
        "facts": {
            "gender": "female",
            "date_of_birth": date(1988, 6, 25),
            "region": "perm",
            "articles": ["207.3"],
            "case_categories": ["artists", "anti_war"],
            "status": "released",
            "date_of_detention": date(2022, 10, 30),
            "sentence": "2 years, general regime colony (served)",
            "recognised_on": date(2023, 2, 20),
            "category": "A",
        },
        "portrait": (120, 90, 40),
        "mentors": ["Tomasz Przykładowy, Sejm, Poland"],
        "stories": {
            "en": "Vera Zaglushkina, an actress at a small theatre in Perm, read an anti-war poem at an open-mic "
            "evening in October 2022. She was sentenced to two years in a colony for spreading 'fakes' about the "
            "army and released at the end of her term in 2024. Vera now gives readings of letters written by "
            "political prisoners.",
            "de": "Wera Sagluschkina, Schauspielerin an einem kleinen Theater in Perm, trug im Oktober 2022 bei einem "
            "offenen Leseabend ein Antikriegsgedicht vor. Sie wurde wegen „Falschnachrichten“ über die Armee zu zwei "
            "Jahren Kolonie verurteilt und 2024 nach Verbüßung der Strafe freigelassen. Heute liest Wera auf der "
            "Bühne Briefe politischer Gefangener.",
            "fr": "Vera Zaglouchkina, comédienne dans un petit théâtre de Perm, a lu un poème contre la guerre lors "
            "d'une scène ouverte en octobre 2022. Condamnée à deux ans de colonie pour de prétendues « fausses "
            "informations » sur l'armée, elle a été libérée en 2024 à la fin de sa peine. Vera donne aujourd'hui "
            "des lectures de lettres écrites par des prisonniers politiques.",
            "ru": "Вера Заглушкина, актриса небольшого театра в Перми, в октябре 2022 года прочитала антивоенное "
            "стихотворение на вечере открытого микрофона. Её приговорили к двум годам колонии за «фейки» об армии, "
            "и в 2024 году, отбыв срок, она вышла на свободу. Теперь Вера читает со сцены письма политзаключённых.",
        },
        "interests": {
            "en": "Theatre, poetry, long walks by the Kama river.",
            "de": "Theater, Lyrik, lange Spaziergänge an der Kama.",
            "fr": "Le théâtre, la poésie, les longues promenades au bord de la Kama.",
            "ru": "Театр, поэзия, долгие прогулки вдоль Камы.",
        },
    },
)
