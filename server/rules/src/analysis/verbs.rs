//! English verb morphology for rewriting resume bullets: past tense, third
//! person, and the base form behind a gerund (`leading` → `lead` → `led`).
//!
//! Irregular verbs come from a table; regular verbs follow the spelling
//! rules (final `e` dropped before `-ing` and `-ed`, consonant + `y` →
//! `-ied`, a stressed final consonant doubled: `plan` → `planned`). A list
//! of common resume verbs settles the cases the rules cannot (`treating`
//! → `treat` but `creating` → `create`; `adding` → `add` but `embedding` →
//! `embed`). All functions take and return lowercase ASCII words; callers
//! restore capitalisation.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Irregular verbs: base, simple past.
const IRREGULAR: &[(&str, &str)] = &[
    ("arise", "arose"),
    ("be", "was"),
    ("bear", "bore"),
    ("beat", "beat"),
    ("become", "became"),
    ("begin", "began"),
    ("bend", "bent"),
    ("bet", "bet"),
    ("bid", "bid"),
    ("bind", "bound"),
    ("blow", "blew"),
    ("break", "broke"),
    ("breed", "bred"),
    ("bring", "brought"),
    ("broadcast", "broadcast"),
    ("build", "built"),
    ("buy", "bought"),
    ("cast", "cast"),
    ("catch", "caught"),
    ("choose", "chose"),
    ("come", "came"),
    ("cost", "cost"),
    ("cut", "cut"),
    ("deal", "dealt"),
    ("dig", "dug"),
    ("do", "did"),
    ("draw", "drew"),
    ("drink", "drank"),
    ("drive", "drove"),
    ("eat", "ate"),
    ("fall", "fell"),
    ("feed", "fed"),
    ("feel", "felt"),
    ("fight", "fought"),
    ("find", "found"),
    ("fly", "flew"),
    ("forecast", "forecast"),
    ("foresee", "foresaw"),
    ("forget", "forgot"),
    ("forgive", "forgave"),
    ("freeze", "froze"),
    ("get", "got"),
    ("give", "gave"),
    ("go", "went"),
    ("grind", "ground"),
    ("grow", "grew"),
    ("hang", "hung"),
    ("have", "had"),
    ("hear", "heard"),
    ("hide", "hid"),
    ("hit", "hit"),
    ("hold", "held"),
    ("hurt", "hurt"),
    ("input", "input"),
    ("keep", "kept"),
    ("know", "knew"),
    ("lay", "laid"),
    ("lead", "led"),
    ("leave", "left"),
    ("lend", "lent"),
    ("let", "let"),
    ("light", "lit"),
    ("lose", "lost"),
    ("make", "made"),
    ("mean", "meant"),
    ("meet", "met"),
    ("mislead", "misled"),
    ("outdo", "outdid"),
    ("outgrow", "outgrew"),
    ("outrun", "outran"),
    ("outsell", "outsold"),
    ("overcome", "overcame"),
    ("overdo", "overdid"),
    ("override", "overrode"),
    ("overrun", "overran"),
    ("oversee", "oversaw"),
    ("overtake", "overtook"),
    ("overthrow", "overthrew"),
    ("pay", "paid"),
    ("prepay", "prepaid"),
    ("put", "put"),
    ("quit", "quit"),
    ("read", "read"),
    ("rebuild", "rebuilt"),
    ("recast", "recast"),
    ("redo", "redid"),
    ("redraw", "redrew"),
    ("remake", "remade"),
    ("repay", "repaid"),
    ("rerun", "reran"),
    ("reset", "reset"),
    ("resell", "resold"),
    ("retake", "retook"),
    ("rethink", "rethought"),
    ("rewrite", "rewrote"),
    ("ride", "rode"),
    ("ring", "rang"),
    ("rise", "rose"),
    ("run", "ran"),
    ("say", "said"),
    ("see", "saw"),
    ("seek", "sought"),
    ("sell", "sold"),
    ("send", "sent"),
    ("set", "set"),
    ("shake", "shook"),
    ("shed", "shed"),
    ("shine", "shone"),
    ("shoot", "shot"),
    ("shrink", "shrank"),
    ("shut", "shut"),
    ("sing", "sang"),
    ("sink", "sank"),
    ("sit", "sat"),
    ("sleep", "slept"),
    ("slide", "slid"),
    ("speak", "spoke"),
    ("speed", "sped"),
    ("spend", "spent"),
    ("spin", "spun"),
    ("split", "split"),
    ("spread", "spread"),
    ("stand", "stood"),
    ("steal", "stole"),
    ("stick", "stuck"),
    ("sting", "stung"),
    ("strike", "struck"),
    ("string", "strung"),
    ("strive", "strove"),
    ("swear", "swore"),
    ("sweep", "swept"),
    ("swim", "swam"),
    ("swing", "swung"),
    ("take", "took"),
    ("teach", "taught"),
    ("tear", "tore"),
    ("tell", "told"),
    ("think", "thought"),
    ("throw", "threw"),
    ("undergo", "underwent"),
    ("understand", "understood"),
    ("undertake", "undertook"),
    ("underwrite", "underwrote"),
    ("undo", "undid"),
    ("unwind", "unwound"),
    ("uphold", "upheld"),
    ("upset", "upset"),
    ("wake", "woke"),
    ("wear", "wore"),
    ("weave", "wove"),
    ("win", "won"),
    ("wind", "wound"),
    ("withdraw", "withdrew"),
    ("withhold", "withheld"),
    ("withstand", "withstood"),
    ("write", "wrote"),
];

