# Sourced by check.sh and bench.sh: sets `py` to a Python with pyspark $PYSPARK_VERSION, or exits 0 with one
# "SKIP" line saying why (no Java, no python3, PyPI unreachable). The virtual environment is created once in
# $NER_SPARK_VENV (default ~/.cache/ner-spark-venv, outside the clone so that CI and every checkout share it)
# and reused while it holds the pinned version.
PYSPARK_VERSION=3.5.9 # the 3.5 line runs on Java 8, 11 and 17
venv=${NER_SPARK_VENV:-$HOME/.cache/ner-spark-venv}

skip() {
  echo "SKIP spark: $*"
  exit 0
}

if ! command -v java >/dev/null 2>&1 || ! java -version >/dev/null 2>&1; then
  skip "Java is missing or does not run (Spark needs a JVM, e.g. apt-get install openjdk-17-jre-headless)"
fi
command -v python3 >/dev/null || skip "python3 is not installed"

if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  if [ -z "${PIP_INDEX_URL:-}" ] &&
    ! python3 -c "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/pyspark/', timeout=15)" \
      >/dev/null 2>&1; then
    skip "PyPI (https://pypi.org) cannot be reached to install pyspark $PYSPARK_VERSION into $venv"
  fi
  echo "spark: installing pyspark $PYSPARK_VERSION into $venv (once, ~320 MB)"
  python3 -m venv --clear "$venv" || skip "python3 -m venv failed (Debian: apt-get install python3-venv)"
  # a download cut halfway is the network's fault, not the project's: say so and skip
  "$venv/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION" ||
    skip "pip could not install pyspark $PYSPARK_VERSION from PyPI into $venv (see pip's message above)"
fi
py=$venv/bin/python
# Spark's progress bars would fill the log
export PYSPARK_SUBMIT_ARGS="--conf spark.ui.showConsoleProgress=false pyspark-shell"
