//! Closed classes of function and classifier words the rules reason with.
//!
//! These are grammar, not knowledge: open-ended facts (names, places, bodies) belong in `gazetteers/`.
//! Each list is a constant array; [`classify`] folds them into two hash maps and gives every token its class
//! bits once, so the rules test bits instead of comparing strings.

/// Name particles that may sit inside a person's name between capitalized parts (`Charles de Gaulle`,
/// `Ursula von der Leyen`, `Mohammed bin Salmane`).
const NAME_PARTICLE_WORDS: &[&str] = &[
    "de", "du", "des", "d'", "van", "von", "der", "den", "ter", "bin", "ben", "ibn", "bint", "al", "el", "da", "das",
    "dos", "di", "del", "della", "la", "le", "y", "abu", "ould", "ag",
];

/// Lowercase French and English words that introduce an organization's name and stay out of its span
/// (`le groupe Wagner`, `le parti Renaissance`). Compared lower-cased.
const ORG_CLASSIFIER_WORDS: &[&str] = &[
    "groupe",
    "parti",
    "société",
    "association",
    "mouvement",
    "ong",
    "coalition",
    "entreprise",
    "firme",
    "compagnie",
    "agence",
    "milice",
    "syndicat",
    "fondation",
    "journal",
    "quotidien",
    "hebdomadaire",
    "magazine",
    "chaîne",
    "constructeur",
    "opérateur",
    "groupement",
    "collectif",
    "consortium",
    "laboratoire",
    "club",
    "banque",
    "assureur",
    "brasseur",
    "distributeur",
    "label",
    "cabinet",
    "start-up",
    "startup",
    "fabricant",
    "conglomérat",
    "holding",
    "newspaper",
    "daily",
    "broadcaster",
    "company",
    "firm",
    "carrier",
    "airline",
    "insurer",
    "lender",
    "retailer",
    "automaker",
    "carmaker",
    "charity",
    "militia",
    "outlet",
    "watchdog",
    "nonprofit",
    "ngo",
];

/// Adjectives that may sit between a classifier and the name (`le groupe paramilitaire Wagner`).
const CLASSIFIER_ADJECTIVE_WORDS: &[&str] = &[
    "paramilitaire",
    "armé",
    "armée",
    "djihadiste",
    "jihadiste",
    "islamiste",
    "terroriste",
    "rebelle",
    "pétrolier",
    "pétrolière",
    "minier",
    "minière",
    "bancaire",
    "industriel",
    "automobile",
    "aérien",
    "aérienne",
    "public",
    "publique",
    "privé",
    "privée",
    "militaire",
    "politique",
    "humanitaire",
    "pharmaceutique",
    "énergétique",
    "agroalimentaire",
    "technologique",
    "sportif",
    "sportive",
    "présidentiel",
];

/// Capitalized head nouns of institutional names built as `Head de/of …` (`Ministère de la Défense`,
/// `Conseil de l’Europe`, `Bank of England`). Compared as written (capitalized).
const ORG_HEAD_WORDS: &[&str] = &[
    "Ministère",
    "Olympique",
    "Sporting",
    "Racing",
    "Conseil",
    "Assemblée",
    "Cour",
    "Tribunal",
    "Commission",
    "Comité",
    "Agence",
    "Office",
    "Institut",
    "Fondation",
    "Banque",
    "Fédération",
    "Association",
    "Organisation",
    "Ligue",
    "Haut-Commissariat",
    "Université",
    "Mouvement",
    "Front",
    "Parti",
    "Union",
    "Syndicat",
    "Direction",
    "Autorité",
    "Caisse",
    "Ministry",
    "Department",
    "Council",
    "Court",
    "Committee",
    "Agency",
    "Institute",
    "Foundation",
    "Bank",
    "Federation",
    "Organization",
    "League",
    "University",
    "Movement",
    "Party",
    "Authority",
    "Board",
    "Bureau",
    "College",
    "School",
    "Academy",
    "Académie",
    "Centre",
    "Center",
];

/// Words that may link a head noun to the rest of an institutional name.
const ORG_CONNECTOR_WORDS: &[&str] = &["de", "des", "du", "d'", "la", "l'", "of", "for", "the", "and", "et", "pour"];