/// Regular verbs common in resumes, in their base form. They settle the
/// spelling cases the rules cannot guess and tell a bare verb from a noun
/// after `helped` or `to`.
const REGULAR: &str = "
accelerate accept access accommodate accomplish account achieve acquire act adapt add address adjust
administer admit adopt advance advise advocate aggregate align allocate alter analyse analyze annotate
answer anticipate apply appoint appraise approve architect argue arrange articulate assemble assess assign
assist attain attend attract audit augment author authorize automate balance benchmark bill boost brainstorm
brand brief broker budget calculate calibrate campaign capture care catalog catalogue categorize centralize
chair champion change chart check clarify classify clean close coach code codify collaborate collect combine
comfort command commission commit communicate compare compile complete comply compose compute conceive
conceptualize conduct configure confirm connect conserve consolidate construct consult contain contribute
control convert convey convince coordinate correct counsel count craft create critique cultivate curate
customize debug decide decrease dedupe deduplicate define delegate deliver demonstrate deploy derive describe
design detect determine develop devise diagnose digitize direct discover dispatch display distill distribute
document double draft drill earn edit educate elevate eliminate embed empower enable encourage end energize
engage engineer enhance enlist ensure enter establish estimate evaluate examine exceed execute expand
expedite experiment explain explore export expose extend extract fabricate facilitate file fill finalize
fix follow forge form format formulate foster fund gain gather generate govern grade graduate guide halve
handle harden help hire host identify illustrate implement import improve include incorporate increase index
influence inform initiate innovate inspect inspire install instill institute instruct integrate interpret
interview introduce invent inventory investigate invite involve isolate issue iterate join judge justify
label launch learn lecture leverage license lift limit link list load localize locate log lower maintain
manage manufacture map market master maximize measure mediate mentor merge migrate minimize mobilize model
moderate modernize modify monitor motivate move negotiate network normalize nurture observe obtain onboard
open operate optimise optimize orchestrate order organise organize outline outperform outsource overhaul
own package pair parallelize parse participate partner patch perform persuade pilot pinpoint pioneer pitch
place plan polish port position predict prepare present preserve prevent price prioritize process procure
produce profile program project promote propose prototype provide provision publish purchase pursue qualify
quantify query raise rank rate reach realign rearchitect rebrand receive recognize recommend reconcile record
recruit redesign reduce refactor refine reform register regulate rehabilitate reinforce release relocate
remediate remove render renegotiate reorganize repair replace replicate report represent reproduce request
research reshape resolve respond restore restructure retain retire retrain return reuse revamp review revise
revitalize revive rework roll route safeguard save scale schedule scope score screen script secure
segment select serve service settle shape ship shorten showcase simplify simulate sketch slash solve source
spearhead specify sponsor stabilize staff standardize start steer stop store strategize streamline
strengthen structure study submit summarize supervise supply support survey sustain synthesize systematize
tackle tag target test track trade train transcribe transfer transform translate treat triage trim triple
troubleshoot tune tutor unify unite update upload download upgrade use utilise utilize validate value verify visualize
volunteer wire work
";

