//! Every report kind in a real browser: headless Chromium, driven through the
//! `DevTools` protocol at 1280 and 390 CSS pixels wide (a phone, with mobile
//! emulation so the viewport meta counts), then printed to PDF with the
//! `--print-to-pdf` switch that docs/REPORTS.md documents.
//!
//! Checks: no stray table rows (a cell holding a Markdown separator), no
//! page-wide horizontal scrolling at 390 px, every chart label inside its
//! chart, chart text no smaller than 10 px, no identifier in the visible text,
//! and a PDF of a sensible number of pages with the running header and footer
//! (subject, kind, date, page N of M, confidentiality) on every page.
//!
//! Pages, screenshots and PDFs are written under `target/report-screenshots/`
//! for people to look at. Without Chromium the test says so and passes,
//! unless `CI` is set: CI installs Chromium, so there a missing browser fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::float_arithmetic,
    clippy::panic,
    reason = "tests fail loudly, report what they wrote, and compare browser measurements"
)]

mod support;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use decentwork_report::Render;
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Where pages, screenshots and PDFs go: `target/report-screenshots/`.
fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target directory")
        .join("report-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The browser named by `CHROMIUM`, or the first of the usual names on PATH.
fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

fn find_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// A headless Chromium and one page, spoken to over the `DevTools` protocol.
struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    /// Events that arrived while waiting for a command's answer.
    events: Vec<Value>,
    profile: PathBuf,
}

impl Browser {
    fn launch(chromium: &Path) -> Browser {
        let profile = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("chromium-profile-{}", std::process::id()));
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start Chromium");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("Chromium ended before it listened")
                .unwrap();
            if let Some(url) = line.strip_prefix("DevTools listening on ") {
                break url.trim().to_owned();
            }
        };
        // Keep draining stderr so Chromium never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let (socket, _) = tungstenite::connect(url.as_str()).expect("connect to DevTools");
        if let MaybeTlsStream::Plain(tcp) = socket.get_ref() {
            tcp.set_read_timeout(Some(Duration::from_mins(1))).unwrap();
        }
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            profile,
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().unwrap().to_owned();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        attached["sessionId"]
            .as_str()
            .unwrap()
            .clone_into(&mut browser.session);
        browser.call("Page.enable", json!({}));
        browser
    }

    /// Sends a command (to the page once attached) and waits for its answer.
    #[allow(clippy::needless_pass_by_value, reason = "callers build params inline")]
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = Value::String(self.session.clone());
        }
        self.socket
            .send(Message::text(message.to_string()))
            .expect("send to DevTools");
        loop {
            let reply = self.read();
            if reply["id"].as_u64() == Some(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    fn read(&mut self) -> Value {
        loop {
            match self.socket.read().expect("read from DevTools") {
                Message::Text(text) => return serde_json::from_str(text.as_str()).unwrap(),
                Message::Close(_) => unreachable!("DevTools closed the connection"),
                _ => {}
            }
        }
    }

    /// Opens `file` at `width` CSS pixels (mobile emulation below 600).
    fn open(&mut self, file: &Path, width: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
        let url = format!("file://{}", file.display());
        self.events.clear();
        self.call("Page.navigate", json!({ "url": url }));
        // The load event may come before the answer to `navigate`.
        if self
            .events
            .iter()
            .any(|e| e["method"] == "Page.loadEventFired")
        {
            return;
        }
        loop {
            let event = self.read();
            if event["method"] == "Page.loadEventFired" {
                break;
            }
        }
    }

    fn evaluate(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        assert!(result.get("exceptionDetails").is_none(), "{result}");
        result["result"]["value"].clone()
    }

    /// A screenshot of the whole page.
    fn screenshot(&mut self, width: u32, height: u64, path: &Path) {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": width, "height": height.min(16_000), "scale": 1 },
            }),
        );
        let png = data_encoding::BASE64
            .decode(shot["data"].as_str().unwrap().as_bytes())
            .unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Measured in the page after load; returned as JSON.
