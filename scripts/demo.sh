#!/usr/bin/env bash
# The main job on the embedded default: builds `cecop`, creates data/cecop.db (SQLite) on first use, loads CECOP's
# member organisations and audiences from samples/, loads the demo editions and the #CoopSkills2023 campaign,
# previews CECOP Link in Italian, sends it to its members-only audience and the newsletter to its public list through
# the outbox (outbox/, one .eml per recipient: no mail server needed), loads the channel figures and writes the year
# in numbers (data/year-in-numbers.html). Safe to run again: imports change nothing the second time, and an edition
# is sent once. Delete data/ and outbox/ to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/CecopComms/CecopComms.csproj -c Release -o artifacts/cecop -v quiet -nologo
cecop() { dotnet artifacts/cecop/cecop.dll "$@"; }
mkdir -p data
fresh=1; [ -f data/cecop.db ] && fresh=0

echo "== Member organisations"
cecop orgs import samples/organisations.csv --errors data/organisations-errors.csv
echo "== CECOP Link audience: contact persons of member organisations"
cecop subscribers import samples/members-contacts.csv --list cecop-link --errors data/members-errors.csv
echo "== External newsletter audience: public subscribers who gave consent"
cecop subscribers import samples/public-subscribers.csv --list external-newsletter --errors data/public-errors.csv
cecop lists list
cecop orgs list
if [ "$fresh" = 1 ]; then
  cecop segments create italian-members --name "Contacts of Italian member organisations" --where country=IT --where list=cecop-link
fi
cecop segments show italian-members
cecop subscribers export --list cecop-link --out data/cecop-link-export.csv

if [ "$fresh" = 1 ]; then
  echo "== Content: two editions and the #CoopSkills2023 campaign (warnings name untranslated items)"
  cecop editions load editions/cecop-link-2021-06.yaml
  cecop editions load editions/cecop-newsletter-2021-06.yaml
  cecop campaigns load campaigns/coopskills2023
  cecop editions preview 1 --lang it --out data/preview-cecop-link-it.html
  echo "== Send CECOP Link #6 - 2021 to its members-only audience, and the CECOP Newsletter to its public list, through the outbox"
  cecop send edition:1 --now
  cecop send edition:2 --now
  echo "== Channel figures from CECOP's activity report (each import adds history entries, so only on the first run)"
  cecop channels import samples/channels.csv
else
  echo "== Content was loaded and CECOP Link sent on the first run (an edition is sent once)"
fi
cecop editions list
cecop campaigns show coopskills2023
cecop mailings list
echo "== Year in numbers: the channels of 2021-2023, then this year's e-mail figures as one HTML file"
cecop report year 2023 --compare 2022 --compare 2021
cecop report year "$(date +%Y)" --format html --out data/year-in-numbers.html
cecop report campaign coopskills2023
echo "Messages in the outbox: $(find outbox -name '*.eml' | wc -l) (e.g. $(find outbox -name '*.eml' | sort | head -n 1))"
