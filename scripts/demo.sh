#!/usr/bin/env bash
# Loads the demo tickets through intake's HTTP API. Every request carries an idempotency key,
# so loading twice (a second `make run`) opens nothing new.
set -euo pipefail
INTAKE="${1:-http://127.0.0.1:8081}"
post() { # key type customer email zone description
  curl -fsS -o /dev/null -X POST "$INTAKE/api/tickets" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: demo-$1" \
    -d "{\"activityTypeCode\":\"$2\",\"customer\":{\"name\":\"$3\",\"email\":\"$4\"},\"siteZone\":\"$5\",\"description\":\"$6\"}"
}
post 1 REPAIR "Panificio Moretti" "ordini@panificio-moretti.example" "Milano" "Oven does not reach temperature"
post 2 REPAIR "Hotel Lago Blu" "manutenzione@lagoblu.example" "Como" "Boiler pressure drops overnight"
post 3 WARRANTY "Studio Dentistico Ferri" "segreteria@studioferri.example" "Monza" "Compressor noisy after installation"
post 4 REPAIR "Trattoria Da Gino" "gino@dagino.example" "Milano" "Fridge alarm keeps ringing"
post 5 WARRANTY "Farmacia Centrale" "info@farmaciacentrale.example" "Bergamo" "Air conditioning leaks water"
echo "demo data: 5 tickets loaded (idempotent)"
