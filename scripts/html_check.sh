#!/usr/bin/env bash
# Checks `--format html` in a real browser: installs Debian's `chromium` when it is missing (apt-get,
# as root), then runs tests/html_browser.rs. Never fails for lack of a browser or network: it says so and
# exits 0, and the test itself skips cleanly.
#
#   scripts/html_check.sh              install if needed, then run the browser test
#   scripts/html_check.sh --install    only install (what .ci/run uses before `cargo test`)
#   scripts/html_check.sh --screenshot regenerate docs/html-example.png from examples/news-en.txt
set -euo pipefail
cd "$(dirname "$0")/.."

have_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }

install() {
    have_chromium && return 0
    if [ "${NER_NO_BROWSER:-}" = 1 ]; then
        echo "html_check: NER_NO_BROWSER=1, not installing chromium (the browser test will skip)"
        return 0
    fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "html_check: chromium missing and apt-get unavailable as root; the browser test will skip"
        return 0
    fi
    echo "html_check: installing Debian's chromium (apt-get)…"
    if ! { timeout 600 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 \
            apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; } >/tmp/ner-html-check-apt.log 2>&1; then
        echo "html_check: could not install chromium (no network?); the browser test will skip"
        echo "html_check: see /tmp/ner-html-check-apt.log"
    fi
    return 0
}

chromium_bin() { command -v chromium || command -v chromium-browser; }

screenshot() {
    have_chromium || { echo "html_check: no chromium"; exit 2; }
    cargo build --release --quiet
    local tmp bin; tmp=$(mktemp -d)
    bin="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/ner"
    (cd examples && "$bin" --format html news-en.txt) > "$tmp/news-en.html"
    "$(chromium_bin)" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
        --user-data-dir="$tmp/profile" --window-size=1200,900 --screenshot=docs/html-example.png \
        "file://$tmp/news-en.html" 2>/dev/null
    rm -rf "$tmp"
    echo "html_check: wrote docs/html-example.png"
}

case "${1:-}" in
    --install) install ;;
    --screenshot) screenshot ;;
    "") install; cargo test --test html_browser -- --nocapture ;;
    *) echo "usage: $0 [--install|--screenshot]" >&2; exit 2 ;;
esac