/// `-ing` words that are not gerunds of a verb, or read as nouns in resumes
/// (`responsible for marketing`): not rewritten as verbs.
const NOT_GERUNDS: &[&str] = &[
    "accounting",
    "advertising",
    "anything",
    "banking",
    "billing",
    "bring",
    "catering",
    "ceiling",
    "cling",
    "clothing",
    "consulting",
    "during",
    "engineering",
    "evening",
    "everything",
    "fling",
    "funding",
    "housing",
    "king",
    "lighting",
    "manufacturing",
    "marketing",
    "morning",
    "nothing",
    "nursing",
    "plumbing",
    "pricing",
    "pudding",
    "ring",
    "sing",
    "something",
    "spring",
    "sting",
    "string",
    "swing",
    "thing",
    "tooling",
    "wedding",
    "wing",
    "bring",
    "ticketing",
    "shipping",
    "receiving",
    "purchasing",
    "outstanding",
    "interesting",
    "following",
    "upcoming",
    "ongoing",
    "existing",
    "remaining",
    "incoming",
    "outgoing",
];

static PAST: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| IRREGULAR.iter().copied().collect());

static PAST_TO_BASE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| IRREGULAR.iter().map(|&(b, p)| (p, b)).collect());

static KNOWN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    REGULAR
        .split_whitespace()
        .chain(IRREGULAR.iter().map(|&(b, _)| b))
        .collect()
});

/// Verbs whose final consonant doubles although they have more than one
/// syllable (stress on the last syllable).
const DOUBLING: &[&str] = &[
    "admit", "commit", "compel", "control", "equip", "expel", "incur", "occur", "omit", "patrol",
    "permit", "prefer", "propel", "rebut", "refer", "regret", "submit", "transfer", "transmit",
    "unpin", "upset", "embed", "acquit", "outfit", "format", "kidnap", "handicap",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn vowel_groups(word: &str) -> usize {
    let b = word.as_bytes();
    let mut groups = 0;
    let mut prev = false;
    for &c in b {
        let v = is_vowel(c) || c == b'y';
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    groups
}

/// Whether `base` doubles its final consonant before `-ed`/`-ing`.
fn doubles(base: &str) -> bool {
    let b = base.as_bytes();
    if b.len() < 3 {
        return false;
    }
    let (c1, v, c2) = (b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]);
    let cvc = !is_vowel(c1) && is_vowel(v) && !is_vowel(c2) && !matches!(c2, b'w' | b'x' | b'y');
    if !cvc {
        return false;
    }
    // `qu` acts as a consonant: `quit` → `quitting`.
    vowel_groups(base) == 1 || DOUBLING.contains(&base) || base.ends_with("qu")
}

/// Splits a hyphenated prefix (`co-lead` → `co-`, `lead`).
fn split_prefix(word: &str) -> (&str, &str) {
    match word.rfind('-') {
        Some(i) if i + 1 < word.len() => (&word[..=i], &word[i + 1..]),
        _ => ("", word),
    }
}

/// Whether `word` (lowercase) is a known verb in its base form.
pub fn is_base_verb(word: &str) -> bool {
    let (_, w) = split_prefix(word);
    KNOWN.contains(w)
}

/// The simple past of a base-form verb: `lead` → `led`, `plan` →
/// `planned`, `manage` → `managed`, `deploy` → `deployed`, `copy` →
/// `copied`, `co-write` → `co-wrote`.
pub fn past_tense(base: &str) -> String {
    let (prefix, w) = split_prefix(base);
    if let Some(p) = PAST.get(w) {
        return format!("{prefix}{p}");
    }
    let b = w.as_bytes();
    let past = if w.is_empty() {
        String::new()
    } else if w.ends_with('e') {
        format!("{w}d")
    } else if w.ends_with('y') && b.len() >= 2 && !is_vowel(b[b.len() - 2]) {
        format!("{}ied", &w[..w.len() - 1])
    } else if w.ends_with('c') && !w.ends_with("ic") {
        format!("{w}ed")
    } else if w.ends_with("ic") && vowel_groups(w) <= 2 && w.len() <= 6 {
        // panic → panicked, picnic → picnicked
        format!("{w}ked")
    } else if doubles(w) {
        format!("{w}{}ed", &w[w.len() - 1..])
    } else {
        format!("{w}ed")
    };
    format!("{prefix}{past}")
}

/// The third person singular present: `build` → `builds`, `fix` →
/// `fixes`, `apply` → `applies`, `do` → `does`.
pub fn third_person(base: &str) -> String {
    let (prefix, w) = split_prefix(base);
    let b = w.as_bytes();
    let s = match w {
        "be" => "is".to_string(),
        "have" => "has".to_string(),
        "do" | "go" | "undo" | "redo" | "outdo" | "overdo" | "undergo" => format!("{w}es"),
        _ if w.ends_with('y') && b.len() >= 2 && !is_vowel(b[b.len() - 2]) => {
            format!("{}ies", &w[..w.len() - 1])
        }
        _ if ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e)) => format!("{w}es"),
        _ => format!("{w}s"),
    };
    format!("{prefix}{s}")
}

