//! The HTML report in a real browser: headless Chromium loads it, the test
//! reads the DOM after the page's script ran, checks every claim is there,
//! that the verdict filter hides and shows rows (from a linked address too:
//! `#verdict=findings`, and the older `#verdict=finding`), that a claim's
//! `#ID` shows every claim, and saves screenshots at
//! desktop and phone sizes as artefacts (under Cargo's target tmp folder).
//!
//! Needs Chromium (Debian's `chromium`; `.ci/run` installs it), or the path in
//! VERACITY_CHROMIUM. Without it the test fails under CI and is reported as
//! not run elsewhere.

mod common;

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;
use veracity::model::Claim;
use veracity::report::{render, OutputFormat, RenderOptions};

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("VERACITY_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(name)).find(|p| p.is_file())
    })
}

/// Runs headless Chromium on `url` with `extra` arguments; returns its standard output.
fn browse(bin: &Path, profile: &Path, url: &str, extra: &[&str]) -> String {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (id, verdict, finding, hidden) of every claim row in a dumped DOM.
fn rows(dom: &str) -> Vec<(String, String, bool, bool)> {
    let row = Regex::new(
        r#"<li class="claim" data-id="([^"]*)" data-verdict="(\w+)" data-finding="(\w+)"(?: id="[^"]*")?( hidden="")?>"#,
    )
    .expect("valid pattern");
    row.captures_iter(dom).map(|c| (c[1].to_string(), c[2].to_string(), &c[3] == "true", c.get(4).is_some())).collect()
}

#[test]
fn html_report_in_a_real_browser() {
    let Some(bin) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "Chromium is required under CI (.ci/run installs it)");
        eprintln!("NOT RUN: no Chromium found (install Debian's chromium or set VERACITY_CHROMIUM)");
        return;
    };
    let report = common::in_root(|| {
        let engine = common::bundled_engine();
        let mut claims = common::claims("claims/coalition.toml");
        claims.push(Claim::adhoc(1, "NATO has 31 members."));
        claims.push(Claim::adhoc(2, "<script>document.title='owned'</script><b>Japan</b> sent troops."));
        common::check(&engine, claims)
    });
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("artefact folder");
    let page = dir.join("report.html");
    std::fs::write(&page, render(&report, OutputFormat::Html, RenderOptions::default())).expect("page written");
    let profile = tempfile::tempdir().expect("profile folder");
    let url = format!("file://{}", page.display());

    let all = rows(&browse(&bin, profile.path(), &url, &["--dump-dom"]));
    let ids: Vec<&str> = all.iter().map(|r| r.0.as_str()).collect();
    let expected: Vec<&str> = report.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, expected, "every claim is on the page, in order");
    assert!(all.iter().all(|r| !r.3), "nothing is hidden without a filter");

    let dom = browse(&bin, profile.path(), &format!("{url}#verdict=contradicted"), &["--dump-dom"]);
    for (id, verdict, _, hidden) in rows(&dom) {
        assert_eq!(hidden, verdict != "contradicted", "{id} ({verdict}) under the contradicted filter");
    }
    // The Findings button writes `#verdict=findings`; a link with it, or with
    // the singular older pages wrote, shows the findings and presses the button.
    let findings: Vec<String> = report.claims.iter().filter(|c| c.finding).map(|c| c.id.clone()).collect();
    assert!(!findings.is_empty(), "the report has findings to show");
    let button =
        Regex::new(r#"<button type="button" data-filter="(\w+)" aria-pressed="(\w+)">Findings"#).expect("valid");
    for filter in ["findings", "finding", "Findings"] {
        let dom = browse(&bin, profile.path(), &format!("{url}#verdict={filter}"), &["--dump-dom"]);
        let visible: Vec<String> = rows(&dom).into_iter().filter(|r| !r.3).map(|r| r.0).collect();
        assert_eq!(visible, findings, "#verdict={filter} shows the findings");
        let pressed = button.captures(&dom).expect("a Findings button");
        assert_eq!((&pressed[1], &pressed[2]), ("findings", "true"), "#verdict={filter}");
        assert!(dom.contains(&format!("data-visible=\"{}\"", findings.len())), "#verdict={filter}");
    }
    // A filter the page does not know, or a claim's anchor, hides nothing.
    let anchor = &report.claims[1].id;
    for hash in ["verdict=nonsense".to_string(), anchor.clone()] {
        let dom = browse(&bin, profile.path(), &format!("{url}#{hash}"), &["--dump-dom"]);
        let rows = rows(&dom);
        assert_eq!(rows.len(), report.claims.len());
        assert!(rows.iter().all(|r| !r.3), "#{hash} hides nothing");
    }
    let dom = browse(&bin, profile.path(), &format!("{url}#q=rutte"), &["--dump-dom"]);
    assert!(rows(&dom).iter().any(|r| !r.3) && rows(&dom).iter().any(|r| r.3), "search hides some rows");

    // Markup in a claim is shown as text and never runs.
    let dom = browse(&bin, profile.path(), &url, &["--dump-dom"]);
    assert!(dom.contains("&lt;script&gt;document.title='owned'&lt;/script&gt;&lt;b&gt;Japan&lt;/b&gt;"));
    assert!(dom.contains("<title>Veracity report</title>"));
    assert!(dom.contains(&format!(r#"<li class="claim" data-id="{anchor}" data-verdict="#)));
    assert!(dom.contains(&format!(r#" id="{anchor}""#)), "a claim is an anchor");
    assert!(
        dom.contains("<section class=\"sources\"") && dom.contains(concat!("Veracity ", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(dom.matches("<script").count(), 1, "only the report's own script");

    for (w, h) in [(1280, 800), (390, 844)] {
        let shot = dir.join(format!("report-{w}x{h}.png"));
        let _ = std::fs::remove_file(&shot);
        browse(
            &bin,
            profile.path(),
            &url,
            &[&format!("--window-size={w},{h}"), &format!("--screenshot={}", shot.display())],
        );
        let png = std::fs::read(&shot).expect("screenshot written");
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{}", shot.display());
        eprintln!("screenshot: {}", shot.display());
    }
}