/// Capitalized words that end a company or institution name and belong to it (`Harwell Freight Ltd`,
/// `Atlas Contact SA`, `Vantor Group`).
const ORG_SUFFIX_WORDS: &[&str] = &[
    "Inc.",
    "Inc",
    "Ltd",
    "Ltd.",
    "Corp.",
    "Corp",
    "Co.",
    "LLC",
    "plc",
    "PLC",
    "SA",
    "S.A.",
    "SAS",
    "SARL",
    "AG",
    "GmbH",
    "NV",
    "BV",
    "SpA",
    "Group",
    "Groupe",
    "Holdings",
    "Holding",
    "Bank",
    "Airlines",
    "Airways",
    "Motors",
    "Technologies",
    "Industries",
    "Energy",
    "Pharma",
    "Partners",
    "Capital",
    "Foundation",
    "Institute",
    "University",
    "Party",
    "Council",
    "Agency",
    "Association",
    "Federation",
    "Commission",
    "Committee",
    "Corporation",
    "Company",
    "Media",
    "Press",
    "Times",
    "Post",
    "News",
    "Club",
    "Exchange",
    "Records",
    "Entertainment",
    "Studios",
    "Pictures",
    "Productions",
    "Publishing",
    "Bros.",
    "FC",
    "Brothers",
    "Network",
];

/// French contracted articles after which a name's own article disappears (`au Caire`, `du Monde`).
const CONTRACTION_WORDS: &[&str] = &["au", "aux", "du", "des", "à", "de", "en"];

/// Function words by language, for language detection.
const FRENCH_FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "que", "qui", "dans", "sur", "au", "aux",
    "avec", "par", "il", "elle", "a", "ont", "été", "pas", "ne", "se", "sont", "ce", "l'", "d'", "qu'",
];

const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "for", "on", "that", "with", "by", "was", "at", "from", "has", "have", "are",
    "were", "it", "its", "he", "she", "they", "said", "will", "would", "an", "this", "which", "been", "not", "but",
];

/// Capitalized words that start sentences or headlines and are never names on their own.
const COMMON_CAPITALIZED_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "ce",
    "cette",
    "ces",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "he",
    "she",
    "they",
    "we",
    "it",
    "mais",
    "but",
    "and",
    "et",
    "or",
    "ou",
    "selon",
    "according",
    "after",
    "après",
    "avant",
    "before",
    "in",
    "en",
    "à",
    "au",
    "de",
    "du",
    "pour",
    "for",
    "with",
    "avec",
    "lire",
    "voir",
    "read",
    "see",
    "also",
    "aussi",
    "mr",
    "mrs",
    "ms",
    "m.",
    "mme",
    "dans",
    "par",
    "notre",
    "nos",
    "votre",
    "vos",
    "entre",
    "sur",
    "sous",
    "sans",
    "chez",
    "contre",
    "depuis",
    "pendant",
    "vers",
    "voici",
    "voilà",
    "hier",
    "demain",
    "lors",
    "puis",
    "ainsi",
    "alors",
    "donc",
    "car",
    "où",
    "quand",
    "comme",
    "si",
    "tout",
    "tous",
    "toute",
    "toutes",
    "plus",
    "moins",
    "très",
    "non",
    "oui",
    "chaque",
    "certains",
    "plusieurs",
    "aucun",
    "leur",
    "leurs",
    "son",
    "sa",
    "ses",
    "mon",
    "ma",
    "mes",
    "cet",
    "quel",
    "quelle",
    "qui",
    "que",
    "quoi",
    "dont",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "cent",
    "mille",
    "when",
    "where",
    "while",
    "during",
    "since",
    "under",
    "over",
    "between",
    "among",
    "about",
    "against",
    "without",
    "within",
    "here",
    "there",
    "today",
    "yesterday",
    "tomorrow",
    "then",
    "thus",
    "however",
    "meanwhile",
    "only",
    "some",
    "many",
    "most",
    "all",
    "each",
    "every",
    "other",
    "such",
    "no",
    "not",
    "yes",
    "one",
    "two",
    "three",
    "four",
    "five",
    "his",
    "her",
    "its",
    "their",
    "our",
    "your",
    "my",
    "what",
    "who",
    "which",
    "how",
    "why",
    "if",
    "as",
    "at",
    "by",
    "from",
    "to",
    "of",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "i",
    "you",
    "nor",
    "so",
    "yet",
    "ni",
    "sinon",
    "ici",
    "là",
    "encore",
    "déjà",
    "enfin",
];