const MEASURE: &str = r#"(() => {
  const de = document.documentElement;
  const out = {
    innerWidth: window.innerWidth,
    scrollWidth: de.scrollWidth,
    scrollHeight: de.scrollHeight,
    viewportMeta: !!document.querySelector('meta[name="viewport"]'),
    scripts: document.scripts.length,
    stray: [...document.querySelectorAll('td, th')]
      .map(c => c.textContent.trim())
      .filter(t => /^[:|\s-]*-{3,}[:|\s-]*$/.test(t)),
    sticking: [...document.body.querySelectorAll('*')]
      .filter(e => !e.closest('.table-wrap'))
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map(e => e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || ''))
      .slice(0, 5),
    charts: [],
    text: document.body.innerText,
  };
  for (const svg of document.querySelectorAll('svg.chart-svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || getComputedStyle(svg).display === 'none') continue;
    const scale = box.width / svg.viewBox.baseVal.width;
    const chart = { width: box.width, texts: 0, outside: [], minFont: 1000, bars: svg.querySelectorAll('rect.bar').length };
    for (const t of svg.querySelectorAll('text')) {
      chart.texts += 1;
      const b = t.getBoundingClientRect();
      if (b.left < box.left - 0.5 || b.right > box.right + 0.5 || b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5) {
        chart.outside.push(t.textContent);
      }
      chart.minFont = Math.min(chart.minFont, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
    out.charts.push(chart);
  }
  return out;
})()"#;

/// Words a reader should never see: identifiers and `Debug` output.
fn identifiers(text: &str) -> Vec<String> {
    let variants = [
        "Picc",
        "ParticipationCommittee",
        "SafetyCommittee",
        "LksBipartit",
        "WorksCouncil",
        "JointWorksCouncil",
        "OshCommittee",
        "OnTrack",
        "ModerateProgress",
        "NoProgress",
        "NonCompliant",
        "NotApplicable",
        "NotAssessed",
        "ZeroTolerance",
        "CriticalIssue",
    ];
    let mut found = Vec::new();
    // A source's web address is shown as it is: its path is not prose.
    let prose: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect();
    let prose = prose.join(" ");
    for word in prose.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '(')) {
        let bare = word.trim_end_matches('(');
        if variants.contains(&bare)
            || word.starts_with("Some(")
            || bare == "None"
            || (bare.contains('_')
                && bare.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !bare.starts_with('_')
                && !bare.ends_with('_'))
        {
            found.push(word.to_owned());
        }
    }
    found
}

/// Pages in a PDF written by Chromium (Skia): one `/Type /Page` object each.
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

