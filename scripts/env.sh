# Sourced by the other scripts: where the project-local dependencies are.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"
export PKG_CONFIG_PATH="$ROOT/.deps/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
SERVICES=(intake planner notification webreport billing)
declare -A SERVICE_PORT=([intake]=8081 [planner]=8082 [notification]=8083 [webreport]=8084 [billing]=8085)