/// Months and weekdays: capitalized in English, never entities (DESIGN §3: dates are not entities).
const MONTH_AND_DAY_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Lowercase place classifiers that precede a place name and stay out of its span (`le village de
/// Koumbéla`, `la province du Poni`, `le lac Kivu`, `the town of Akure`).
const PLACE_CLASSIFIER_WORDS: &[&str] = &[
    "village",
    "villages",
    "ville",
    "localité",
    "localités",
    "commune",
    "province",
    "région",
    "district",
    "quartier",
    "département",
    "préfecture",
    "cercle",
    "canton",
    "arrondissement",
    "hameau",
    "île",
    "lac",
    "fleuve",
    "rivière",
    "mont",
    "massif",
    "vallée",
    "désert",
    "faubourg",
    "bourg",
    "town",
    "city",
    "region",
    "county",
    "river",
    "lake",
    "mount",
    "island",
    "valley",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "township",
    "municipality",
];

/// Lowercase place classifiers that follow a place name (`the Donetsk region`, `Ondo state` is written
/// capitalized and is a name of its own).
const PLACE_SUFFIX_CLASSIFIER_WORDS: &[&str] =
    &["region", "province", "district", "county", "oblast", "governorate", "prefecture"];

/// Prepositions after which an unknown capitalized word is taken as a place (`à Gaoua`, `in Akure`).
/// Kept narrow on purpose: `de`, `from`, `at` precede people and organizations as often as places.
const STRICT_PLACE_PREPOSITION_WORDS: &[&str] = &["à", "in", "near", "outside", "près"];

/// Verbs of saying that introduce a speaker in inverted order (`said Emeka Obi`, `a raconté Adama
/// Sawadogo`, `selon Lucile Arnaud`), or follow one (`Mark Rutte said`).
const SPEECH_VERB_WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "wrote",
    "explained",
    "insisted",
    "warned",
    "noted",
    "argued",
    "recalled",
    "dit",
    "raconté",
    "raconte",
    "déclaré",
    "déclare",
    "expliqué",
    "explique",
    "affirmé",
    "affirme",
    "indiqué",
    "indique",
    "précisé",
    "précise",
    "ajouté",
    "ajoute",
    "souligné",
    "souligne",
    "estimé",
    "estime",
    "assuré",
    "assure",
    "confié",
    "confie",
    "témoigné",
    "témoigne",
    "résume",
    "résumé",
    "prévient",
    "selon",
];

/// Determiners that may open an apposition after a name (`Emeka Obi, the firm’s lead analyst`).
const APPOSITION_DETERMINER_WORDS: &[&str] =
    &["a", "an", "the", "its", "his", "her", "le", "la", "l'", "un", "une", "son", "sa", "ce", "cette"];