#[test]
fn every_report_in_chromium() {
    let Some(chromium) = find_chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but no Chromium was found (install Debian's `chromium`, or set CHROMIUM)"
        );
        println!(
            "browser tests skipped: no Chromium found (install Debian's `chromium`, or set CHROMIUM)"
        );
        return;
    };
    let pdftotext = find_tool("pdftotext");
    assert!(
        pdftotext.is_some() || std::env::var_os("CI").is_none(),
        "CI is set but pdftotext (Debian's poppler-utils) is missing"
    );
    let pdftoppm = find_tool("pdftoppm");
    let dir = out_dir();
    let mut browser = Browser::launch(&chromium);
    let mut failures = Vec::new();
    for (name, report) in support::all() {
        let file = dir.join(format!("{name}.html"));
        std::fs::write(&file, report.html()).unwrap();
        for width in [1280_u32, 390] {
            for problem in on_screen(&mut browser, &file, width, name, report.as_ref()) {
                failures.push(format!("{name} at {width} px: {problem}"));
            }
        }
        let pdf = dir.join(format!("{name}.pdf"));
        for problem in printed(
            &chromium,
            &file,
            &pdf,
            pdftotext.as_deref(),
            name,
            report.as_ref(),
        ) {
            failures.push(format!("{name} printed: {problem}"));
        }
        if let Some(pdftoppm) = &pdftoppm {
            // The first pages as pictures, for people to look at.
            let _ = Command::new(pdftoppm)
                .args(["-png", "-r", "60", "-f", "1", "-l", "2"])
                .arg(&pdf)
                .arg(dir.join(format!("{name}-pdf")))
                .status();
        }
    }
    println!("pages, screenshots and PDFs written to {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Opens the page at `width`, takes a screenshot and returns what is wrong.
fn on_screen(
    browser: &mut Browser,
    file: &Path,
    width: u32,
    name: &str,
    report: &dyn Render,
) -> Vec<String> {
    browser.open(file, width);
    let m = browser.evaluate(MEASURE);
    let height = m["scrollHeight"].as_u64().unwrap();
    let shot = file.with_file_name(format!("{name}-{width}.png"));
    browser.screenshot(width, height, &shot);
    let mut problems = Vec::new();
    if m["innerWidth"].as_u64() != Some(u64::from(width)) {
        problems.push(format!("the viewport is {} px", m["innerWidth"]));
    }
    if !m["viewportMeta"].as_bool().unwrap() {
        problems.push("no viewport meta".into());
    }
    if m["scripts"].as_u64() != Some(0) {
        problems.push("the page holds a script".into());
    }
    if m["scrollWidth"].as_u64().unwrap() > u64::from(width) {
        problems.push(format!(
            "the page scrolls sideways: {} px wide ({})",
            m["scrollWidth"], m["sticking"]
        ));
    }
    if !m["stray"].as_array().unwrap().is_empty() {
        problems.push(format!("stray rows: {}", m["stray"]));
    }
    for chart in m["charts"].as_array().unwrap() {
        if !chart["outside"].as_array().unwrap().is_empty() {
            problems.push(format!(
                "chart labels outside the chart: {}",
                chart["outside"]
            ));
        }
        if chart["minFont"].as_f64().unwrap() < 9.5 {
            problems.push(format!("chart text of {} px", chart["minFont"]));
        }
    }
    let text = m["text"].as_str().unwrap();
    if !name.ends_with("-hostile") {
        let ids = identifiers(text);
        if !ids.is_empty() {
            problems.push(format!("identifiers in the text: {ids:?}"));
        }
    }
    if report.confidential() != text.contains("Confidential") {
        problems.push(format!(
            "confidential is {} but the page {} so",
            report.confidential(),
            if text.contains("Confidential") {
                "says"
            } else {
                "does not say"
            }
        ));
    }
    problems
}

/// Prints the page to PDF as docs/REPORTS.md says and returns what is wrong.
fn printed(
    chromium: &Path,
    file: &Path,
    pdf: &Path,
    pdftotext: Option<&Path>,
    name: &str,
    report: &dyn Render,
) -> Vec<String> {
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", file.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{name}: print to PDF");
    let pages = pdf_pages(&std::fs::read(pdf).unwrap());
    let mut problems = Vec::new();
    // Sensible: one page for an empty report, at most ten for the largest
    // realistic ones; hostile text in every field may run long, not wild.
    let most = match name {
        n if n.ends_with("-hostile") => 40,
        // With no plan item and no committee on record, the progress report
        // still lists the committees the law requires of the workforce.
        "progress-empty" => 2,
        n if n.ends_with("-empty") => 1,
        _ => 10,
    };
    if !(1..=most).contains(&pages) {
        problems.push(format!("{pages} pages, expected 1 to {most}"));
    }
    let Some(pdftotext) = pdftotext else {
        return problems;
    };
    let out = Command::new(pdftotext)
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let sheets: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    if sheets.len() != pages {
        problems.push(format!("pdftotext saw {} pages, not {pages}", sheets.len()));
    }
    let date = report.report_date().to_string();
    let audience = if report.confidential() {
        "Confidential: not for publication"
    } else {
        "Public report"
    };
    for (i, sheet) in sheets.iter().enumerate() {
        let number = format!("Page {} of {pages}", i + 1);
        let missing: Vec<&str> = [number.as_str(), report.kind_name(), date.as_str(), audience]
            .into_iter()
            .filter(|needle| !sheet.contains(needle))
            .collect();
        if !missing.is_empty() {
            problems.push(format!("page {} lacks {missing:?}", i + 1));
        }
    }
    problems
}
