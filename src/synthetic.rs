//! A seeded generator of realistic synthetic reports, for benchmarks and scale tests.
//!
//! Each event is a contact between the real office holders of two countries on a random day
//! (2015–2025), of one kind, about a few concepts from the lexicon; it is reported one to six times
//! in random languages, with datelines, explicit or relative dates, background sentences about
//! older contacts, and filler. A third of the events are followed, one to six days later, by
//! another contact of the same leaders about other things: the hard negatives.
//!
//! With [`Sizes::HeavyTailed`], event sizes follow Zipf's law as news does: most events get one
//! to five reports, a few thousands (a summit, the first day of a war).
//!
//! ```
//! use event_dedup::synthetic::Generator;
//! let mut generator = Generator::new(7)?;
//! let batch = generator.next_event();
//! assert!(!batch.is_empty());
//! let (report, event) = &batch[0];
//! assert!(!report.text().is_empty() && event.starts_with("ev"));
//! # Ok::<(), event_dedup::Error>(())
//! ```

use crate::date::Date;
use crate::error::Error;
use crate::hash::FxSet;
use crate::knowledge::Knowledge;
use crate::lang::Lang;
use crate::report::Report;

const CONCEPTS: &str = include_str!("../data/concepts.txt");

/// Countries whose leaders meet in the generated news, with their main office.
const COUNTRIES: &[(&str, &str)] = &[
    ("RU", "president"),
    ("FR", "president"),
    ("US", "president"),
    ("DE", "pm"),
    ("IT", "pm"),
    ("GB", "pm"),
    ("UA", "president"),
    ("TR", "president"),
    ("CN", "president"),
    ("JP", "pm"),
    ("IN", "pm"),
    ("BR", "president"),
    ("IL", "pm"),
    ("IR", "president"),
    ("PL", "pm"),
    ("ES", "pm"),
    ("CA", "pm"),
    ("AU", "pm"),
    ("KR", "president"),
    ("ZA", "president"),
    ("AZ", "president"),
    ("AM", "pm"),
    ("KZ", "president"),
    ("HU", "pm"),
    ("NL", "pm"),
    ("GR", "pm"),
    ("EG", "president"),
    ("SI", "pm"),
];

const EN_MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const IT_MONTHS: [&str; 12] =
    ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];
const SL_MONTHS: [&str; 12] =
    ["januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta", "septembra", "oktobra", "novembra", "decembra"];
const EN_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const CITIES: [&str; 8] = ["MOSCOW", "PARIS", "WASHINGTON", "BERLIN", "ROME", "KYIV", "BEIJING", "ANKARA"];

/// SplitMix64: small, fast and reproducible.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Call,
    Video,
    Meeting,
}

#[derive(Debug, Clone)]
struct Event {
    label: String,
    day: Date,
    leaders: [String; 2],
    kind: Kind,
    topics: Vec<usize>,
}

/// How many reports each event gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Sizes {
    /// One to six, uniformly (the default).
    Uniform,
    /// Heavy-tailed: an event gets at least `s` reports with probability `1/s` (Zipf's law with
    /// exponent 1), up to `largest`. Five events in six get one to five reports; one in a thousand
    /// gets a thousand or more, and about one in 20,000 reaches 20,000 (the mean is about
    /// `ln(largest) + 0.58` reports: 10.5 for 20,000).
    HeavyTailed {
        /// The most reports one event gets.
        largest: usize,
    },
}

/// Generates synthetic reports with their gold event labels.
#[derive(Debug)]
pub struct Generator {
    rng: Rng,
    knowledge: Knowledge,
    /// Surface forms of concepts: `[en, it, vi, sl]` (the first form of each column).
    topics: Vec<[String; 4]>,
    events: usize,
    reports: usize,
    sizes: Sizes,
    pending: Option<Event>,
    /// Reports of an event that the last call to [`Generator::reports`] cut short.
    carried: Vec<(Report, String)>,
    /// Leader pairs and days already used: random dates must not put two different contacts of
    /// the same leaders on one day by accident.
    used: FxSet<(String, Date)>,
}

