"""Word lists for benchmarks/generate.py: regions, real alliances, name parts, phrases.

Plain data, no logic. Country codes are ISO 3166-1 alpha-3.
"""

from __future__ import annotations

# Dependent territories and uninhabited areas left out of the ~200 countries.
TERRITORIES = set("""
ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM FLK FRO GGY GIB GLP GRL GUF GUM
HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PYF REU SGS SHN SJM SPM SXM TCA TKL
UMI VGB VIR WLF ESH HKG PRI
""".split())

# The countries that security news names most, busiest first; the rest follow in a seeded order.
PROMINENT = """
USA CHN RUS UKR GBR FRA DEU JPN KOR IND AUS TUR ISR IRN POL PRK SAU TWN CAN ITA PAK PHL
SWE FIN NOR ESP NLD EGY VNM IDN BRA ARE QAT SYR IRQ AFG BLR GEO KAZ ZAF NGA MLI NZL SGP
""".split()

REGIONS: dict[str, list[str]] = {
    "europe": """ALB AND ARM AUT AZE BEL BGR BIH BLR CHE CYP CZE DEU DNK ESP EST FIN FRA GBR GEO GRC HRV
        HUN IRL ISL ITA LIE LTU LUX LVA MCO MDA MKD MLT MNE NLD NOR POL PRT ROU RUS SMR SRB SVK SVN SWE
        TUR UKR VAT""".split(),
    "africa": """AGO BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI DZA EGY ERI ETH GAB GHA GIN GMB GNB
        GNQ KEN LBR LBY LSO MAR MDG MLI MOZ MRT MUS MWI NAM NER NGA RWA SDN SEN SLE SOM SSD STP SWZ SYC
        TCD TGO TUN TZA UGA ZAF ZMB ZWE""".split(),
    "mideast": "ARE BHR EGY IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR YEM".split(),
    "asia": """AFG BGD BRN BTN CHN IDN IND JPN KAZ KGZ KHM KOR LAO LKA MDV MMR MNG MYS NPL PAK PHL PRK
        SGP THA TJK TKM TLS TWN UZB VNM""".split(),
    "americas": """ARG ATG BHS BLZ BOL BRA BRB CAN CHL COL CRI CUB DMA DOM ECU GRD GTM GUY HND HTI JAM KNA
        LCA MEX NIC PAN PER PRY SLV SUR TTO URY USA VCT VEN""".split(),
    "oceania": "AUS FJI FSM KIR MHL NRU NZL PLW PNG SLB TON TUV VUT WSM".split(),
}

