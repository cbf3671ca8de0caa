//! What a source may be called, and what "verified" needs.
//!
//! Every source a record cites carries a kind: the main `source` its
//! `source_kind`, each further source under `also` its own `kind`.
//!
//! - `official` is the text of the body that makes or registers the fact: a
//!   gazette, a ministry or parliament, the official legislation portal, the
//!   ILO's NORMLEX and NATLEX (and its other legal databases) for law and
//!   ratifications, the ILO for its own instruments, Better Work for its own
//!   tool.
//! - `secondary` is a publication that may confirm a fact: an intergovernmental
//!   body's (ILO, World Bank, UN), Better Work's own, the country pages of
//!   the `WageIndicator` Foundation, a national statistics office, a
//!   university, a reputable newspaper, a trade union or an employer
//!   federation.
//! - `commentary` is everything else: a law firm's article or service page, an
//!   employer-of-record, payroll or HR vendor, a blog, a Q&A site, a content
//!   farm, a translation site, a document-sharing copy. A record may cite it,
//!   but it never counts towards verification.
//!
//! A record is `verified` only on an official source, or on two secondary
//! sources on different sites.

use chrono::NaiveDate;
use serde::Deserialize;

use super::Problems;

/// One further source of a record: `{ url = "…", kind = "secondary" }`.
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Also {
    pub(crate) url: String,
    pub(crate) kind: String,
}

pub(crate) const KINDS: &[&str] = &["official", "secondary", "commentary"];

/// Hosts that are never an official text nor a secondary source: blogs,
/// wikis, document-sharing and translation copies, proxies, law firms,
/// employer-of-record, payroll and HR vendors, job boards and content farms.
/// A record may cite them, as `commentary`. Matched as a part of the host.
const COMMENTARY: &[&str] = &[
    // Blogs, wikis, copies, proxies, translation and Q&A sites.
    "blogspot.",
    "wordpress.com",
    "scribd.com",
    "studylib.",
    "docslib.",
    "paperzz.",
    "pdfslide.",
    "documents.pub",
    "vdocument.",
    "fdocuments.",
    "dokumen.tips",
    "123dok.",
    "slideshare.",
    "slideplayer.",
    "azkurs.org",
    "info.5y1.org",
    "sites.google.com",
    "medium.com",
    "netlify.app",
    "http3.lol",
    "melakarnets.com",
    "ilovetranslation.",
    "country-data.com",
    "wiki-investment.com",
    "dhirubhai.net",
    "financetalks.net",
    "todayheadline.co",
    "estatedia.com",
    "ekonomika.club",
    "vietjack.me",
    "mosaique.life",
    "cne.wtf",
    "stileex.xyz",
    // Legal databases and portals run by private firms (copies and articles).
    "lawnet.vn",
    "luatvietnam.vn",
    "tracuuphapluat.info",
    "ethiolex.com",
    "chilot.me",
    "pasal.id",
    "hg.org",
    "lawyersnjurists.com",
    "haitijustice.com",
    "petiwalabooks.com",
    "notifications.pk",
    // Law firms and their publishers.
    "mondaq.com",
    "conventuslaw.com",
    "dlapiperintelligence.com",
    "thelawreviews.co.uk",
    "chambers.com",
    "ogletree.com",
    "paulhastings.com",
    "bakermckenzie.com",
    "eversheds-sutherland.com",
    "dfdl.com",
    "amereller.com",
    "matoukbassiouny.com",
    "riad-riad.com",
    "varners.law",
    "dedica-law.com",
    "sbclex.com",
    "vinayalaw.com",
    "juralacuity.com",
    "lexplosion.in",
    "abdullahfirm.com",
    "lawfornations.com",
    "lawfirm.com.bd",
    "nasirlawsite.com",
    "noplegal.com",
    "hasanhmt.com",
    "smyaqoob.com",
    "riverhopelawfirm.com",
    "wwlawfirms.com",
    "desaram.com",
    "oneasia.legal",
    "jblmekong.com",
    "ilawasia.com",
    "sxhlaw.com",
    "vision-associates.com",
    "garciabodan.com",
    "drleyes.com",
    "bdsasesores.com",
    "nusantaralegal.com",
    "adcolaw.com",
    "ssek.com",
    "makarim.com",
    "harrismanaloe.com",
    "remidian-bahureksa.com",
    "tlalaw.vn",
    "luatlvn.com",
    "luatminhnguyen.com",
    "sblaw.vn",
    "gvlawyers.com.vn",
    "entlaw.com.vn",
    "inta.vn",
    "ethiopianlaw.com",
    "mekonnenlawoffice.com",
    "dmethiolawyers.com",
    "lekslawyer.com",
    "lawyeregyptian.com",
    "24justice.pk",
    "americanbar.org",
    // Employer-of-record, payroll, HR, relocation and consulting vendors.
    "rivermate.com",
    "replicon.com",
    "hellopebl.com",
    "tcwglobal.com",
    "aquariibd.com",
    "hiredchina.com",
    "atlashxm.com",
    "corehris.com",
    "worksuite.com",
    "centramgt.com",
    "lockton.com",
    "crowe.com",
    "aplusconsulting.com.kh",
    "csr-solutions.cn",
    "directhrvietnam.com",
    "vietvang.net",
    "netviet.com.vn",
    "xcloud.id",
    "timedoor.net",
    "globalpeoplestrategist.com",
    "recruitmentadvisor.org",
    "cogencg.com",
    "madagascar-services.com",
    "mada-relocation.com",
    "offshore-developpement.com",
    "simulation-impots.net",
    "africa-diligence.com",
    "sie.com.pk",
    "mba-au.com",
    "grit-ai.asia",
    "infoprod.co.il",
    "zflaspalmeras.com",
    // Job boards and press-release feeds.
    "khmeronlinejobs.com",
    "qureos.com",
    "africarrieres.com",
    "toptrabajos.com",
    "menafn.com",
];

