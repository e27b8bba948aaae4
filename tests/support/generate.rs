//! Realistic roadmaps of any size, the same for the same seed: titles of 25–60 characters,
//! providers of 10–45, URLs of 30–70, two tags each, one offer in three with a one-sentence
//! description, spread over the stages in turn.

/// A small deterministic generator (SplitMix64), so the roadmaps need no random crate and
/// never change between runs or machines.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn within(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.within(0, words.len() - 1)]
    }
}

const TOPICS: &[&str] = &[
    "personalised care",
    "social prescribing",
    "safeguarding adults",
    "motivational interviewing",
    "health coaching",
    "mental health first aid",
    "community development",
    "trauma-informed practice",
    "information governance",
    "lone working",
    "suicide prevention",
    "debt and welfare advice",
    "dementia awareness",
    "peer supervision",
    "reflective practice",
    "shared decision making",
];
const KINDS: &[&str] = &[
    "Introduction to",
    "Foundations of",
    "Certificate in",
    "Workshop on",
    "E-learning:",
    "Practical",
    "Advanced",
    "Masterclass in",
    "Webinar series on",
    "Toolkit for",
];
const AUDIENCES: &[&str] = &[
    "for link workers",
    "in primary care",
    "for PCN staff",
    "for new starters",
    "in practice",
    "for care coordinators",
    "across the region",
];
const PROVIDERS: &[&str] = &[
    "NHS England",
    "Health Education England",
    "National Academy for Social Prescribing",
    "Local training hub",
    "Royal Society for Public Health",
    "Personalised Care Institute",
    "Integrated care board learning team",
    "Mind",
    "Age UK",
    "Citizens Advice",
    "University of the West of England",
    "Voluntary sector council",
];
const HOSTS: &[&str] = &[
    "www.england.nhs.uk",
    "learninghub.nhs.uk",
    "socialprescribingacademy.org.uk",
    "example-trainers.org.uk",
    "personalisedcareinstitute.org.uk",
    "rsph.org.uk",
];
const PATHS: &[&str] = &[
    "courses",
    "learning",
    "training",
    "events",
    "resources",
    "programmes",
    "e-learning",
];
const TAGS: &[&str] = &[
    "online",
    "in-person",
    "blended",
    "national",
    "regional",
    "local",
];

/// A roadmap of `offers` offers over `stages` stages, made from `seed`.
pub fn roadmap(seed: u64, stages: usize, offers: usize) -> String {
    let mut rng = Seeded(seed);
    let mut stage_offers = vec![Vec::new(); stages];
    for i in 0..offers {
        // Every third offer has a description, as in real roadmaps.
        stage_offers[i % stages].push(offer(&mut rng, i % 3 == 2));
    }
    let mut text = String::from(
        "title = \"Training roadmap for link workers\"\n\
         subtitle = \"What is open to you at each stage, who provides it, and what it costs\"\n\
         updated = \"2026-11\"\n\
         footer = \"Maintained by the study team. Offers change: check each link before you book.\"\n",
    );
    for (s, list) in stage_offers.iter().enumerate() {
        text.push_str(&format!(
            "\n[[stage]]\ntitle = \"Stage {} — {}\"\nsummary = \"What to do at this point.\"\n",
            s + 1,
            capitalised(TOPICS[s % TOPICS.len()])
        ));
        for offer in list {
            text.push_str(offer);
        }
    }
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn offer(rng: &mut Seeded, described: bool) -> String {
    let title = clamp_words(
        &format!(
            "{} {} {}",
            rng.pick(KINDS),
            rng.pick(TOPICS),
            rng.pick(AUDIENCES)
        ),
        25,
        60,
    );
    let provider = rng.pick(PROVIDERS);
    let mut url = format!("https://{}/{}", rng.pick(HOSTS), rng.pick(PATHS));
    let slug = title
        .to_lowercase()
        .replace([' ', ':'], "-")
        .replace("--", "-");
    let target = rng.within(30, 70);
    if url.len() < target {
        url.push('/');
        url.extend(slug.chars().take(target - url.len()));
    }
    let url = url.trim_end_matches('-').to_string();
    let cost = if rng.within(0, 2) == 0 {
        "chargeable"
    } else {
        "free"
    };
    let first = rng.within(0, 2);
    let second = rng.within(3, 5);
    let mut text = format!(
        "\n[[stage.offer]]\ntitle = \"{title}\"\nprovider = \"{provider}\"\nurl = \"{url}\"\n\
         cost = \"{cost}\"\ntags = [\"{}\", \"{}\"]\n",
        TAGS[first], TAGS[second]
    );
    if described {
        text.push_str(&format!(
            "description = \"A short course on {} with practical examples.\"\n",
            rng.pick(TOPICS)
        ));
    }
    text
}

/// Cuts whole words from the end until the text is at most `hi` characters, and pads
/// with a word until it has at least `lo`.
fn clamp_words(text: &str, lo: usize, hi: usize) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    while words.join(" ").chars().count() > hi && words.len() > 1 {
        words.pop();
    }
    let mut out = words.join(" ");
    while out.chars().count() < lo {
        out.push_str(" course");
    }
    out
}