/// `al-Burhan`, `el-Sisi`, `ad-Dawla`: a lowercase Arabic article, a hyphen, a capitalized name.
fn is_arabic_article_name(text: &str) -> bool {
    ["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "an-", "az-"]
        .iter()
        .any(|p| text.strip_prefix(p).is_some_and(|rest| rest.starts_with(char::is_uppercase)))
}

/// Capitalized heads of the names of states and realms, past and present.
const POLITY_HEAD_WORDS: &[&str] = &[
    "Empire",
    "Royaume",
    "Principauté",
    "Duché",
    "Grand-Duché",
    "Comté",
    "Califat",
    "Sultanat",
    "Émirat",
    "Khanat",
    "Kingdom",
    "Principality",
    "Duchy",
    "Caliphate",
    "Sultanate",
    "Emirate",
];

/// Lowercase French words that open the name of a street or square (`rue`, `place`, `quai`).
const STREET_WORDS: &[&str] = &["rue", "place", "quai", "boulevard", "avenue", "impasse", "allée", "ruelle", "square"];

/// `de` as the French teams are named after their city (`Packers de Green Bay`).
const DE_WORDS: &[&str] = &["de", "du", "d'", "d’"];

/// The abbreviations that open the names of sports clubs (`FC`: football club, `HC`: hockey club, `AS`:
/// association sportive, `SV`: Sportverein …), written as one token.
const CLUB_PREFIX_WORDS: &[&str] = &[
    "FC", "HC", "AC", "AS", "SC", "US", "RC", "CS", "CA", "CD", "CF", "SV", "VfB", "VfL", "FK", "SK", "EHC", "EV",
    "AJ", "OGC", "SCO", "RCD", "UD", "SD", "KV", "KRC", "HSC", "ESTAC",
];

/// `M.` (Monsieur) and the ways scanned newspapers misread it (`NI.`, `M,`): the first token of each.
const MISREAD_CIVILITY_WORDS: &[&str] = &["NI", "Ni", "Nl", "M", "M."];

/// Word-class bits, computed once per token by [`classify`] so that rules test a bit instead of
/// lower-casing and comparing strings again.
pub mod class {
    pub const ORG_CLASSIFIER: u64 = 1;
    pub const CLASSIFIER_ADJ: u64 = 1 << 1;
    pub const PLACE_CLASSIFIER: u64 = 1 << 2;
    pub const PLACE_SUFFIX: u64 = 1 << 3;
    pub const PLACE_PREP: u64 = 1 << 4;
    pub const SPEECH: u64 = 1 << 5;
    pub const APPOS_DET: u64 = 1 << 6;
    pub const PARTICLE: u64 = 1 << 7;
    pub const CONNECTOR: u64 = 1 << 8;
    pub const CONTRACTION: u64 = 1 << 9;
    pub const OF: u64 = 1 << 10;
    pub const MONTH: u64 = 1 << 11;
    pub const COMMON_CAP: u64 = 1 << 12;
    pub const ORG_HEAD: u64 = 1 << 13;
    pub const ORG_SUFFIX: u64 = 1 << 14;
    /// `al-Burhan`, `el-Sisi`: a lowercase Arabic article hyphenated to a capitalized name.
    pub const ARABIC_ARTICLE: u64 = 1 << 15;
    /// A Roman numeral of two letters or more (`II`, `XIV`), for regnal numbers.
    pub const ROMAN: u64 = 1 << 16;
    /// Capitalized words that end a place name (`Ondo State`, `King Hussein Bridge`).
    pub const LOC_SUFFIX: u64 = 1 << 17;
    pub const EVENT_HEAD: u64 = 1 << 18;
    pub const EVENT_SUFFIX: u64 = 1 << 19;
    /// `Haut`, `North`, `Upper`: words that qualify a place into another place (`Haut Atlas`).
    pub const GEO_QUALIFIER: u64 = 1 << 20;
    /// Lowercase nouns of occupations and kinship that precede a person's name (`le réalisateur`).
    pub const ROLE: u64 = 1 << 21;
    /// `par`, `by`: the agent of a passive (`réalisé par Bille Woodruff`).
    pub const AGENT: u64 = 1 << 22;
    /// French and English function words (`les`, `the`) that vote in language detection: in
    /// [`super::classify`]'s bits only when the token also has the shape and length of a vote (lower case
    /// or capitalized, 5 bytes at most), so that detection reads one bit per token; in
    /// [`super::lower_bits`], for any form of the word.
    pub const FRENCH_FUNCTION: u64 = 1 << 23;
    pub const ENGLISH_FUNCTION: u64 = 1 << 24;
    /// Heads of place names built on a common noun (`Île`, `Gare`, `Stade`).
    pub const PLACE_HEAD: u64 = 1 << 25;
    // Trigger bits: the words and signs on which some rule starts. [`crate::recognize::Ctx::each`] visits
    // only the tokens with one of them, so a rule no longer scans every token of the document.
    /// `de`, `du`, `d’` as written (`Packers de Green Bay`).
    pub const DE: u64 = 1 << 26;
    /// Lowercase words that open a street name (`rue`, `place`).
    pub const STREET: u64 = 1 << 27;
    /// Capitalized heads of realms (`Empire`, `Royaume`).
    pub const POLITY_HEAD: u64 = 1 << 28;
    /// Abbreviations that open the name of a sports club (`FC`, `HC`), and the dotted initials that
    /// spell one (`F.`, `H.`).
    pub const CLUB_OPEN: u64 = 1 << 29;
    /// `M.` and its OCR misreadings (`NI`, `Ni`, `Nl`, `M`).
    pub const MISREAD_CIVILITY: u64 = 1 << 30;
    /// The bits that are a function of the text alone (the per-thread memo keeps them in 31 bits).
    pub const TEXT_BITS: u64 = (1 << 31) - 1;
    // Per-token trigger bits, set by `Ctx::new` from the token rather than its text alone.
    /// [`crate::recognize::Ctx::is_name_word`].
    pub const NAME_WORD: u64 = 1 << 40;
    /// Capitalized or ALL-CAPS shape.
    pub const CAPITAL: u64 = 1 << 41;
    /// Digit shape.
    pub const DIGIT: u64 = 1 << 42;
    /// An abbreviation token (`L.`, `U.S.`).
    pub const ABBREVIATION: u64 = 1 << 43;
    /// `,` (appositions).
    pub const COMMA: u64 = 1 << 44;
    /// `(` (acronyms defined in parentheses).
    pub const LPAREN: u64 = 1 << 45;
    /// Mixed-case shape (`iPhone`): with [`CAPITAL`], the tokens a linked form can start with (the
    /// resolver's same-form search visits only those).
    pub const MIXED: u64 = 1 << 46;
}

/// Occupations and kinship nouns that stand before a person's name like a title (`le réalisateur Elia
/// Kazan`, `her teammate Iljo Keisse`); unlike titles they are not honorifics, so they live here.
const ROLE_NOUN_WORDS: &[&str] = &[
    "abbé",
    "acteur",
    "activist",
    "actor",
    "actress",
    "actrice",
    "agriculteur",
    "agricultrice",
    "analyst",
    "anthropologue",
    "architect",
    "architecte",
    "athlète",
    "attaquant",
    "aunt",
    "auteur",
    "author",
    "autrice",
    "baron",
    "baronne",
    "batteur",
    "biologist",
    "biologiste",
    "bishop",
    "boxer",
    "boxeur",
    "brother",
    "calife",
    "caliph",
    "campaigner",
    "chanteur",
    "chanteuse",
    "chemist",
    "chevalier",
    "chimiste",
    "chirurgien",
    "chroniqueur",
    "co-founder",
    "coach",
    "columnist",
    "commerçant",
    "commerçante",
    "compatriote",
    "composer",
    "compositeur",
    "compositrice",
    "comte",
    "comtesse",
    "count",
    "countess",
    "cousin",
    "cousine",
    "coéquipier",
    "coéquipière",
    "créateur",
    "créatrice",
    "cyclist",
    "cycliste",
    "daughter",
    "defender",
    "designer",
    "director",
    "disciple",
    "dissident",
    "dissidente",
    "dramaturge",
    "drummer",
    "duc",
    "duchess",
    "duchesse",
    "duke",
    "défenseur",
    "economist",
    "empereur",
    "emperor",
    "empress",
    "entraîneur",
    "entraîneuse",
    "farmer",
    "father",
    "fille",
    "fils",
    "fisherman",
    "fondateur",
    "fondatrice",
    "footballeur",
    "footballeuse",
    "founder",
    "frère",
    "gardien",
    "goalkeeper",
    "guitarist",
    "guitariste",
    "historian",
    "historien",
    "historienne",
    "husband",
    "impératrice",
    "joueur",
    "joueuse",
    "journalist",
    "journaliste",
    "knight",
    "lecturer",
    "linguiste",
    "mari",
    "marquis",
    "marquise",
    "mathematician",
    "mathématicien",
    "midfielder",
    "militant",
    "militante",
    "moine",
    "mother",
    "musician",
    "musicien",
    "musicienne",
    "mère",
    "nephew",
    "neveu",
    "niece",
    "nièce",
    "novelist",
    "oncle",
    "opposant",
    "opposante",
    "painter",
    "patron",
    "patronne",
    "peintre",
    "pharaoh",
    "pharaon",
    "philosophe",
    "philosopher",
    "photographe",
    "photographer",
    "physicien",
    "physicist",
    "pianist",
    "pianiste",
    "pilote",
    "player",
    "playwright",
    "poet",
    "politologue",
    "poète",
    "predecessor",
    "producer",
    "producteur",
    "productrice",
    "prédécesseur",
    "père",
    "pêcheur",
    "researcher",
    "romancier",
    "romancière",
    "réalisateur",
    "réalisatrice",
    "screenwriter",
    "sculpteur",
    "sculptor",
    "scénariste",
    "seigneur",
    "singer",
    "sister",
    "sociologist",
    "sociologue",
    "son",
    "songwriter",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "striker",
    "styliste",
    "successeur",
    "successor",
    "sultan",
    "surgeon",
    "sélectionneur",
    "sœur",
    "tante",
    "teammate",
    "tennisman",
    "tenniswoman",
    "tsar",
    "uncle",
    "wife",
    "writer",
    "économiste",
    "écrivain",
    "écrivaine",
    "éditorialiste",
    "élève",
    "épouse",
    "époux",
    "évêque",
];

/// Capitalized qualifiers that make a place name out of a place name (`North Darfur`, `Haut Atlas`).
const GEO_QUALIFIER_WORDS: &[&str] = &[
    "Haut", "Haute", "Hauts", "Hautes", "Bas", "Basse", "Grand", "Grande", "Petit", "Petite", "Nord", "Sud", "Est",
    "Ouest", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower",
    "Central", "Greater", "Inner", "Outer", "Middle",
];

/// Capitalized geographic head words that end a place name and belong to it.
const LOC_SUFFIX_WORDS: &[&str] = &[
    "State",
    "Province",
    "Region",
    "County",
    "District",
    "Bridge",
    "River",
    "Lake",
    "Shoal",
    "Reef",
    "Island",
    "Islands",
    "Bay",
    "Strait",
    "Sea",
    "Gulf",
    "Valley",
    "Street",
    "Square",
    "Avenue",
    "Road",
    "Mountains",
    "Hills",
    "Falls",
    "Canal",
    "Peninsula",
    "Desert",
    "Coast",
    "Delta",
    "Heights",
    "Plateau",
    "Basin",
    "City",
];

/// The class bits of a token. Lower-case function-word classes are only given to lower-case tokens;
/// `lower` is the token's lower-cased key.
///
/// Two hash lookups per token (one on the lower-cased key, one on the text as written) instead of
/// comparing against every list in turn: this runs on every word of every document.
pub fn classify(text: &str, lower: &str, is_lower_case: bool) -> u64 {
    use class::*;
    let t = tables();
    let lb = t.lower.get(lower).copied().unwrap_or(0);
    // most tokens are lower-case words, and almost no exact-case word starts with a lower-case letter
    let eb = if t.exact_first[text.as_bytes().first().copied().unwrap_or(0) as usize] {
        t.exact.get(text).copied().unwrap_or(0)
    } else {
        0
    };
    let mut bits = (lb & (MONTH | COMMON_CAP)) | (eb & (ORG_SUFFIX | STREET | DE | CLUB_OPEN | MISREAD_CIVILITY));
    let function = lb & (FRENCH_FUNCTION | ENGLISH_FUNCTION);
    if function != 0 && votes_for_language(text, is_lower_case) {
        bits |= function;
    }
    if is_lower_case {
        bits |= lb & LOWER_CASE_ONLY;
    } else {
        bits |= eb & (ORG_HEAD | LOC_SUFFIX | EVENT_HEAD | EVENT_SUFFIX | GEO_QUALIFIER | PLACE_HEAD | POLITY_HEAD);
        if is_arabic_article_name(text) {
            bits |= ARABIC_ARTICLE;
        }
        if text.len() >= 2 && text.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) {
            bits |= ROMAN;
        }
    }
    bits
}

