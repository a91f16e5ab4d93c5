#!/usr/bin/env bash
# The main job on the embedded default: builds `cecop`, creates data/cecop.db (SQLite) on first use,
# loads CECOP's member organisations and audiences from samples/, and shows the result.
# Safe to run again: imports are upserts, so a second run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/CecopComms/CecopComms.csproj -c Release -o artifacts/cecop -v quiet -nologo
cecop() { dotnet artifacts/cecop/cecop.dll "$@"; }
mkdir -p data

echo "== Member organisations"
cecop orgs import samples/organisations.csv --errors data/organisations-errors.csv
echo "== CECOP Link audience: contact persons of member organisations"
cecop subscribers import samples/members-contacts.csv --list cecop-link --errors data/members-errors.csv
echo "== External newsletter audience: public subscribers who gave consent"
cecop subscribers import samples/public-subscribers.csv --list external-newsletter --errors data/public-errors.csv
cecop lists list
cecop orgs list
cecop segments create italian-members --name "Contacts of Italian member organisations" --where country=IT --where list=cecop-link 2>/dev/null || true
cecop segments show italian-members
cecop subscribers export --list cecop-link --out data/cecop-link-export.csv
echo "Exported the CECOP Link audience to data/cecop-link-export.csv"
