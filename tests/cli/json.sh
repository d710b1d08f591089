#!/bin/sh
# SPDX-License-Identifier: MIT
# `parley --format json` parses as JSON (jq) and holds every actor, issue and forecast.
. "$(dirname "$0")/lib.sh"
need_jq

expect_status 0 "json" -- "$PARLEY" --format json
jq -e . "$TMP/out" >/dev/null && ok || bad "output is not JSON"
n_act=$(jq '.actors | length' "$TMP/out")
n_iss=$(jq '.issues | length' "$TMP/out")
[ "$n_act" -eq 9 ] && ok || bad "actors: $n_act"
[ "$n_iss" -eq 6 ] && ok || bad "issues: $n_iss"
for id in RUS UKR USA EUR CHN GBR FRA UKR_PUBLIC UKR_ELITES; do
  jq -e --arg id "$id" '[.actors[].id] | index($id) != null' "$TMP/out" >/dev/null && ok || bad "actor $id missing"
done
for id in TERR NATO GUAR ARMY SEQ PAY; do
  for m in mean median nbs; do
    jq -e --arg id "$id" --arg m "$m" \
      '[.forecasts[] | select(.issue == $id and .model == $m and .forecast >= 0 and .forecast <= 100)] | length == 1' \
      "$TMP/out" >/dev/null && ok || bad "forecast $id/$m missing or out of range"
  done
done
jq -e '.issues[0].scale["0"] and .issues[0].scale["100"]' "$TMP/out" >/dev/null && ok || bad "scale anchors"
jq -e '.bodies[] | select(.id == "GUARANTOR_COUNCIL") | [.members[].veto] | all' "$TMP/out" >/dev/null && ok || bad "council vetoes"
finish
