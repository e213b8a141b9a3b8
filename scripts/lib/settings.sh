# Reads wasm-pack.toml, the WebAssembly build's settings (sourced by scripts/build and
# scripts/test). The file keeps to `key = value` lines under `[section]` headers, with
# strings, booleans, numbers and one-line arrays of strings: enough for awk, no TOML library.

SETTINGS_FILE=${SETTINGS_FILE:-wasm-pack.toml}

# setting_raw SECTION KEY: the value as written (quotes and brackets kept); fails when absent.
setting_raw() {
  awk -v section="$1" -v key="$2" '
    /^[[:space:]]*(#|$)/ { next }
    /^[[:space:]]*\[/ { current = $0; gsub(/[][[:space:]]/, "", current); next }
    current == section {
      name = $0; sub(/[[:space:]]*=.*/, "", name); gsub(/^[[:space:]]+/, "", name)
      if (name == key) {
        value = $0; sub(/^[^=]*=[[:space:]]*/, "", value); sub(/[[:space:]]+$/, "", value)
        print value; found = 1; exit
      }
    }
    END { exit found ? 0 : 1 }' "$SETTINGS_FILE" || {
    echo "$SETTINGS_FILE: no '$2' in [$1]" >&2
    return 1
  }
}

# setting SECTION KEY: a scalar value, without the quotes of a string.
setting() {
  local value
  value=$(setting_raw "$1" "$2") || return 1
  value=${value#\"}
  printf '%s\n' "${value%\"}"
}

# setting_list SECTION KEY: an array of strings, one item a line.
setting_list() {
  local value
  value=$(setting_raw "$1" "$2") || return 1
  printf '%s\n' "$value" | grep -o '"[^"]*"' | sed 's/^"//; s/"$//'
}

# setting_keys SECTION: the keys of a section, in order.
setting_keys() {
  awk -v section="$1" '
    /^[[:space:]]*(#|$)/ { next }
    /^[[:space:]]*\[/ { current = $0; gsub(/[][[:space:]]/, "", current); next }
    current == section { name = $0; sub(/[[:space:]]*=.*/, "", name); gsub(/^[[:space:]]+/, "", name); print name }
  ' "$SETTINGS_FILE"
}