const PRICES: &[&str] = &[
    "£1,850 (employer funded)",
    "£320 a place (PCN funded)",
    "Membership £60 a year",
    "£2,950 (bursaries available)",
    "£95 (free to members)",
    "£480 for the two days",
];
const DURATIONS: &[&str] = &[
    "Two half days",
    "12 months, part time",
    "About 2 hours",
    "Six weeks, 3 hours a week",
    "One day",
    "90 minutes every six weeks",
];
const GROUPS: &[&str] = &[
    "Link workers in their first month",
    "Link workers, care coordinators and health coaches",
    "Lead and senior link workers",
    "All primary care staff",
    "Link workers with two years in post",
];
const STARTS: &[&str] = &[
    "Every September",
    "January and September",
    "First Tuesday of the month",
    "Every quarter",
    "Spring and autumn",
];
const CONTACTS: &[&str] = &[
    "mailto:training-hub@example.org",
    "mailto:people@example.org",
    "tel:+441234567890",
    "https://example.org/northfield/ask-us",
];

/// A roadmap of real offers' weight, the same for the same seed: every card has a title
/// of 45–70 characters (two lines on a card), a provider, two or three tags and, one in
/// two, a long price badge (as "£1,850 (employer funded)"), one to three facts (duration,
/// audience, starts, contact) and its address; three logos, a QR code of its own address
/// and the wide DejaVu Serif as its typeface. Parse it as a file in examples/handout/,
/// whose fonts and logos it names.
pub fn realistic(seed: u64, stages: usize, offers: usize) -> String {
    let mut rng = Seeded(seed.wrapping_mul(31).wrapping_add(17));
    let mut text = String::from(
        "title = \"Social prescribing link worker training pathway\"\n\
         subtitle = \"Induction, mandatory training, core skills, supervision and \
         qualifications for link workers in Northfield\"\n\
         updated = \"2026-11\"\n\
         footer = \"Northfield Health Partnership with the Open Research Fund. Offers \
         change: check each link before you book.\"\n\
         online = \"https://example.org/northfield/link-worker-pathway\"\n\
         [fonts]\nregular = \"fonts/DejaVuSerif.ttf\"\nbold = \"fonts/DejaVuSerif-Bold.ttf\"\n\
         [[logo]]\nfile = \"logos/northfield.svg\"\nalt = \"Northfield Health Partnership\"\n\
         place = \"header\"\n\
         [[logo]]\nfile = \"logos/open-research-fund.svg\"\nalt = \"Open Research Fund\"\n\
         place = \"footer\"\n\
         [[logo]]\nfile = \"logos/network.png\"\nalt = \"Link Worker Network\"\n\
         place = \"footer\"\n",
    );
    let mut stage_offers = vec![Vec::new(); stages];
    for i in 0..offers {
        stage_offers[i % stages].push(realistic_offer(&mut rng));
    }
    for (s, list) in stage_offers.iter().enumerate() {
        text.push_str(&format!(
            "\n[[stage]]\ntitle = \"{}\"\nsummary = \"What is open to you at this point, \
             and who provides it.\"\n",
            capitalised(TOPICS[s % TOPICS.len()])
        ));
        for offer in list {
            text.push_str(offer);
        }
    }
    text
}

fn realistic_offer(rng: &mut Seeded) -> String {
    let title = clamp_words(
        &format!(
            "{} {} {} {}",
            rng.pick(KINDS),
            rng.pick(TOPICS),
            rng.pick(AUDIENCES),
            rng.pick(AUDIENCES)
        ),
        45,
        70,
    );
    let provider = rng.pick(PROVIDERS);
    let url = format!(
        "https://{}/{}/{}",
        rng.pick(HOSTS),
        rng.pick(PATHS),
        rng.pick(TOPICS).replace(' ', "-")
    );
    let mut text = format!(
        "\n[[stage.offer]]\ntitle = \"{title}\"\nprovider = \"{provider}\"\nurl = \"{url}\"\n"
    );
    if rng.within(0, 1) == 0 {
        text.push_str(&format!(
            "cost = \"chargeable\"\nprice = \"{}\"\n",
            rng.pick(PRICES)
        ));
    } else {
        text.push_str("cost = \"free\"\n");
    }
    let (first, second) = (rng.within(0, 2), rng.within(3, 5));
    text.push_str(&format!(
        "tags = [\"{}\", \"{}\"]\n",
        TAGS[first], TAGS[second]
    ));
    // One to three facts, duration first as most cards have it.
    let facts = rng.within(1, 3);
    let kinds = [
        ("duration", DURATIONS),
        ("audience", GROUPS),
        ("starts", STARTS),
        ("contact", CONTACTS),
    ];
    let skip = rng.within(0, 3);
    for (key, values) in kinds
        .iter()
        .filter(|(key, _)| *key != kinds[skip].0)
        .take(facts)
    {
        text.push_str(&format!("{key} = \"{}\"\n", rng.pick(values)));
    }
    text
}
