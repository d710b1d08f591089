# SPDX-License-Identifier: MIT
# parley report: the HTML report opens in headless Chromium with no console message and no
# resource load but the report itself; a screenshot is kept (BUILD/tests/report-screenshot.png);
# --svg-dir writes the charts; bad options fail cleanly with no file left behind.
. "$(dirname "$0")/lib.sh"
P=$PARLEY

expect_status 0 "report" -- "$P" report -n 60 -o "$TMP/report.html"
[ -s "$TMP/report.html" ] && ok || bad "no report written"
expect_grep "$TMP/report.html" "<!DOCTYPE html>" "an HTML document"
grep -q "cannot act against RUS" "$TMP/report.html" && bad "an id in the findings' prose" || ok
expect_grep "$TMP/report.html" 'id="claims"' "the built-in scenario's own claims"
expect_grep "$TMP/report.html" "<h3>The packages in words</h3>" "packages in words"
expect_grep "$TMP/report.html" 'class="note">Note: ' "notes printed as footnotes"
grep -q "<figcaption>" "$TMP/report.html" && bad "a file-name caption under a chart" || ok

# a scenario of one's own: no claims section unless claims are given (never the built-in's);
# --claims and --proposal; recorded outcomes beside the forecasts
J="$SRC/tests/scenarios/jcpoa-2015.yaml"
expect_status 0 "report of a FILE" -- "$P" report "$J" -n 0 -o "$TMP/j.html"
grep -q 'id="claims"' "$TMP/j.html" && bad "a claims section without claims" || ok
expect_grep "$TMP/j.html" "<h3>Forecasts beside the recorded outcomes</h3>" "outcomes beside forecasts"
expect_grep "$TMP/j.html" "recorded outcome 25" "the outcome in the issue chart"
expect_grep "$TMP/j.html" "Without a deal United States would win a war" "names, not ids, in the findings"
expect_grep "$TMP/j.html" "<th>Iran's enrichment</th><td><b>25</b> &mdash; 3.67% with about 5,000 centrifuges</td>" "a package in words"
expect_status 0 "report --claims --proposal" -- "$P" report "$J" -n 0 --claims "$SRC/tests/scenarios/jcpoa-2015.claims.yaml" --proposal "$SRC/tests/scenarios/jcpoa-2015.deal.yaml" -o "$TMP/jp.html"
expect_grep "$TMP/jp.html" 'id="claims"' "the given claims checked"
expect_grep "$TMP/jp.html" "The deal as signed would hold" "the claim's text"
expect_grep "$TMP/jp.html" "<h2>The proposal, evaluated</h2>" "the proposal's section"
expect_grep "$TMP/jp.html" "The proposal is accepted by 3 of 3 parties." "acceptance per party"
# each party that rejects, with its reason: europe-kyiv crosses Russia's red line (GUAR < 50),
# and the United States gains less than no deal gives it
expect_status 0 "report --proposal europe-kyiv" -- "$P" report -n 0 --proposal europe-kyiv -o "$TMP/ek.html"
expect_grep "$TMP/ek.html" "accepted by 2 of 4 parties; Russia (it crosses its red line on GUAR), United States (no deal is worth more to it)." "the reason each party rejects"
# who blocks ratification, body by body (moscow-terms: the Rada's elites and Ukraine's society vote no)
expect_status 0 "report --proposal moscow-terms" -- "$P" report -n 0 --proposal moscow-terms -o "$TMP/mt.html"
expect_grep "$TMP/mt.html" "pass it with probability 0 (Verkhovna Rada: 0, voting no: Ukrainian political elites (Verkhovna Rada); Ukrainian referendum: 0.00409, voting no: Ukrainian society)." "the bodies that block it, and who votes no"
expect_error "$TMP/none.yaml: cannot open: No such file or directory" -- "$P" report "$J" -n 0 --claims "$TMP/none.yaml" -o "$TMP/never.html"
expect_error "$TMP/none.yaml: cannot open: No such file or directory" -- "$P" report "$J" -n 0 --proposal "$TMP/none.yaml" -o "$TMP/never.html"
printf 'ENRICH: 25\nSANCT: 80\nINSP: 150\n' >"$TMP/off.yaml"
expect_error "$TMP/off.yaml:3:7: proposal for issue 'INSP' is 150; expected a number in [0, 100]" -- "$P" report "$J" -n 0 --proposal "$TMP/off.yaml" -o "$TMP/never.html"
for c in issue-TERR eum-TERR smp-TERR frontier winset power-GUARANTOR_COUNCIL stress-forecasts stress-findings stress-tornado; do
  expect_grep "$TMP/report.html" "id=\"chart-$c.svg\"" "chart $c in the report"