/// The base form behind a simple past (`led` → `lead`, `managed` →
/// `manage`), when the verb is known.
pub fn base_of_past(past: &str) -> Option<String> {
    let (prefix, w) = split_prefix(past);
    if let Some(b) = PAST_TO_BASE.get(w) {
        return Some(format!("{prefix}{b}"));
    }
    let stem = w.strip_suffix("ed")?;
    let mut candidates = vec![stem.to_string(), format!("{stem}e")];
    if let Some(s) = stem.strip_suffix('i') {
        candidates.push(format!("{s}y"));
    }
    let sb = stem.as_bytes();
    if sb.len() >= 2 && sb[sb.len() - 1] == sb[sb.len() - 2] {
        candidates.push(stem[..stem.len() - 1].to_string());
    }
    candidates
        .into_iter()
        .find(|c| KNOWN.contains(c.as_str()) && past_tense(c) == w)
        .map(|c| format!("{prefix}{c}"))
}

/// Whether `word` (lowercase) reads as the gerund of a verb.
pub fn is_gerund(word: &str) -> bool {
    gerund_base(word).is_some()
}

/// The base form behind a gerund: `leading` → `lead`, `planning` → `plan`,
/// `managing` → `manage`, `deploying` → `deploy`, `writing` → `write`,
/// `adding` → `add`. `None` for words that are not gerunds (`during`,
/// `string`) or read as nouns (`marketing`).
pub fn gerund_base(word: &str) -> Option<String> {
    let (prefix, w) = split_prefix(word);
    if !w.bytes().all(|c| c.is_ascii_lowercase()) || NOT_GERUNDS.contains(&w) {
        return None;
    }
    let stem = w.strip_suffix("ing")?;
    if stem.len() < 2 || vowel_groups(stem) == 0 {
        return None;
    }
    let base = base_of_stem(stem);
    Some(format!("{prefix}{base}"))
}

fn base_of_stem(stem: &str) -> String {
    let sb = stem.as_bytes();
    let n = sb.len();
    let doubled = n >= 2 && sb[n - 1] == sb[n - 2] && !is_vowel(sb[n - 1]);
    let undoubled = &stem[..n - usize::from(doubled)];
    let with_e = format!("{stem}e");
    // Known verbs first, in the order that respects the spelling rules.
    if KNOWN.contains(stem) && !(doubled && KNOWN.contains(undoubled) && doubles(undoubled)) {
        return stem.to_string();
    }
    if doubled && KNOWN.contains(undoubled) && doubles(undoubled) {
        return undoubled.to_string();
    }
    if KNOWN.contains(with_e.as_str()) {
        return with_e;
    }
    // `tying` → `tie`
    if let Some(s) = stem.strip_suffix('y') {
        let ie = format!("{s}ie");
        if KNOWN.contains(ie.as_str()) {
            return ie;
        }
    }
    // Unknown verb: spelling heuristics.
    if doubled && !matches!(sb[n - 1], b'l' | b's' | b'f' | b'z') {
        return undoubled.to_string();
    }
    let needs_e = [
        "at", "ut", "iz", "is", "yz", "ys", "ag", "eg", "rg", "dg", "ng", "ov", "iv", "av", "ev",
        "rc", "nc", "ur", "ir", "id", "ib", "os", "as", "rs", "ud", "od", "ac", "uc", "ic",
    ];
    let two = &stem[n.saturating_sub(2)..];
    let three_ends_with_double_vowel = n >= 3 && is_vowel(sb[n - 3]) && is_vowel(sb[n - 2]);
    let e_needed = match two {
        "ng" => false,
        "is" | "as" | "os" | "ur" | "ir" | "at" | "ut" | "id" | "od" | "ud" => {
            !three_ends_with_double_vowel
        }
        _ => needs_e.contains(&two) || stem.ends_with('v'),
    } || (stem.ends_with("in") && !three_ends_with_double_vowel && n > 4)
        || (n >= 2 && sb[n - 1] == b'l' && b"bcdfgkptz".contains(&sb[n - 2]));
    if e_needed {
        with_e
    } else {
        stem.to_string()
    }
}