# slug, name, kind, founded, dissolved year or 0, aliases ('|'), members (codes or region names)
REAL_ALLIANCES = [
    ("nato", "North Atlantic Treaty Organization", "military alliance", "1949-04-04", 0, "NATO|the Atlantic Alliance",
     "USA GBR FRA DEU ITA CAN BEL NLD LUX DNK NOR ISL PRT GRC TUR ESP POL CZE HUN EST LVA LTU SVK SVN BGR ROU ALB HRV MNE MKD FIN SWE"),
    ("aukus", "AUKUS", "security pact", "2021-09-15", 0, "Aukus pact|AUKUS partnership", "AUS GBR USA"),
    ("us-japan-rok-trilateral", "United States–Japan–South Korea trilateral partnership", "trilateral partnership",
     "2023-08-18", 0, "Camp David trilateral", "USA JPN KOR"),
    ("us-japan-alliance", "United States–Japan alliance", "bilateral alliance", "1960-06-23", 0, "US-Japan alliance", "USA JPN"),
    ("us-rok-alliance", "United States–South Korea alliance", "bilateral alliance", "1953-10-01", 0, "US-ROK alliance", "USA KOR"),
    ("anzus", "ANZUS", "security treaty", "1951-09-01", 0, "ANZUS Treaty", "AUS NZL USA"),
    ("quad", "Quadrilateral Security Dialogue", "strategic dialogue", "2007", 0, "the Quad", "USA JPN IND AUS"),
    ("five-eyes", "Five Eyes", "intelligence alliance", "1946-03-05", 0, "FVEY|UKUSA Agreement", "USA GBR CAN AUS NZL"),
    ("csto", "Collective Security Treaty Organization", "military alliance", "1992-05-15", 0, "CSTO", "RUS ARM BLR KAZ KGZ TJK"),
    ("sco", "Shanghai Cooperation Organisation", "security organization", "2001-06-15", 0, "SCO",
     "CHN RUS KAZ KGZ TJK UZB IND PAK IRN BLR"),
    ("warsaw-pact", "Warsaw Pact", "military alliance", "1955-05-14", 1991, "Warsaw Treaty Organization",
     "RUS POL CZE HUN ROU BGR ALB DEU SVK"),
    ("seato", "Southeast Asia Treaty Organization", "military alliance", "1954-09-08", 1977, "SEATO",
     "USA GBR FRA AUS NZL PHL THA PAK"),
    ("cento", "Central Treaty Organization", "military alliance", "1955-02-24", 1979, "CENTO|Baghdad Pact", "GBR TUR IRN PAK IRQ USA"),
    ("rio-treaty", "Inter-American Treaty of Reciprocal Assistance", "security treaty", "1947-09-02", 0, "Rio Treaty|TIAR", "americas"),
    ("eu-csdp", "EU Common Security and Defence Policy", "security organization", "1999-06", 0, "CSDP",
     "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE"),
    ("asean", "Association of Southeast Asian Nations", "regional organization", "1967-08-08", 0, "ASEAN",
     "BRN KHM IDN LAO MYS MMR PHL SGP THA VNM"),
    ("asean-regional-forum", "ASEAN Regional Forum", "security forum", "1994-07-25", 0, "ARF", "asia"),
    ("african-union", "African Union Peace and Security Council", "regional organization", "2004-03", 0, "AU PSC", "africa"),
    ("gcc", "Gulf Cooperation Council", "regional organization", "1981-05-25", 0, "GCC", "SAU ARE KWT QAT BHR OMN"),
    ("arab-league", "Arab League Joint Defence Council", "security pact", "1950-06-17", 0, "Arab League", "mideast"),
    ("osce", "Organization for Security and Co-operation in Europe", "security organization", "1975-08-01", 0, "OSCE", "europe"),
    ("ecowas", "ECOWAS Standby Force", "regional force", "2004", 0, "ECOWAS",
     "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI NER NGA SEN SLE TGO"),
    ("sadc", "Southern African Development Community Standby Force", "regional force", "2007-08", 0, "SADC",
     "AGO BWA COM COD SWZ LSO MDG MWI MUS MOZ NAM SYC ZAF TZA ZMB ZWE"),
    ("g7", "Group of Seven", "summit format", "1975-11", 0, "G7", "USA GBR FRA DEU ITA CAN JPN"),
    ("brics", "BRICS", "summit format", "2009-06", 0, "BRICS group", "BRA RUS IND CHN ZAF EGY ETH IRN ARE"),
    ("jef", "Joint Expeditionary Force", "military coalition", "2014-09", 0, "JEF", "GBR DNK EST FIN ISL LVA LTU NLD NOR SWE"),
    ("nordefco", "Nordic Defence Cooperation", "defence cooperation framework", "2009-11-04", 0, "NORDEFCO", "DNK FIN ISL NOR SWE"),
    ("weimar-triangle", "Weimar Triangle", "summit format", "1991-08-28", 0, "Weimar format", "FRA DEU POL"),
    ("visegrad", "Visegrád Group", "regional organization", "1991-02-15", 0, "V4|Visegrad Four", "POL CZE SVK HUN"),
    ("ukraine-defense-contact-group", "Ukraine Defense Contact Group", "military coalition", "2022-04-26", 0,
     "Ramstein group|UDCG", "USA GBR DEU FRA POL NLD CAN NOR SWE FIN DNK ITA ESP JPN KOR AUS UKR"),
    ("global-coalition-against-daesh", "Global Coalition against Daesh", "military coalition", "2014-09", 0,
     "anti-ISIS coalition|Global Coalition to Defeat ISIS", "USA GBR FRA AUS CAN DEU ITA NLD DNK BEL JOR SAU ARE IRQ TUR"),
    ("ocean-shield", "Operation Ocean Shield", "counter-piracy operation", "2009-08", 2016, "Ocean Shield",
     "USA GBR DNK NLD NOR TUR ITA AUS KOR"),
    ("nato-afghanistan", "NATO-led missions in Afghanistan (ISAF, Resolute Support)", "military mission", "2001-12", 2021,
     "ISAF|Resolute Support", "USA GBR DEU ITA FRA CAN POL TUR ESP AUS NLD DNK NOR GEO ROU"),
    ("fpda", "Five Power Defence Arrangements", "defence arrangement", "1971-11-01", 0, "FPDA", "GBR AUS NZL MYS SGP"),
    ("eunavfor-atalanta", "EU Naval Force Operation Atalanta", "naval operation", "2008-12-08", 0, "Atalanta|EUNAVFOR",
     "FRA ESP ITA DEU NLD GRC PRT SWE"),
    ("unifil", "United Nations Interim Force in Lebanon", "peacekeeping mission", "1978-03-19", 0, "UNIFIL",
     "ITA FRA ESP IND IDN GHA MYS KOR CHN IRL"),
    ("pesco", "Permanent Structured Cooperation", "defence cooperation framework", "2017-12-11", 0, "PESCO",
     "FRA DEU ITA ESP NLD BEL POL AUT FIN SWE"),
    ("pacific-islands-forum", "Pacific Islands Forum", "regional organization", "1971-08-05", 0, "PIF", "oceania"),
    ("oas", "Organization of American States", "regional organization", "1948-04-30", 0, "OAS", "americas"),
]

