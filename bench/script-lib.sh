# Shell helpers the bench scripts share; sourced, not run. The sourcing script defines usage().

# Prints the problem and the usage, and exits 2.
fail_usage() {
  echo "$(basename "$0"): $1" >&2
  usage >&2
  exit 2
}

# The command line as it could be pasted back into a shell, quoting only what needs it.
shell_words() {
  local word words=()
  for word; do
    if [[ $word =~ ^[A-Za-z0-9_./:@%+=,-]+$ ]]; then words+=("$word"); else words+=("${word@Q}"); fi
  done
  echo "${words[*]}"
}
