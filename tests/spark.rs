//! The Spark job (`examples/spark/check_claims.py`) run in Spark's local
//! mode on the bundled corpus gives the results of one `veracity check
//! --stdin --format jsonl` over the same claims: the same results, byte for
//! byte, keyed by id (and, for JSON Lines, in the same order).
//!
//! It needs pyspark (PyPI) and Java 17; the Python is `VERACITY_PYTHON`, else
//! `python3`. Without them the tests say NOT RUN and pass, except under `CI`,
//! where they fail (`.ci/run` installs both). Each test starts Spark: about
//! 10 s, most of it the JVM starting (about 20 s for the file on 2 cores).

#![cfg(unix)]

mod logged;

use logged::run_logged;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> String {
    std::env::var("VERACITY_PYTHON").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "python3".into())
}

fn succeeds(command: &mut Command) -> bool {
    command.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Whether the job can run here; says NOT RUN when it cannot (a failure under `CI`).
fn spark_available() -> bool {
    let java = match std::env::var_os("JAVA_HOME") {
        Some(home) => Path::new(&home).join("bin/java"),
        None => PathBuf::from("java"),
    };
    let missing = if !succeeds(Command::new(python()).args(["-c", "import pyspark"])) {
        format!("{} cannot import pyspark", python())
    } else if !succeeds(Command::new(&java).arg("-version")) {
        format!("no {}", java.display())
    } else {
        return true;
    };
    let under_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    assert!(!under_ci, "{missing}: pyspark and Java are required under CI (.ci/run installs them)");
    eprintln!("NOT RUN: {missing} (pip install pyspark; Java 17)");
    false
}

/// The bundled claims as a stream: JSON Lines with the claims files' other
/// fields (passed through), every fifth claim a plain line and every seventh
/// without an id (both get `line-N`), and a blank line (counted, skipped).
fn claims_stream() -> String {
    let file: toml::Table = toml::from_str(&fs::read_to_string(root().join("claims/coalition.toml")).unwrap()).unwrap();
    let claims = file["claim"].as_array().expect("[[claim]]");
    assert!(claims.len() > 50, "the bundled claims");
    let mut lines = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        let mut object = serde_json::Map::new();
        for (key, value) in claim.as_table().unwrap() {
            object.insert(key.clone(), serde_json::to_value(value).unwrap());
        }
        if i % 5 == 4 {
            lines.push(object["text"].as_str().unwrap().to_string());
            continue;
        }
        if i % 7 == 6 {
            object.remove("id");
        }
        lines.push(serde_json::Value::Object(object).to_string());
        if i == 10 {
            lines.push(String::new());
        }
    }
    lines.join("\n") + "\n"
}