/// Whether a token of text `text` (`is_lower_case`: its shape is [`crate::tokenize::Shape::Lower`]) votes
/// in language detection, as [`crate::lang::detect`] decides it from the token: lower case or
/// capitalized, and 5 bytes at most. Both are functions of the text, as the class bits are: the test is
/// made once per form (when the memo computes its classes) instead of once per token of every document.
fn votes_for_language(text: &str, is_lower_case: bool) -> bool {
    text.len() <= 5 && (is_lower_case || capitalized(text))
}

/// Whether a token that is not lower case has the shape [`crate::tokenize::Shape::Capitalized`]: its
/// first letter is upper case, and it is not ALL-CAPS (two letters or more, all upper case).
fn capitalized(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return false };
    let mut rest = letters.peekable();
    first.is_uppercase() && (rest.peek().is_none() || rest.any(|c| !c.is_uppercase()))
}

/// The classes that only a lower-case token can have (`groupe`, `de`, `said`): capitalized, these words
/// start sentences or names and say nothing about their neighbours.
const LOWER_CASE_ONLY: u64 = class::ORG_CLASSIFIER
    | class::CLASSIFIER_ADJ
    | class::PLACE_CLASSIFIER
    | class::PLACE_SUFFIX
    | class::PLACE_PREP
    | class::SPEECH
    | class::APPOS_DET
    | class::PARTICLE
    | class::CONNECTOR
    | class::CONTRACTION
    | class::OF
    | class::ROLE
    | class::AGENT;

