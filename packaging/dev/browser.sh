#!/usr/bin/env bash
# The browser the respondent-page tests drive (tests/CemOnPrem.Browser.Tests): Debian's chromium through Playwright's
# ExecutablePath (Playwright never downloads a browser here), and a CJK font so Chinese pages render in screenshots.
# Usage: packaging/dev/browser.sh install
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk)

die() { echo "browser.sh: $*" >&2; exit 1; }

is_root() { [[ "$(id -u)" == 0 ]]; }

missing() {
    local package
    for package in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
    done
}

ensure_packages() {
    local wanted
    mapfile -t wanted < <(missing)
    (( ${#wanted[@]} == 0 )) && return 0
    command -v apt-get >/dev/null || die "missing ${wanted[*]} and apt-get is unavailable; install them (the browser tests fail without them)."
    local sudo=()
    if ! is_root; then
        command -v sudo >/dev/null || die "missing ${wanted[*]}. Run as root: apt-get install -y ${wanted[*]}"
        sudo=(sudo)
    fi
    echo "browser.sh: installing ${wanted[*]}..." >&2
    # As pg.sh: try without 'apt-get update' first (slow, needs the network); refresh only if the install fails.
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${wanted[@]}"; then
        "${sudo[@]}" apt-get update
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${wanted[@]}"
    fi
    [[ -x /usr/bin/chromium ]] || die "installed chromium but found no /usr/bin/chromium."
}

case "${1:-help}" in
    install) ensure_packages; echo "Browser: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)" ;;
    *) echo "usage: $0 install" >&2; exit 2 ;;
esac