impl Generator {
    /// A generator; the same seed gives the same reports.
    pub fn new(seed: u64) -> Result<Generator, Error> {
        let topics = CONCEPTS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                let first = |c: &str| c.split(';').next().map(|f| f.trim().to_string()).filter(|f| !f.is_empty());
                match cells.as_slice() {
                    [_, _, en, it, vi, sl] => Some([first(en)?, first(it)?, first(vi)?, first(sl)?]),
                    _ => None,
                }
            })
            .collect();
        Ok(Generator {
            rng: Rng(seed),
            knowledge: Knowledge::embedded()?,
            topics,
            events: 0,
            reports: 0,
            sizes: Sizes::Uniform,
            pending: None,
            carried: Vec::new(),
            used: FxSet::default(),
        })
    }

    /// The same generator with another distribution of event sizes.
    ///
    /// ```
    /// use event_dedup::synthetic::{Generator, Sizes};
    /// let mut generator = Generator::new(7)?.with_sizes(Sizes::HeavyTailed { largest: 20_000 });
    /// let sizes: Vec<usize> = (0..1000).map(|_| generator.next_event().len()).collect();
    /// assert!(sizes.iter().filter(|&&s| s <= 5).count() > 750);
    /// assert!(sizes.iter().any(|&s| s >= 100));
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn with_sizes(mut self, sizes: Sizes) -> Generator {
        self.sizes = sizes;
        self
    }

    fn new_event(&mut self) -> Event {
        loop {
            let day = Date::new(2015, 1, 1).and_then(|d| d.add_days(self.rng.below(365 * 11) as i64));
            let a = *self.rng.pick(COUNTRIES);
            let b = *self.rng.pick(COUNTRIES);
            let (Some(day), false) = (day, a.0 == b.0) else { continue };
            let who = |(code, post): (&str, &str)| self.knowledge.holder(post, code, day);
            let (Some(x), Some(y)) = (who(a), who(b)) else { continue };
            if x == y {
                continue;
            }
            let key = if x < y { format!("{x}-{y}") } else { format!("{y}-{x}") };
            if !self.used.insert((key, day)) {
                continue;
            }
            let name = |p: u32| self.knowledge.people[p as usize].display.clone();
            let kind = [Kind::Call, Kind::Call, Kind::Call, Kind::Video, Kind::Meeting][self.rng.below(5)];
            let topics = (0..3 + self.rng.below(4)).map(|_| self.rng.below(self.topics.len())).collect();
            self.events += 1;
            return Event { label: format!("ev{}", self.events), day, leaders: [name(x), name(y)], kind, topics };
        }
    }

    /// The reports of the next event (one to six, or as many as [`Sizes`] draws), each with its
    /// gold event label.
    pub fn next_event(&mut self) -> Vec<(Report, String)> {
        let event = match self.pending.take() {
            Some(e) => e,
            None => self.new_event(),
        };
        if self.rng.chance(0.33) {
            // The same leaders speak again a few days later, about other things.
            let mut again = event.clone();
            self.events += 1;
            again.label = format!("ev{}", self.events);
            again.day = event.day.add_days(1 + self.rng.below(6) as i64).unwrap_or(event.day);
            let key = format!("{}+{}", again.leaders[0], again.leaders[1]);
            self.used.insert((key, again.day));
            again.topics = (0..3 + self.rng.below(4)).map(|_| self.rng.below(self.topics.len())).collect();
            self.pending = Some(again);
        }
        let copies = match self.sizes {
            Sizes::Uniform => 1 + self.rng.below(6),
            Sizes::HeavyTailed { largest } => {
                // P(size >= s) = 1/s: the integer part of 1/u for u uniform in (0, 1].
                let u = ((self.rng.next() >> 11) + 1) as f64 / (1u64 << 53) as f64;
                ((1.0 / u) as usize).clamp(1, largest.max(1))
            }
        };
        (0..copies).map(|_| self.report(&event)).collect()
    }

    /// Reports with labels, `n` of them. An event cut short at the end goes on at the start of the
    /// next call, so consecutive calls give the reports of one stream.
    pub fn reports(&mut self, n: usize) -> Vec<(Report, String)> {
        let mut out = std::mem::take(&mut self.carried);
        out.reserve(n.saturating_sub(out.len()) + 6);
        while out.len() < n {
            out.extend(self.next_event());
        }
        self.carried = out.split_off(n);
        out
    }

    fn report(&mut self, e: &Event) -> (Report, String) {
        self.reports += 1;
        let lang = *self.rng.pick(&Lang::ALL);
        let li = match lang {
            Lang::En => 0,
            Lang::It => 1,
            Lang::Vi => 2,
            _ => 3,
        };
        let [a, b] = if self.rng.chance(0.5) { [&e.leaders[0], &e.leaders[1]] } else { [&e.leaders[1], &e.leaders[0]] };
        let mut shown: Vec<&str> = e.topics.iter().filter(|_| self.rng.chance(0.8)).map(|&t| self.topics[t][li].as_str()).collect();
        if shown.len() < 2 {
            shown = e.topics.iter().take(2).map(|&t| self.topics[t][li].as_str()).collect();
        }
        let list = |and: &str| match shown.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
            Some((last, _)) => last.to_string(),
            None => String::new(),
        };
        // Published on the day, or the day after; a few reports carry no published date.
        let late = self.rng.chance(0.3);
        let published = if late { e.day.add_days(1) } else { Some(e.day) };
        let published = if self.rng.chance(0.03) { None } else { published };
        let style = self.rng.below(3);
        let (d, m, y) = (e.day.day(), e.day.month() as usize, e.day.year());
        let older = e.day.add_days(-(10 + self.rng.below(200) as i64)).unwrap_or(e.day);
        let (od, om) = (older.day(), older.month() as usize);
        let other = self.topics[self.rng.below(self.topics.len())][li].clone();
        let city = *self.rng.pick(&CITIES);
        let text = match (lang, e.kind) {
            (Lang::En, kind) => {
                let verb = match kind {
                    Kind::Call => "held a phone call",
                    Kind::Video => "held a video conference",
                    Kind::Meeting => "met for talks in person",
                };
                let when = match (style, late) {
                    (0, _) => {
                        format!("{city}, {} {d}, {y} - {a} and {b} {verb} on {}", EN_MONTHS[m - 1], EN_DAYS[e.day.weekday() as usize - 1])
                    }
                    (1, false) => format!("{a} and {b} {verb} today"),
                    (1, true) => format!("{a} and {b} {verb} yesterday"),
                    _ => format!("{a} and {b} {verb} on {} {d}", EN_MONTHS[m - 1]),
                };
                format!(
                    "{when}, discussing {}, according to officials.\n\nThe leaders agreed to stay in contact and to instruct their ministers to continue the work. \
                     Officials described the exchange as frank and detailed, without announcing any agreement.\n\n\
                     The two leaders previously spoke on {} {od}, when they discussed {other}. Analysts said the conversation reflected \
                     the intense diplomatic activity of recent weeks and the pressure on both sides to show progress.",
                    list("and"),
                    EN_MONTHS[om - 1]
                )
            }
            (Lang::It, kind) => {
                let verb = match kind {
                    Kind::Call => "hanno avuto un colloquio telefonico",
                    Kind::Video => "si sono parlati in videoconferenza",
                    Kind::Meeting => "si sono incontrati di persona",
                };
                let when = match (style, late) {
                    (0, _) => format!("{}, {d} {} {y} – {a} e {b} {verb}", city.to_lowercase(), IT_MONTHS[m - 1]),
                    (1, false) => format!("{a} e {b} {verb} oggi"),
                    (1, true) => format!("{a} e {b} {verb} ieri"),
                    _ => format!("Il {d} {} {a} e {b} {verb}", IT_MONTHS[m - 1]),
                };
                format!(
                    "{when}. Al centro del confronto {}, secondo quanto riferito dalle rispettive presidenze.\n\n\
                     I due leader hanno concordato di restare in contatto e di affidare ai ministri il seguito dei lavori. \
                     Fonti diplomatiche hanno definito il colloquio franco e approfondito.\n\n\
                     I due si erano sentiti l'ultima volta il {od} {}, quando avevano discusso di {other}. Secondo gli analisti \
                     il contatto conferma l'intensa attività diplomatica delle ultime settimane.",
                    list("e"),
                    IT_MONTHS[om - 1]
                )
            }
            (Lang::Vi, kind) => {
                let verb = match kind {
                    Kind::Call => "đã điện đàm",
                    Kind::Video => "đã có cuộc hội đàm trực tuyến",
                    Kind::Meeting => "đã có cuộc gặp",
                };
                let when = match (style, late) {
                    (0, _) => format!("{city}, ngày {d}/{m}/{y} - {a} và {b} {verb}"),
                    (1, false) => format!("{a} và {b} hôm nay {verb}"),
                    (1, true) => format!("{a} và {b} hôm qua {verb}"),
                    _ => format!("Ngày {d}/{m}, {a} và {b} {verb}"),
                };
                format!(
                    "{when} về {}.\n\nHai nhà lãnh đạo nhất trí duy trì liên lạc và giao cho các bộ trưởng tiếp tục trao đổi. \
                     Các quan chức cho biết cuộc trao đổi diễn ra thẳng thắn.\n\n\
                     Trước đó, hai nhà lãnh đạo đã trao đổi hôm {od}/{om} về {other}. Giới phân tích cho rằng cuộc tiếp xúc \
                     phản ánh hoạt động ngoại giao sôi động trong những tuần gần đây.",
                    list("và")
                )
            }
            (_, kind) => {
                let verb = match kind {
                    Kind::Call => "sta se pogovarjala po telefonu",
                    Kind::Video => "sta imela videokonferenco",
                    Kind::Meeting => "sta se sestala",
                };
                let when = match (style, late) {
                    (0, _) => format!("{}, {d}. {} {y} – {a} in {b} {verb}", city, SL_MONTHS[m - 1]),
                    (1, false) => format!("{a} in {b} {verb} danes"),
                    (1, true) => format!("{a} in {b} {verb} včeraj"),
                    _ => format!("{a} in {b} {verb} {d}. {}", SL_MONTHS[m - 1]),
                };
                format!(
                    "{when}. Govorila sta o temah, kot so {}, so sporočili uradni viri.\n\n\
                     Voditelja sta se dogovorila, da ostaneta v stiku, nadaljnje delo pa sta prepustila ministrom. \
                     Diplomatski viri so pogovor opisali kot odkrit.\n\n\
                     Nazadnje sta se pogovarjala {od}. {}, ko sta govorila o temi {other}. Analitiki menijo, da stik \
                     odraža živahno diplomatsko dejavnost zadnjih tednov.",
                    list("in"),
                    SL_MONTHS[om - 1]
                )
            }
        };
        let mut builder = Report::builder(format!("syn{:08}", self.reports), text).lang(lang);
        if let Some(p) = published {
            builder = builder.published_date(p);
        }
        // The id is never empty, so building cannot fail.
        let report = builder.build().unwrap_or_else(|_| unreachable!("generated ids are not empty"));
        (report, e.label.clone())
    }
}