/// Class bits of a lower-cased key, for the word lists compared lower-cased (function words, classifiers,
/// months, common capitalized words); 0 for any other word.
pub fn lower_bits(lower: &str) -> u64 {
    tables().lower.get(lower).copied().unwrap_or(0)
}

/// The word lists as two maps from word to class bits, built on first use (a few microseconds).
struct Tables {
    /// Keyed on the lower-cased key.
    lower: rustc_hash::FxHashMap<&'static str, u64>,
    /// Keyed on the text as written (capitalized heads and suffixes: `Ministère`, `Ltd`).
    exact: rustc_hash::FxHashMap<&'static str, u64>,
    /// The first bytes of the keys of `exact`: a word starting with any other byte is not looked up.
    exact_first: [bool; 256],
}

fn tables() -> &'static Tables {
    use class::*;
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let lower_lists: &[(&[&str], u64)] = &[
            (ORG_CLASSIFIER_WORDS, ORG_CLASSIFIER),
            (CLASSIFIER_ADJECTIVE_WORDS, CLASSIFIER_ADJ),
            (PLACE_CLASSIFIER_WORDS, PLACE_CLASSIFIER),
            (PLACE_SUFFIX_CLASSIFIER_WORDS, PLACE_SUFFIX),
            (STRICT_PLACE_PREPOSITION_WORDS, PLACE_PREP),
            (SPEECH_VERB_WORDS, SPEECH),
            (APPOSITION_DETERMINER_WORDS, APPOS_DET),
            (NAME_PARTICLE_WORDS, PARTICLE),
            (ORG_CONNECTOR_WORDS, CONNECTOR),
            (CONTRACTION_WORDS, CONTRACTION),
            (OF_WORDS, OF),
            (ROLE_NOUN_WORDS, ROLE),
            (AGENT_WORDS, AGENT),
            (MONTH_AND_DAY_WORDS, MONTH),
            (COMMON_CAPITALIZED_WORDS, COMMON_CAP),
            (FRENCH_FUNCTION_WORDS, FRENCH_FUNCTION),
            (ENGLISH_FUNCTION_WORDS, ENGLISH_FUNCTION),
        ];
        let exact_lists: &[(&[&str], u64)] = &[
            (ORG_HEAD_WORDS, ORG_HEAD),
            (LOC_SUFFIX_WORDS, LOC_SUFFIX),
            (EVENT_HEAD_WORDS, EVENT_HEAD),
            (EVENT_SUFFIX_WORDS, EVENT_SUFFIX),
            (GEO_QUALIFIER_WORDS, GEO_QUALIFIER),
            (ORG_SUFFIX_WORDS, ORG_SUFFIX),
            (PLACE_HEAD_WORDS, PLACE_HEAD),
            (POLITY_HEAD_WORDS, POLITY_HEAD),
            (STREET_WORDS, STREET),
            (DE_WORDS, DE),
            (CLUB_PREFIX_WORDS, CLUB_OPEN),
            (&["F.", "H."], CLUB_OPEN),
            (MISREAD_CIVILITY_WORDS, MISREAD_CIVILITY),
        ];
        let build = |lists: &[(&[&'static str], u64)]| {
            let mut map = rustc_hash::FxHashMap::default();
            for &(words, bit) in lists {
                for &w in words {
                    *map.entry(w).or_insert(0) |= bit;
                }
            }
            map
        };
        let exact = build(exact_lists);
        let mut exact_first = [false; 256];
        for w in exact.keys() {
            exact_first[w.as_bytes().first().copied().unwrap_or(0) as usize] = true;
        }
        Tables { lower: build(lower_lists), exact, exact_first }
    })
}