/// The simple past of the verb behind a gerund: `leading` → `led`,
/// `building` → `built`, `planning` → `planned`.
pub fn gerund_to_past(gerund: &str) -> Option<String> {
    gerund_base(gerund).map(|b| past_tense(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_tense_of_regular_and_irregular_verbs() {
        for (base, past) in [
            ("lead", "led"),
            ("build", "built"),
            ("run", "ran"),
            ("write", "wrote"),
            ("make", "made"),
            ("teach", "taught"),
            ("plan", "planned"),
            ("manage", "managed"),
            ("deploy", "deployed"),
            ("copy", "copied"),
            ("develop", "developed"),
            ("engineer", "engineered"),
            ("commit", "committed"),
            ("control", "controlled"),
            ("open", "opened"),
            ("target", "targeted"),
            ("co-lead", "co-led"),
            ("co-author", "co-authored"),
            ("fix", "fixed"),
            ("ship", "shipped"),
            ("panic", "panicked"),
            ("sync", "synced"),
            ("quit", "quit"),
            ("oversee", "oversaw"),
            ("apply", "applied"),
        ] {
            assert_eq!(past_tense(base), past, "past of {base}");
        }
    }

    #[test]
    fn gerunds_map_back_to_their_verb() {
        for (gerund, base) in [
            ("training", "train"),
            ("leading", "lead"),
            ("planning", "plan"),
            ("managing", "manage"),
            ("deploying", "deploy"),
            ("copying", "copy"),
            ("writing", "write"),
            ("running", "run"),
            ("adding", "add"),
            ("embedding", "embed"),
            ("creating", "create"),
            ("treating", "treat"),
            ("maintaining", "maintain"),
            ("administering", "administer"),
            ("onboarding", "onboard"),
            ("unifying", "unify"),
            ("rebuilding", "rebuild"),
            ("preparing", "prepare"),
            ("qualifying", "qualify"),
            ("teaching", "teach"),
            ("making", "make"),
            ("installing", "install"),
            ("co-writing", "co-write"),
            // Unknown verbs fall back to spelling rules.
            ("containerizing", "containerize"),
            ("orchestrating", "orchestrate"),
            ("wrangling", "wrangle"),
            ("grepping", "grep"),
            ("forking", "fork"),
            ("refining", "refine"),
            ("dockerizing", "dockerize"),
        ] {
            assert_eq!(
                gerund_base(gerund).as_deref(),
                Some(base),
                "base of {gerund}"
            );
        }
    }

    #[test]
    fn gerund_to_past_uses_the_irregular_table() {
        for (gerund, past) in [
            ("leading", "led"),
            ("building", "built"),
            ("running", "ran"),
            ("writing", "wrote"),
            ("making", "made"),
            ("teaching", "taught"),
            ("planning", "planned"),
            ("managing", "managed"),
            ("deploying", "deployed"),
            ("copying", "copied"),
            ("overseeing", "oversaw"),
            ("selling", "sold"),
            ("setting", "set"),
        ] {
            assert_eq!(gerund_to_past(gerund).as_deref(), Some(past), "{gerund}");
        }
    }

    #[test]
    fn non_gerunds_are_rejected() {
        for w in [
            "during",
            "string",
            "thing",
            "marketing",
            "king",
            "ing",
            "Training",
            "sing",
        ] {
            assert_eq!(gerund_base(w), None, "{w}");
        }
    }

    #[test]
    fn third_person_and_base_of_past() {
        assert_eq!(third_person("build"), "builds");
        assert_eq!(third_person("fix"), "fixes");
        assert_eq!(third_person("apply"), "applies");
        assert_eq!(third_person("deploy"), "deploys");
        assert_eq!(third_person("do"), "does");
        assert_eq!(base_of_past("led").as_deref(), Some("lead"));
        assert_eq!(base_of_past("managed").as_deref(), Some("manage"));
        assert_eq!(base_of_past("planned").as_deref(), Some("plan"));
        assert_eq!(base_of_past("applied").as_deref(), Some("apply"));
        assert_eq!(base_of_past("developed").as_deref(), Some("develop"));
        assert_eq!(base_of_past("zzzed"), None);
        assert!(is_base_verb("define"));
        assert!(is_base_verb("cut"));
        assert!(!is_base_verb("students"));
    }
}
