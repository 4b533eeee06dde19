"""Check claims with Veracity on an Apache Spark cluster.

Reach for this when the claims outnumber what one machine checks in the time
you have (one `veracity check --stdin --threads N` already does a few hundred
claims a second against a million source sentences): the claims are split
into partitions, and each partition is piped through its own
`veracity check --stdin --format jsonl` on an executor (`RDD.pipe`), next to
a copy of the sources and, optionally, of the on-disk index.

The results are those of one `veracity check --stdin --format jsonl` run over
the same input, one per claim, in input order: the same JSON, byte for byte.
Claims without an id get `line-N` (N counting every line of the input, as one
run would), so results can be joined back to the claims.

    spark-submit --master 'local[2]' examples/spark/check_claims.py \\
        --veracity target/release/veracity --sources sources \\
        --config veracity.toml claims.jsonl results/

See examples/spark/README.md for clusters, the index, and the output schema.
"""

import argparse
import json
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql import Row, SparkSession
from pyspark.sql.types import BooleanType, DoubleType, StringType, StructField, StructType

# Runs on the executors, the partition's claims on standard input. $1 is the
# sources folder's name, $2 and $3 where it may be (in local mode the driver's
# SparkFiles folder, on a cluster the executor's working folder): running
# beside it, results name sources as one run there would ("sources/x.txt").
# Exit code 1 says some claims are findings, a verdict and not a failure; 2
# is a line that is not a claim, and fails the task like any other error.
SCRIPT = """
sources=$1 here=$2 there=$3
shift 3
if [ -e "$here/$sources" ]; then cd "$here"; else cd "$there"; fi || exit 3
"$@"
status=$?
[ "$status" -le 1 ] || exit "$status"
"""

# Parquet gets the summary fields as columns and the whole result, evidence
# and passed-through fields included, as JSON in `result`.
PARQUET_SCHEMA = StructType(
    [
        StructField("id", StringType(), False),
        StructField("text", StringType(), False),
        StructField("verdict", StringType(), False),
        StructField("confidence", DoubleType(), False),
        StructField("conflict", BooleanType(), False),
        StructField("finding", BooleanType(), False),
        StructField("result", StringType(), False),
    ]
)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("claims", help="claims: JSON Lines ({\"id\", \"text\", ...}) or plain text, one a line; a file, folder or glob")
    p.add_argument("output", help="output folder (must not exist)")
    p.add_argument("--veracity", required=True, help="the veracity binary, built for the executors' platform")
    p.add_argument("--sources", required=True, help="the sources folder")
    p.add_argument("--index", help="an on-disk index of the sources (veracity index --sources NAME, run beside them)")
    p.add_argument("--config", help="veracity.toml (aliases, policy, ...); without it, veracity's defaults")
    p.add_argument(
        "--shared",
        action="store_true",
        help="the paths above are already on every executor (shared storage, container image): ship nothing",
    )
    p.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--partitions", type=int, default=None, help="partitions of the claims (default: Spark's parallelism)")
    p.add_argument("--threads", type=int, default=None, help="veracity's threads per task (default: spark.task.cpus)")
    p.add_argument("--verbose", action="store_true", help="veracity's timings on the executors' standard error")
    p.add_argument("--log-level", default="WARN", help="Spark's log level")
    return p.parse_args()


def with_ids(numbered):
    """The claim on one line of the input, as a JSON line with an id; None for a blank line."""
    line, index = numbered
    text = line.strip()
    if not text:
        return None
    if text.startswith("{"):
        try:
            claim = json.loads(text)
        except ValueError:
            return line  # veracity reports it, at its line in the partition
        if isinstance(claim, dict) and "id" not in claim:
            claim = {"id": f"line-{index + 1}", **claim}
            return json.dumps(claim, ensure_ascii=False, separators=(",", ":"))
        return line
    return json.dumps({"id": f"line-{index + 1}", "text": text}, ensure_ascii=False)


def parquet_row(line):
    r = json.loads(line)
    return Row(
        id=r["id"],
        text=r["text"],
        verdict=r["verdict"],
        confidence=float(r["confidence"]),
        conflict=r["conflict"],
        finding=r["finding"],
        result=line,
    )


def main():
    args = parse_args()
    spark = SparkSession.builder.appName("veracity-check").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(args.log_level)

    name = os.path.basename(args.sources.rstrip("/"))
    paths = {"--index": args.index, "--config": args.config}
    if args.shared:
        # Everything is where the driver sees it; run beside the sources.
        roots = [os.path.dirname(os.path.abspath(args.sources.rstrip("/")))] * 2
        binary = os.path.abspath(args.veracity)
        flags = [(flag, os.path.abspath(path)) for flag, path in paths.items() if path]
    else:
        # Shipped with the job: every executor gets a copy in its SparkFiles
        # folder (a local folder needs local mode; on a cluster give hdfs://,
        # s3a://, ... URIs, or use --shared).
        sc.addFile(args.veracity)
        sc.addFile(args.sources, recursive=True)
        binary = "./" + os.path.basename(args.veracity)
        flags = []
        for flag, path in paths.items():
            if path:
                sc.addFile(path, recursive=flag == "--index")
                flags.append((flag, os.path.basename(path.rstrip("/"))))
        roots = [SparkFiles.getRootDirectory(), "."]
    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    command = [binary, "check", "--stdin", "--format", "jsonl", "--sources", name, "--threads", str(threads)]
    for flag, path in flags:
        command += [flag, path]
    if args.verbose:
        command.append("--verbose")
    pipe = shlex.join(["sh", "-c", SCRIPT, "veracity-spark", name, *roots, *command])

    lines = sc.textFile(args.claims, minPartitions=args.partitions or sc.defaultParallelism)
    claims = lines.zipWithIndex().map(with_ids).filter(lambda c: c is not None)
    results = claims.pipe(pipe, checkCode=True)

    if args.output_format == "jsonl":
        results.saveAsTextFile(args.output)
    else:
        spark.createDataFrame(results.map(parquet_row), PARQUET_SCHEMA).write.parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
