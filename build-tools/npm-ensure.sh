#!/usr/bin/env bash
# Installs the build and test tools pinned in package-lock.json (OpenAPI validators, Azurite) into node_modules/,
# with `npm ci`, but only when node_modules/ is missing or older than package.json / package-lock.json, so repeated
# builds cost nothing. Called by .ci/run and by the Maven build (pom.xml, exec-maven-plugin); safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "npm-ensure: Node.js 20+ with npm is required for the build tools in package.json (install Node.js, e.g." >&2
  echo "npm-ensure: 'apt-get install nodejs npm', or skip the connector checks with -Dconnector.validate.skip=true)" >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json at the end of every install: it is the stamp of a finished install.
stamp=node_modules/.package-lock.json
if [[ -f "$stamp" && ! package-lock.json -nt "$stamp" && ! package.json -nt "$stamp" ]]; then
  echo "npm-ensure: node_modules is up to date with package-lock.json"
  exit 0
fi

echo "npm-ensure: npm ci (node $(node --version), npm $(npm --version))"
start=$SECONDS
# --loglevel=error: azurite 3.37.0 and a few of its optional telemetry/SQL dependencies declare node >=22 and npm
# would print an EBADENGINE warning for each; the parts the tests use run on Node 20.
npm ci --no-audit --no-fund --loglevel=error
echo "npm-ensure: installed in $((SECONDS - start)) s"