/// Wikis and code hosts: never an official text, and never one of the two
/// secondary sources a verified record needs. Records outside the law data
/// (instruments, ratifications, compliance points) cite them as `secondary`,
/// all of them unverified; law records cite them as `commentary`.
const NEVER_OFFICIAL: &[&str] = &["wikipedia.org", "wikimili.", "cryer.org.uk", "github.com"];

/// Sites that publish under several hosts and count as one source.
const ONE_SITE: &[(&str, &str)] = &[
    ("wageindicator.org", "wageindicator"),
    ("paycheck.pk", "wageindicator"),
    ("salary.lk", "wageindicator"),
    ("ilo.org", "ilo"),
    ("ilo.ch", "ilo"),
    ("ilo.int", "ilo"),
    ("oit.org", "ilo"),
    ("state.gov", "state.gov"),
];

/// The host of a URL, lower-cased; empty for a citation that is not a URL.
fn host(source: &str) -> String {
    let lower = source.trim().to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return String::new();
    };
    rest.split(['/', '?', '#', ' ', ':'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The site a URL belongs to, for independence: its registrable domain
/// (`news.laodong.vn` → `laodong.vn`, `www.brecorder.com` → `brecorder.com`,
/// `metro.sindonews.com` → `sindonews.com`, `dol.kp.gov.pk` → `kp.gov.pk`),
/// with the sites of [`ONE_SITE`] folded together. Empty for a citation.
pub(crate) fn site(source: &str) -> String {
    let host = host(source);
    if host.is_empty() {
        return host;
    }
    for (suffix, name) in ONE_SITE {
        if host == *suffix || host.ends_with(&format!(".{suffix}")) {
            return (*name).to_owned();
        }
    }
    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return host;
    }
    let labels: Vec<&str> = host.split('.').collect();
    // A country-code domain with a second level (`co.id`, `com.pk`, `gov.bd`)
    // keeps three labels; anything else keeps two.
    let second_level = [
        "co", "com", "gov", "org", "or", "ac", "edu", "go", "net", "int",
    ];
    let keep = match labels.as_slice() {
        [.., second, top] if top.len() == 2 && second_level.contains(second) => 3,
        _ => 2,
    };
    let skip = labels.len().saturating_sub(keep);
    labels
        .iter()
        .skip(skip)
        .copied()
        .collect::<Vec<_>>()
        .join(".")
}

/// Whether `source` is on a host matched by one of `patterns`.
fn on(patterns: &[&str], source: &str) -> bool {
    let host = host(source);
    let lower = source.to_ascii_lowercase();
    patterns
        .iter()
        .any(|pattern| host.contains(pattern) || (host.is_empty() && lower.contains(pattern)))
}

/// Whether `source` is on a host that is only ever commentary.
pub(crate) fn commentary_only(source: &str) -> bool {
    on(COMMENTARY, source)
}

/// The source rules for one record. `data_date` is the catalogue's data date:
/// no record was checked after it.
pub(crate) fn check(
    p: &mut Problems,
    what: &str,
    (source, kind): (&str, &str),
    also: &[Also],
    (verified_on, data_date): (Option<NaiveDate>, Option<NaiveDate>),
    status: &str,
) {
    let all = std::iter::once((source, kind))
        .chain(also.iter().map(|a| (a.url.as_str(), a.kind.as_str())));
    for (url, kind) in all.clone() {
        p.check(KINDS.contains(&kind), || {
            format!("{what}: {url:?}: kind {kind:?} is not one of {KINDS:?}")
        });
        p.check(kind != "official" || !on(NEVER_OFFICIAL, url), || {
            format!("{what}: {url:?} is a wiki or code host, never an official text")
        });
        p.check(kind == "commentary" || !commentary_only(url), || {
            format!(
                "{what}: {url:?} is a law firm, vendor, blog, copy or content site: its kind must be commentary"
            )
        });
    }
    for other in also {
        p.check(
            other.url.trim() != source.trim() && !other.url.trim().is_empty(),
            || format!("{what}: `also` must name another source than {source:?}"),
        );
    }
    if let (Some(checked), Some(data_date)) = (verified_on, data_date) {
        p.check(checked <= data_date, || {
            format!(
                "{what}: verified_on {checked} is after the catalogue's data date {data_date} (catalogue.toml)"
            )
        });
    }
    if status != "verified" {
        return;
    }
    let official = all.clone().any(|(_, kind)| kind == "official");
    let mut sites: Vec<String> = all
        .filter(|(url, kind)| *kind == "secondary" && !on(NEVER_OFFICIAL, url))
        .map(|(url, _)| site(url))
        .filter(|s| !s.is_empty())
        .collect();
    sites.sort();
    sites.dedup();
    p.check(official || sites.len() >= 2, || {
        format!(
            "{what}: verified without an official source or two secondary sources on different sites ({} secondary site(s); commentary never counts): cite an official text, add an independent secondary source under `also`, or mark it unverified",
            sites.len()
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(source: (&str, &str), also: &[(&str, &str)], status: &str) -> Vec<String> {
        let mut p = Problems::default();
        let also: Vec<Also> = also
            .iter()
            .map(|(url, kind)| Also {
                url: (*url).to_owned(),
                kind: (*kind).to_owned(),
            })
            .collect();
        check(&mut p, "record", source, &also, (None, None), status);
        p.0
    }

    const FIRM: &str = "https://lawfornations.com/service/criminal-case/";
    const VENDOR: &str = "https://rivermate.com/guides/cambodia/working-hours";
    const GAZETTE: &str = "http://bdlaws.minlaw.gov.bd/act-print-952/section-print-43726.html";

    #[test]
    fn commentary_alone_is_never_verified() {
        let found = problems(
            (FIRM, "commentary"),
            &[
                (VENDOR, "commentary"),
                ("https://example.blogspot.com/x", "commentary"),
            ],
            "verified",
        );
        assert!(
            found.len() == 1 && found[0].contains("without an official source"),
            "{found:?}"
        );
        assert!(
            problems(
                (FIRM, "commentary"),
                &[(VENDOR, "commentary")],
                "unverified"
            )
            .is_empty()
        );
        // Commentary does not become a second source by being relabelled.
        let relabelled = problems((FIRM, "secondary"), &[], "unverified");
        assert!(
            relabelled[0].contains("must be commentary"),
            "{relabelled:?}"
        );
        let relabelled = problems(
            ("https://www.thedailystar.net/x", "secondary"),
            &[(VENDOR, "secondary")],
            "verified",
        );
        assert!(
            relabelled.iter().any(|m| m.contains("must be commentary")),
            "{relabelled:?}"
        );
    }

    #[test]
    fn an_official_source_verifies() {
        assert!(problems((GAZETTE, "official"), &[], "verified").is_empty());
        assert!(problems((FIRM, "commentary"), &[(GAZETTE, "official")], "verified").is_empty());
    }

    #[test]
    fn two_secondary_sources_must_be_on_different_sites() {
        let news = "https://www.thedailystar.net/x";
        let one = problems((news, "secondary"), &[], "verified");
        assert!(one[0].contains("1 secondary site"), "{one:?}");
        let two = problems(
            (news, "secondary"),
            &[("https://www.tbsnews.net/y", "secondary")],
            "verified",
        );
        assert!(two.is_empty(), "{two:?}");
        let same = problems(
            (news, "secondary"),
            &[("https://thedailystar.net/z", "secondary")],
            "verified",
        );
        assert!(same[0].contains("1 secondary site"), "{same:?}");
        // WageIndicator's national sites are one source.
        let wage = problems(
            ("https://paycheck.pk/labour-laws", "secondary"),
            &[("https://acc.wageindicator.org/x", "secondary")],
            "verified",
        );
        assert!(wage[0].contains("1 secondary site"), "{wage:?}");
        let commentary = problems((news, "secondary"), &[(FIRM, "commentary")], "verified");
        assert!(commentary[0].contains("1 secondary site"), "{commentary:?}");
    }

    #[test]
    fn sites_are_registrable_domains() {
        assert_eq!(site("https://news.laodong.vn/x"), "laodong.vn");
        assert_eq!(site("https://metro.sindonews.com/x"), "sindonews.com");
        assert_eq!(site("https://dol.kp.gov.pk/x"), "kp.gov.pk");
        assert_eq!(site("https://economy.okezone.com/x"), "okezone.com");
        assert_eq!(site("http://118.69.201.250:801/x"), "118.69.201.250");
        assert_eq!(site("https://normlex.ilo.org/x"), "ilo");
        assert_eq!(site("ILO C138 Art. 2"), "");
    }

    #[test]
    fn kinds_and_dates_are_checked() {
        let kind = problems(("https://normlex.ilo.org/x", "gazette"), &[], "verified");
        assert!(
            kind[0].contains("kind \"gazette\" is not one of"),
            "{kind:?}"
        );
        for copy in [
            "https://www.scribd.com/document/1/labour-code",
            "https://studylib.net/doc/2/labour-proclamation",
        ] {
            let found = problems((copy, "official"), &[], "verified");
            assert!(found[0].contains("must be commentary"), "{found:?}");
        }
        let mut p = Problems::default();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
        check(
            &mut p,
            "record",
            (GAZETTE, "official"),
            &[],
            (day(25), day(23)),
            "verified",
        );
        assert!(
            p.0.len() == 1 && p.0[0].contains("after the catalogue's data date 2026-11-23"),
            "{:?}",
            p.0
        );
        let mut p = Problems::default();
        check(
            &mut p,
            "record",
            (GAZETTE, "official"),
            &[],
            (day(23), day(23)),
            "verified",
        );
        assert!(p.0.is_empty(), "{:?}", p.0);
    }
}