/// One `veracity check --stdin --format jsonl` over `claims`, from the root
/// (so sources are named `sources/…`, as the job names them).
fn single_process(claims: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_veracity"))
        .current_dir(root())
        .args(["check", "--stdin", "--format", "jsonl", "--sources", "sources", "--config", "veracity.toml"])
        .stdin(fs::File::open(claims).unwrap())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some bundled claims are findings:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Spark's settings for a test: no web UI, no progress bar, warnings only, and
/// a JVM that starts quicker (about 3 s of the 10 s a bare session takes).
const QUIET_AND_QUICK: &str = "--conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --conf spark.log.level=WARN --driver-java-options -XX:TieredStopAtLevel=1";

/// The Spark job, in local mode with two executor threads, run from the root.
fn spark_job(args: &[&str], log: &Path) -> String {
    let submit = format!("--master local[2] --conf spark.sql.shuffle.partitions=2 {QUIET_AND_QUICK} pyspark-shell");
    let mut command = Command::new(python());
    command
        .current_dir(root())
        .arg("examples/spark/check_claims.py")
        .args(["--veracity", env!("CARGO_BIN_EXE_veracity"), "--sources", "sources", "--config", "veracity.toml"])
        .args(args)
        .env("PYSPARK_PYTHON", python())
        .env("PYSPARK_DRIVER_PYTHON", python())
        .env("PYSPARK_SUBMIT_ARGS", submit);
    let (code, output) = run_logged(&mut command, log, Duration::from_secs(300));
    let ok = code == Some(0);
    assert!(ok, "the Spark job failed:\n{output}");
    output
}

/// Results keyed by id; each id once.
fn by_id(lines: &[&str]) -> BTreeMap<String, String> {
    let mut results = BTreeMap::new();
    for line in lines {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let id = value["id"].as_str().expect("an id").to_string();
        assert!(results.insert(id.clone(), line.to_string()).is_none(), "{id} twice");
    }
    results
}

fn ids(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect()
}

fn assert_same_results(spark: &[&str], single: &[&str]) {
    let (spark, single) = (by_id(spark), by_id(single));
    assert_eq!(spark.keys().collect::<Vec<_>>(), single.keys().collect::<Vec<_>>(), "the same claims");
    for (id, line) in &single {
        assert_eq!(&spark[id], line, "the result of {id}");
    }
}

#[test]
fn spark_job_gives_the_single_process_results_as_json_lines() {
    if !spark_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let claims = tmp.path().join("claims.jsonl");
    fs::write(&claims, claims_stream()).unwrap();
    // An index made beside the sources, shipped to the executors with them.
    let index = tmp.path().join("index");
    let made = Command::new(env!("CARGO_BIN_EXE_veracity"))
        .current_dir(root())
        .args(["index", "--sources", "sources", "--config", "veracity.toml", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let output = tmp.path().join("results");
    let log = spark_job(
        &[
            "--verbose",
            "--index",
            index.to_str().unwrap(),
            "--partitions",
            "3",
            claims.to_str().unwrap(),
            output.to_str().unwrap(),
        ],
        &tmp.path().join("spark.log"),
    );
    let mut parts: Vec<PathBuf> = fs::read_dir(&output)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("part-"))
        .collect();
    parts.sort();
    assert!(parts.len() >= 2, "the claims were split: {parts:?}");
    let spark: String = parts.iter().map(|p| fs::read_to_string(p).unwrap()).collect();
    let single = single_process(&claims);
    let (spark, single): (Vec<&str>, Vec<&str>) = (spark.lines().collect(), single.lines().collect());
    assert!(single.iter().any(|l| l.contains("\"id\":\"line-")), "claims without an id are numbered");
    assert_same_results(&spark, &single);
    assert_eq!(ids(&spark), ids(&single), "the part files, in order, keep the input's order");
    // Each task read every source through the shipped index, none again:
    // its snapshot (`veracity: read sources: 10 files unchanged …`) or its
    // documents (`veracity: index: 323 sentences of 10 files (10 from the
    // index) …`). Spark may drop a task's last lines of standard error.
    let through_index = |l: &&str| l.starts_with("veracity: index:") || l.contains(" files unchanged (");
    assert!(log.lines().filter(through_index).count() >= 2, "one a task:\n{log}");
    for read in log.lines().filter(|l| l.starts_with("veracity: index:")) {
        let files = read.split(" of ").nth(1).and_then(|r| r.split(' ').next()).unwrap();
        assert!(read.contains(&format!("({files} from the index)")), "{read}");
    }
}

#[test]
fn spark_job_writes_parquet_from_shared_paths() {
    if !spark_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let claims = tmp.path().join("claims.jsonl");
    fs::write(&claims, claims_stream()).unwrap();
    let output = tmp.path().join("results");
    spark_job(
        &[
            "--shared",
            "--output-format",
            "parquet",
            "--partitions",
            "2",
            claims.to_str().unwrap(),
            output.to_str().unwrap(),
        ],
        &tmp.path().join("spark.log"),
    );
    // Read back with Spark: every row's columns agree with its `result`.
    const READ: &str = "import json, sys\n\
        from pyspark.sql import SparkSession\n\
        spark = SparkSession.builder.getOrCreate()\n\
        with open(sys.argv[2], 'w', encoding='utf-8') as out:\n\
        \x20   for row in spark.read.parquet(sys.argv[1]).collect():\n\
        \x20       r = json.loads(row.result)\n\
        \x20       assert [row.id, row.text, row.verdict, row.confidence, row.conflict, row.finding] == \
                           [r['id'], r['text'], r['verdict'], r['confidence'], r['conflict'], r['finding']], row\n\
        \x20       out.write(row.result + '\\n')\n\
        spark.stop()\n";
    let read = tmp.path().join("read.jsonl");
    let mut command = Command::new(python());
    command.args(["-c", READ]).arg(&output).arg(&read).env("PYSPARK_PYTHON", python()).env(
        "PYSPARK_SUBMIT_ARGS",
        "--master local[1] --conf spark.ui.enabled=false --conf spark.log.level=WARN pyspark-shell",
    );
    let (code, log) = run_logged(&mut command, &tmp.path().join("read.log"), Duration::from_secs(300));
    let ok = code == Some(0);
    assert!(ok, "reading the Parquet back failed:\n{log}");
    let (spark, single) = (fs::read_to_string(&read).unwrap(), single_process(&claims));
    assert_same_results(&spark.lines().collect::<Vec<_>>(), &single.lines().collect::<Vec<_>>());
}