done
expect_status 0 "same bytes again, 2 threads" -- "$P" report -n 60 --threads 2 -o "$TMP/again.html"
cmp -s "$TMP/report.html" "$TMP/again.html" && ok || bad "the report differs between runs"

expect_status 0 "svg-dir" -- "$P" report -n 30 --svg-dir "$TMP/svg"
n=$(ls "$TMP/svg" | grep -c '\.svg$')
[ "$n" -ge 20 ] && ok || bad "only $n charts in --svg-dir"
if command -v xmllint >/dev/null 2>&1; then
  xmllint --noout --nonet "$TMP"/svg/*.svg 2>"$TMP/xml.err" && ok || { bad "an SVG is not well-formed XML"; head -3 "$TMP/xml.err"; }
fi

# --- bad options ---------------------------------------------------------------------------
expect_error "parley: report writes HTML (or SVG with --svg-dir); expected no --format or --table" -- "$P" report --format json
expect_error "parley: --pair: no actor 'XXX'; expected two actor ids (one of RUS, UKR, USA, EUR, CHN, GBR, FRA, UKR_PUBLIC, UKR_ELITES)" -- "$P" report --pair RUS,XXX -o "$TMP/never.html"
expect_error "parley: 'RUS' is not two ids; expected two ids separated by a comma, e.g. RUS,UKR" -- "$P" report --pair RUS -o "$TMP/never.html"
expect_error "parley: give either --svg-dir DIR or -o FILE, not both" -- "$P" report --svg-dir "$TMP/x" -o "$TMP/never.html"
expect_error "parley: --draws x: expected a whole number from 0 to 1000000000" -- "$P" report --draws x
[ -e "$TMP/never.html" ] && bad "a report file was left behind after an error" || ok

# --- as a user sees it: headless Chromium -----------------------------------------------------
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROME" ]; then
  echo "note: Chromium is not installed (apt-get install chromium); the browser check is skipped"
  finish
fi
url="file://$(cd "$TMP" && pwd)/report.html"
timeout 180 "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$TMP/chrome" --window-size=1100,2400 --screenshot="$TMP/shot.png" \
  --enable-logging=stderr --v=1 "$url" >"$TMP/chrome.out" 2>"$TMP/chrome.err"
st=$?
[ $st -eq 0 ] && ok || bad "chromium exit $st"
if grep -q ":CONSOLE" "$TMP/chrome.err"; then
  bad "console messages:"; grep ":CONSOLE" "$TMP/chrome.err" | head -5
else ok; fi
others=$(grep "FileURLLoader::Start" "$TMP/chrome.err" | sed 's/.*Start: //' | grep -v -x "$url" | head -3)
[ -z "$others" ] && ok || bad "resources loaded besides the report: $others"
grep -q "FileURLLoader::Start: $url" "$TMP/chrome.err" && ok || bad "Chromium's log does not show the report being loaded (cannot check resources)"
[ -s "$TMP/shot.png" ] && ok || bad "no screenshot"
cp "$TMP/shot.png" "$BLD/report-screenshot.png" 2>/dev/null && echo "screenshot: $BLD/report-screenshot.png"
finish