/// French names of places built as `Head de X` (`Île de Ré`, `Gare de Lyon`, `Château de Versailles`):
/// never a team.
const PLACE_HEAD_WORDS: &[&str] = &[
    "Île",
    "Îles",
    "Port",
    "Gare",
    "Pont",
    "Rue",
    "Place",
    "Porte",
    "Lac",
    "Mont",
    "Monts",
    "Baie",
    "Cap",
    "Golfe",
    "Vallée",
    "Château",
    "Palais",
    "Cathédrale",
    "Église",
    "Basilique",
    "Abbaye",
    "Aéroport",
    "Stade",
    "Région",
    "Comté",
    "Canton",
    "Département",
    "Diocèse",
    "Fort",
    "Forêt",
    "Parc",
    "Quartier",
    "Faubourg",
    "Ville",
    "Vieux",
    "Saint",
    "Sainte",
    "Pays",
    "Plaine",
    "Plateau",
    "Col",
    "Détroit",
    "Canal",
    "Bois",
    "Jardin",
    "Jardins",
    "Hôtel",
    "Maison",
];

/// `de`, `du`, `of`: the words that attach a complement (`Croix-Rouge du Vanuatu`).
const OF_WORDS: &[&str] = &["de", "du", "d'", "des", "of"];

/// `par`, `by`: the agent of a passive.
const AGENT_WORDS: &[&str] = &["par", "by"];