# Countries whose name takes "the" in running text.
THE_COUNTRIES = set("USA GBR ARE CAF COD COG DOM MHL SLB NLD PHL BHS COM GMB MDV SYC".split())
# Aliases of countries that take "the" (the others carry it already or need none).
THE_ALIASES = {"United States of America", "Republic of Korea", "Democratic People's Republic of Korea",
               "Russian Federation", "People's Republic of China", "Czech Republic", "DPRK", "PRC"}
# The arms exporters that supply most deliveries.
EXPORTERS = set("USA RUS FRA CHN DEU ITA GBR ESP KOR ISR TUR SWE UKR NLD CHE".split())
# Kinds of grouping one takes part in (no membership, no summits), and treaties (no summits).
OPERATION_KINDS = {"military operation", "naval operation", "training mission", "multinational exercise",
                   "air policing mission", "peacekeeping mission", "counter-piracy operation", "military mission"}
TREATY_KINDS = {"bilateral alliance", "defence cooperation agreement", "strategic partnership",
                "status of forces agreement", "friendship treaty", "security treaty", "defence arrangement"}

SEA_REGIONS = [  # (adjective, region pool)
    ("Baltic", "europe"), ("Black Sea", "europe"), ("Nordic", "europe"), ("Sahel", "africa"), ("Gulf", "mideast"),
    ("Indo-Pacific", "asia"), ("Mediterranean", "europe"), ("Arctic", "europe"), ("Caribbean", "americas"),
    ("Andean", "americas"), ("Danube", "europe"), ("Adriatic", "europe"), ("Caucasus", "europe"),
    ("Central Asian", "asia"), ("Horn of Africa", "africa"), ("Great Lakes", "africa"), ("Pacific Islands", "oceania"),
    ("South Atlantic", "americas"), ("Red Sea", "mideast"), ("Mekong", "asia"), ("Caspian", "asia"),
    ("Gulf of Guinea", "africa"), ("Southern African", "africa"), ("West African", "africa"), ("East Asian", "asia"),
    ("South Asian", "asia"), ("Levant", "mideast"), ("Balkan", "europe"), ("North Sea", "europe"),
    ("Bay of Bengal", "asia"), ("Malacca Strait", "asia"), ("Coral Sea", "oceania"), ("Carpathian", "europe"),
    ("Maghreb", "africa"), ("Amazon", "americas"), ("Central American", "americas"), ("Eastern Mediterranean", "mideast"),
    ("Western Pacific", "asia"), ("Southern Ocean", "oceania"), ("Trans-Saharan", "africa"),
]
DOMAINS = [
    "Maritime Security", "Air Defence", "Cyber Defence", "Border Security", "Counter-Terrorism", "Defence",
    "Security", "Naval", "Intelligence", "Energy Security", "Peacekeeping", "Space Security", "Missile Defence",
    "Coast Guard", "Arms Control", "Demining", "Disaster Response", "Counter-Piracy",
]
NOUNS = [  # (noun, alliance kind)
    ("Initiative", "security initiative"), ("Partnership", "security partnership"), ("Forum", "security forum"),
    ("Pact", "security pact"), ("Dialogue", "strategic dialogue"), ("Coalition", "military coalition"),
    ("Council", "regional organization"), ("Framework", "defence cooperation framework"),
    ("Task Force", "multinational task force"), ("Compact", "security compact"), ("Network", "cooperation network"),
    ("Group", "working group"),
]
TREATIES = [  # (name, kind)
    ("Mutual Defence Treaty", "bilateral alliance"), ("Defence Cooperation Agreement", "defence cooperation agreement"),
    ("Strategic Partnership", "strategic partnership"), ("Security Agreement", "security pact"),
    ("Status of Forces Agreement", "status of forces agreement"), ("Treaty of Friendship and Cooperation", "friendship treaty"),
]
CODEWORDS_A = """Iron Steel Silver Golden Northern Southern Eastern Western Swift Resolute Enduring Steadfast Noble Atlantic
    Pacific Desert Arctic Blue Red Black Crimson Silent Bright Trident Cobra Falcon Eagle Sea Sky Storm Winter Summer
    Valiant Unified Joint Allied Brave Sentinel Guardian""".split()
