#!/usr/bin/env bash
# Loads the demo data: tickets through intake's HTTP API, then availability in the planner
# (presences for the next 14 days, an absence for Lucia tomorrow, any company holiday in the
# range, calls linked to the technicians), so `make run` shows a populated board. Every step is idempotent: tickets carry an
# idempotency key, generation only writes missing presences, and an absence or holiday that
# already exists is answered 409 and left alone.
# Then billing's catalogue, a bill of materials and stock in the central warehouse and each
# technician's van (articles answer 409 when they exist; stock is booked only into an empty store).
# Usage: demo.sh [intake-url] [planner-url] [billing-url]
set -euo pipefail
INTAKE="${1:-http://127.0.0.1:8081}"
PLANNER="${2:-http://127.0.0.1:8082}"
BILLING="${3:-http://127.0.0.1:8085}"
# Log in as the administrator; the session token works as a bearer token on every service.
TOKEN="$(curl -fsS -X POST "$INTAKE/api/sessions" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"${ARIANNA_ADMIN_PASSWORD:-arianna-admin}\"}" \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')"
AUTH=(-H "Authorization: Bearer $TOKEN")
# Each ticket's answer (the same ticket again on a re-run), for the appointments further down.
DEMO_DIR="$(mktemp -d)"; trap 'rm -rf "$DEMO_DIR"' EXIT
post() { # key type customer email zone description [appliance]
  curl -fsS "${AUTH[@]}" -o "$DEMO_DIR/ticket-$1.json" -X POST "$INTAKE/api/tickets" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: demo-$1" \
    -d "{\"activityTypeCode\":\"$2\",\"customer\":{\"name\":\"$3\",\"email\":\"$4\"},\"siteZone\":\"$5\",\"description\":\"$6\",\"customFields\":{\"appliance\":\"${7:-Caldaia}\",\"serial_number\":\"SN-$1\"}}"
}
post 1 REPAIR "Panificio Moretti" "ordini@panificio-moretti.example" "Milano" "Oven does not reach temperature"
post 2 REPAIR "Hotel Lago Blu" "manutenzione@lagoblu.example" "Como" "Boiler pressure drops overnight"
post 3 WARRANTY "Studio Dentistico Ferri" "segreteria@studioferri.example" "Monza" "Compressor noisy after installation"
post 4 REPAIR "Trattoria Da Gino" "gino@dagino.example" "Milano" "Fridge alarm keeps ringing"
post 5 WARRANTY "Farmacia Centrale" "info@farmaciacentrale.example" "Bergamo" "Air conditioning leaks water"
echo "demo data: 5 tickets loaded (idempotent)"

# --- deadlines (issue 12): a task type with its own sequence, deadlines in technicians' names ---
# The sequence and the type are created once (a second run is refused as a duplicate and left alone).
setup() { # path json
  local status; status="$(curl -sS "${AUTH[@]}" -o /dev/null -w '%{http_code}' -X POST "$INTAKE/api/setup/$1" \
    -H 'Content-Type: application/json' -d "$2")"
  [[ "$status" == 201 || "$status" == 409 || "$status" == 422 ]] || { echo "setup $1 refused ($status)"; exit 1; }
}
setup sequences '{"prefix":"SCA","name":"Scadenze / Deadlines","padding":6}'
setup activity-types '{"code":"DEADLINE","name":"Scadenza / Deadline","macroType":"task","expectedDurationMinutes":30,"numberingPrefix":"SCA","colour":"#8c564b","registrationType":"notBillable","practiceID":"pr-assist","notifyAssignee":true}'
deadline() { # key operator due-date description
  curl -fsS "${AUTH[@]}" -o /dev/null -X POST "$INTAKE/api/tickets" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: demo-deadline-$1" \
    -d "{\"activityTypeCode\":\"DEADLINE\",\"customerID\":\"$5\",\"customer\":{\"name\":\"\"},\"siteZone\":\"$6\",\"description\":\"$4\",\"dueAt\":\"$3\",\"operatorInChargeID\":\"$2\"}"
}
utc() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
deadline 1 op-mario "$(utc 'yesterday 09:00')" "Rinnovo certificazione caldaia / Boiler certificate renewal" cus-lagoblu Como
deadline 2 op-mario "$(utc '+5 days 09:00')" "Verifica fumi annuale / Yearly flue gas check" cus-moretti Milano
deadline 3 op-lucia "$(utc '+10 days 09:00')" "Controllo estintori / Fire extinguisher check" cus-ferri Monza
echo "demo data: 3 deadlines (SCA/…) in Mario's and Lucia's names, one overdue; the back office's work list is /work (idempotent)"

# --- planner availability -------------------------------------------------------------------
# Days in the company's time zone.
day() { TZ=Europe/Rome date -d "$1" +%F; }
FROM="$(day today)"; TO="$(day '+13 days')"; TOMORROW="$(day tomorrow)"

# The planner learns the operators from intake's setup snapshots; wait until it knows them.
for _ in $(seq 150); do
  curl -fsS "${AUTH[@]}" "$PLANNER/api/operators" 2>/dev/null | grep -q '"op-lucia"' && break
  sleep 0.2
done

# Request with a JSON body; prints the body, returns the HTTP status in $STATUS.
send() { # method path json
  local out; out="$(mktemp)"
  STATUS="$(curl -sS "${AUTH[@]}" -o "$out" -w '%{http_code}' -X "$1" "$PLANNER$2" -H 'Content-Type: application/json' -d "$3")"
  BODY="$(cat "$out")"; rm -f "$out"
}

# Company holidays (fixed Italian ones) that fall in the range.
for holiday in "01-01 Capodanno" "01-06 Epifania" "04-25 Liberazione" "05-01 Festa del lavoro" \
               "06-02 Festa della Repubblica" "08-15 Ferragosto" "11-01 Ognissanti" \
               "12-08 Immacolata" "12-25 Natale" "12-26 Santo Stefano"; do
  md="${holiday%% *}"; name="${holiday#* }"
  for year in "${FROM:0:4}" "${TO:0:4}"; do
    d="$year-$md"
    if [[ "$d" > "$FROM" || "$d" == "$FROM" ]] && [[ "$d" < "$TO" || "$d" == "$TO" ]]; then
      send POST /api/holidays "{\"day\":\"$d\",\"name\":\"$name\"}"
      [[ "$STATUS" == 201 || "$STATUS" == 409 ]] || { echo "holiday $d refused ($STATUS): $BODY"; exit 1; }
    fi
  done
done

# Presences for the next 14 days (a job: wait for it).
for _ in $(seq 50); do
  send POST /api/presence-rules/generate "{\"from\":\"$FROM\",\"to\":\"$TO\"}"
  [[ "$STATUS" == 409 ]] || break   # another generation still running: wait and retry
  sleep 0.2
done
[[ "$STATUS" == 202 ]] || { echo "generation refused ($STATUS): $BODY"; exit 1; }
JOB="$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$BODY")"
for _ in $(seq 300); do
  STATE="$(curl -fsS "${AUTH[@]}" "$PLANNER/api/generation-jobs/$JOB" | sed -E 's/.*"state":"([a-z]+)".*/\1/')"
  [[ "$STATE" == done || "$STATE" == failed ]] && break
  sleep 0.2
done
[[ "$STATE" == done ]] || { echo "presence generation did not finish ($STATE)"; exit 1; }

# Calls go to the technicians (R7): the back office (Giulia) is not offered for them.
for type in at-repair at-warranty at-maintenance; do
  for _ in $(seq 50); do
    send PUT "/api/activity-types/$type/links" '{"operatorIDs":[],"groups":["Technicians North"]}'
    [[ "$STATUS" == 404 ]] || break   # the type's snapshot has not reached the planner yet
    sleep 0.2
  done
  [[ "$STATUS" == 200 ]] || { echo "links for $type refused ($STATUS): $BODY"; exit 1; }
done

# Lucia is at a training course tomorrow.
send POST /api/absences "{\"operatorID\":\"op-lucia\",\"firstDay\":\"$TOMORROW\",\"reason\":\"Training\"}"
[[ "$STATUS" == 201 || "$STATUS" == 409 ]] || { echo "absence refused ($STATUS): $BODY"; exit 1; }
echo "demo data: presences $FROM…$TO generated, calls linked to Technicians North, Lucia absent on $TOMORROW (idempotent)"

# --- the technicians' to-do lists (web-report) ----------------------------------------------------
# Mario gets three of the calls on his next working days, so logging in as `mario` (password
# arianna-demo) on web-report shows a populated to-do list. Scheduling a call already scheduled is
# answered 409 and left alone.
workday() { # n: the n-th working day (Mon–Fri) from tomorrow, in the company's time zone
  local n="$1" offset=1 found=0 candidate
  while :; do
    candidate="$(TZ=Europe/Rome date -d "+$offset days" +%F)"
    if [[ "$(TZ=Europe/Rome date -d "$candidate" +%u)" -le 5 ]]; then
      found=$((found + 1)); [[ "$found" == "$n" ]] && { echo "$candidate"; return; }
    fi
    offset=$((offset + 1))
  done
}
ticket_id() { # key: the id of the ticket that demo key opened
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$DEMO_DIR/ticket-$1.json"
}
utc() { TZ=Europe/Rome date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
for plan in "1 1 09:00" "4 1 14:00" "2 2 10:00"; do
  read -r key nth time <<<"$plan"
  id="$(ticket_id "$key")"
  [[ -n "$id" ]] || { echo "demo ticket $key not found"; exit 1; }
  start="$(utc "$(workday "$nth") $time")"
  for _ in $(seq 50); do
    send POST /api/appointments "{\"ticketID\":\"$id\",\"operatorID\":\"op-mario\",\"start\":\"$start\"}"
    [[ "$STATUS" == 404 ]] || break   # the ticket has not reached the planner's queue yet
    sleep 0.2
  done
  [[ "$STATUS" == 201 || "$STATUS" == 409 ]] || { echo "appointment for demo ticket $key refused ($STATUS): $BODY"; exit 1; }
done
echo "demo data: three calls on Mario's to-do list (log in as mario / arianna-demo on web-report)"

# --- billing: catalogue, bill of materials, stock ----------------------------------------------
bill() { # method path json
  local out; out="$(mktemp)"
  STATUS="$(curl -sS "${AUTH[@]}" -o "$out" -w '%{http_code}' -X "$1" "$BILLING$2" -H 'Content-Type: application/json' -d "$3")"
  BODY="$(cat "$out")"; rm -f "$out"
}
article() { # code kind unit price vat description-it description-en
  bill POST /api/articles "{\"code\":\"$1\",\"kind\":\"$2\",\"unit\":\"$3\",\"price\":\"$4\",\"vatRatePercent\":$5,\"description\":\"$6\",\"descriptionEN\":\"$7\"}"
  [[ "$STATUS" == 201 || "$STATUS" == 409 ]] || { echo "article $1 refused ($STATUS): $BODY"; exit 1; }
}
article LAB-HOUR labour h 45.00 22 "Manodopera (ore)" "Labour (hours)"
article LAB-TRAVEL labour h 30.00 22 "Viaggio (ore)" "Travel (hours)"
article CALL-FEE service pz 35.00 22 "Diritto di chiamata" "Call-out fee"
article FILTER-01 material pz 12.50 22 "Filtro caldaia" "Boiler filter"
article PIPE-22 material m 8.90 22 "Tubo rame 22 mm" "Copper pipe 22 mm"
article VALVE-3W material pz 48.00 22 "Valvola a tre vie" "Three-way valve"
article PUMP-A2 material pz 189.00 22 "Circolatore A2" "Circulation pump A2"
article KIT-CALDAIA finished-product pz 420.00 22 "Kit sostituzione caldaia" "Boiler replacement kit"
bill PUT /api/boms/KIT-CALDAIA '{"components":[{"code":"PUMP-A2","quantity":1},{"code":"VALVE-3W","quantity":2},{"code":"PIPE-22","quantity":3}]}'
[[ "$STATUS" == 200 ]] || { echo "bill of materials refused ($STATUS): $BODY"; exit 1; }
# The vans come from intake's operator snapshots; wait until billing has them.
for _ in $(seq 150); do
  curl -fsS "${AUTH[@]}" "$BILLING/api/warehouses" 2>/dev/null | grep -q '"VAN-op-lucia"' && break
  sleep 0.2
done
if [[ "$(curl -fsS "${AUTH[@]}" "$BILLING/api/stock")" == "[]" ]]; then
  for line in "FILTER-01 40" "PIPE-22 200" "VALVE-3W 20" "PUMP-A2 6"; do
    bill POST /api/stock/receipts "{\"articleCode\":\"${line% *}\",\"quantity\":${line#* },\"warehouseID\":\"WH-CENTRAL\",\"note\":\"demo\"}"
    [[ "$STATUS" == 201 ]] || { echo "receipt refused ($STATUS): $BODY"; exit 1; }
  done
  for van in VAN-op-mario VAN-op-lucia; do
    for line in "FILTER-01 5" "PIPE-22 20" "VALVE-3W 2"; do
      bill POST /api/stock/transfers "{\"articleCode\":\"${line% *}\",\"quantity\":${line#* },\"warehouseID\":\"$van\",\"fromWarehouseID\":\"WH-CENTRAL\"}"
      [[ "$STATUS" == 201 ]] || { echo "transfer to $van refused ($STATUS): $BODY"; exit 1; }
    done
  done
fi
echo "demo data: billing catalogue, KIT-CALDAIA bill of materials, central and van stock (idempotent)"