/// Capitalized heads of event names (`Tour de France`, `Jeux de Barcelone`, `Coupe du monde`): a place
/// inside an event name is not an entity (DESIGN §3: events are not entities).
const EVENT_HEAD_WORDS: &[&str] = &[
    "Tour",
    "Jeux",
    "Coupe",
    "Championnat",
    "Championnats",
    "Grand",
    "Festival",
    "Salon",
    "Biennale",
    "Exposition",
    "Rallye",
    "Marathon",
    "Mondial",
    "Trophée",
    "Prix",
    "Guerre",
    "Bataille",
    "Siège",
    "Traité",
    "Accords",
    "Accord",
    "Printemps",
    "Battle",
    "Treaty",
    "Siege",
];

/// Capitalized words that close an event name (`US Open`, `Fed Cup`, `Dubaï Tour`, `Boston Marathon`).
const EVENT_SUFFIX_WORDS: &[&str] = &[
    "Open",
    "Cup",
    "Tour",
    "Marathon",
    "Games",
    "Championship",
    "Championships",
    "Classic",
    "Trophy",
    "Festival",
    "Masters",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `capitalized` is the tokenizer's `Shape::Capitalized` for tokens that are not lower case.
    #[test]
    fn capitalized_is_the_shape() {
        for text in ["Le", "A", "Été", "L'", "Qu'", "McDonald", "À"] {
            assert!(capitalized(text), "{text}");
        }
        for text in ["LE", "ÉTÉ", "QU'", "iPhone", "tHE", "12", "'", "Ô1E"] {
            assert!(!capitalized(text), "{text}");
        }
        for text in ["Le", "LE", "Été", "ÉTÉ", "A", "QU'", "iPhone"] {
            let doc = crate::tokenize::tokenize(text);
            let shape = doc.tokens[0].shape;
            assert_eq!(capitalized(text), shape == crate::tokenize::Shape::Capitalized, "{text}");
        }
    }
}