CODEWORDS_B = """Shield Spear Sword Arrow Lance Guardian Resolve Dawn Horizon Thunder Lightning Anchor Harbour Bridge Gate
    Wall Sentry Watch Response Endeavour Venture Partner Tide Wind Flame Star Wolf Lion Bear Hawk Falcon Dragon Trident
    Citadel Compass Keystone Vanguard Bastion Rampart""".split()
OPERATION_TYPES = ["military operation", "naval operation", "training mission", "multinational exercise", "air policing mission"]
_CITY_TEXT = """Brussels|Madrid|Vilnius|Washington|Paris|London|Berlin|Rome|Warsaw|Tokyo|Seoul|Canberra|Ottawa|Ankara|Riga|
Tallinn|Helsinki|Stockholm|Oslo|Copenhagen|Lisbon|Athens|Bucharest|Sofia|Prague|Bratislava|Budapest|Vienna|Geneva|
Singapore|Jakarta|Manila|Bangkok|Hanoi|New Delhi|Islamabad|Riyadh|Doha|Abu Dhabi|Cairo|Nairobi|Addis Ababa|Abuja|
Dakar|Pretoria|Brasília|Buenos Aires|Santiago|Lima|Bogotá|Mexico City|Havana|Beijing|Moscow|Minsk|Astana|Tashkent|
Tehran|Baghdad|Amman|Kyiv|Tbilisi|Baku|Yerevan|Wellington|Suva|Honolulu|Reykjavík|Dublin|Valletta|Chișinău|
Belgrade|Sarajevo|Skopje|Tirana|Podgorica|Zagreb|Ljubljana|Newport"""
CITIES = list(dict.fromkeys(c.strip() for c in _CITY_TEXT.replace("\n", "").split("|") if c.strip()))

LEVELS = ["head of state", "head of government", "foreign minister", "defence minister", "ambassador", "chief of defence"]
PARTNER_ROLES = ["global partner", "enhanced opportunities partner", "dialogue partner", "partner across the globe", "associate partner"]
ARMS = [
    "48 K2 battle tanks", "F-16 fighter jets", "Patriot air-defence batteries", "HIMARS rocket launchers",
    "155 mm artillery shells", "Leopard 2 tanks", "Rafale fighter jets", "Bayraktar TB2 drones", "frigates",
    "diesel-electric submarines", "anti-ship missiles", "armoured personnel carriers", "attack helicopters",
    "transport aircraft", "coastal radar systems", "K9 self-propelled howitzers", "small arms and ammunition",
    "S-400 air-defence systems", "patrol boats", "night-vision equipment",
]
COOP_DOMAINS = [
    "cybersecurity", "maritime security", "intelligence sharing", "counter-terrorism", "defence industry",
    "space", "nuclear safety", "border control", "military training", "joint exercises", "logistics", "energy security",
]
ISSUES = [
    "the deployment of missile defences", "the enlargement of the alliance", "foreign bases in the region",
    "joint naval exercises", "arms sales to a rival", "the annexation of disputed territory", "a nuclear programme",
    "sanctions", "a new security law", "the stationing of troops near its border",
]
PUBLISHERS = [
    "franceinfo (Radio France)", "Reuters", "Associated Press", "Agence France-Presse", "BBC News", "Le Monde",
    "The Guardian", "Deutsche Welle", "NHK World", "Yonhap", "ABC News (Australia)", "Al Jazeera", "Defense News",
    "Jane's", "Nikkei Asia", "Politico Europe", "The Diplomat", "El País", "Kyiv Independent", "South China Morning Post",
]
FIRST_NAMES = """Nicolas Karyn Grégory Anna Jonas Marta Sofia Kenji Min-jun Ji-woo Liam Olivia Mateo Lucía Ahmed Fatima Ivan
    Olena Piotr Aleksandra Sipho Amara Priya Arjun Chen Mei Luca Giulia Ingrid Lars Émilie Zoë Tomás Aoife""".split()
LAST_NAMES = """Rocca Nishimura Plesse Müller Kowalski García Tanaka Kim Park Smith Johnson Rossi Bianchi Dubois Martin
    Novak Horvat Ivanova Shevchenko Nowak Andersson Nielsen Okafor Mensah Sharma Patel Wang Li Nguyen Haddad Yilmaz
    Schmidt Fernández O'Brien Lindqvist""".split()
FILLERS = [
    "Analysts in {city} said the move reflected a wider shift in the region's security.",
    "Officials stressed that the decision had been prepared for months.",
    "The announcement came after a week of talks between senior officials.",
    "Diplomats described the meeting as frank and constructive.",
    "The opposition criticised the government for moving too fast.",
    "Several experts warned that the arrangement could be tested in a crisis.",
    "The details of the agreement were not made public.",
    "Observers in {city} noted that the timing was not a coincidence.",
    "The ministry did not respond to a request for comment.",
    "For {country}, the stakes are both military and economic.",
]
HEADINGS = [
    "{country}: a new chapter", "{country} and its neighbours", "What {country} wants", "The view from {city}",
    "A cautious rapprochement", "Old rivalries, new partners", "The arms question", "Between two camps",
]
TITLES = [
    "{country} and {other}: what changed", "How {country} is rethinking its alliances",
    "{country} moves closer to {other}", "Security choices under pressure in {country}",
    "Inside the defence partnerships of {country}", "{country}, {other} and the new security map",
    "Why {other} matters to {country}", "{country} at the crossroads of {other}",
]
NOTE_BODIES = [
    "Check this against the official communiqué.", "Date is approximate — the article only gives the year.",
    "Contradicted by another source; see the ministry statement.", "Key passage for the chapter on {country}.",
    "Follow up: did {country} ratify it?", "Confirmed by two independent sources.",
    "The quote is paraphrased; find the original interview.", "Interesting framing by the author.",
    "Compare with the 2014 situation.", "Numbers differ between reports (±20 %).",
    "Possibly a translation issue: « partenaire » vs “ally”.", "Ask the desk in {city} about this.",
    "Important for the timeline.\nSee also the earlier summit.", "Disputed: the government denies it.",
    "Source may be biased.", "TODO: add the treaty text.",
]
TAGS = ["to-verify", "key", "timeline", "sanctions", "nuclear", "follow-up", "contested", "source-needed", "arms",
        "summit", "chapter-2", "chapter-5", "translation", "interview"]
