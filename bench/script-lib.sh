# Shell helpers the bench scripts share; sourced, not run. The sourcing script defines usage().

script=$(basename "$0")
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Prints the problem and the usage, and exits 2.
fail_usage() {
  echo "$script: $1" >&2
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

# What the compare scripts share. Each runs the load tool alternately against Warren and
# RabbitMQ, collects the runs' JSON lines in $results and prints a comparison table.
#
# A compare script sets, before reading its command line:
#   rounds       the default of --rounds
#   pass_values  the options with a value that it passes on to each run, e.g. (--duration --warmup)
#   pass_flags   the options without a value that it passes on to each run
# then hands every option it does not read itself to read_compare_option, and calls
# check_compare_options with its default URIs.

out=
bench_args=()
uris=()
failed=0

# Reads the option (and value) at the front of "$@": --rounds, --out, -h/--help, a URI or an
# option passed on to each run. Sets consumed to the number of arguments read.
read_compare_option() {
  consumed=1
  case $1 in
    --rounds) rounds=${2:-}; consumed=2; (($# >= 2)) || fail_usage "--rounds needs a value" ;;
    --out) out=${2:-}; consumed=2; (($# >= 2)) || fail_usage "--out needs a value" ;;
    -h | --help) usage; exit 0 ;;
    -*)
      if [[ " ${pass_values[*]} " == *" $1 "* ]]; then
        (($# >= 2)) || fail_usage "$1 needs a value"
        bench_args+=("$1" "$2"); consumed=2
      elif [[ " ${pass_flags[*]} " == *" $1 "* ]]; then
        bench_args+=("$1")
      else
        fail_usage "unknown option $1"
      fi ;;
    *) uris+=("$1") ;;
  esac
}

# Checks the command line read and sets warren_uri and rabbitmq_uri, defaulting to $1 and $2.
check_compare_options() {
  ((${#uris[@]} <= 2)) || fail_usage "at most two URIs, Warren's then RabbitMQ's"
  [[ $rounds =~ ^[1-9][0-9]*$ ]] || fail_usage "--rounds wants a whole number of at least 1, got '$rounds'"
  warren_uri=${uris[0]:-$1}
  rabbitmq_uri=${uris[1]:-$2}
}

# Sets bench to the command that runs the load tool (followed by any arguments given), java and
# java_opts from JAVA and JAVA_OPTS, and jar from WARREN_BENCH_JAR; stops when the jar is not built.
find_bench() {
  jar=${WARREN_BENCH_JAR:-$bench_dir/target/warren-bench.jar}
  java=${JAVA:-java}
  read -r -a java_opts <<<"${JAVA_OPTS:-}"
  [[ -f $jar ]] || { echo "$script: $jar not found; build it with: mvn -q -pl bench package" >&2; exit 2; }
  bench=("$java" "${java_opts[@]}" -jar "$jar" "$@")
}

# Sets results to the --out file, emptied, or to a temporary file removed at exit.
open_results() {
  results=$out
  if [[ -z $results ]]; then
    results=$(mktemp)
    trap 'rm -f "$results"' EXIT
  else
    : >"$results"
  fi
}

# Runs the rounds, each Warren's run then RabbitMQ's: the script's run_side SIDE URI, its output
# appended to $results. $1 names the runs in the progress lines (may be empty); $2 is what the
# line about a failed run adds. Sets failed=1 when a run fails.
alternate_rounds() {
  local what=$1 after_failure=$2 round side uri
  for ((round = 1; round <= rounds; round++)); do
    for side in warren rabbitmq; do
      if [[ $side == warren ]]; then uri=$warren_uri; else uri=$rabbitmq_uri; fi
      echo "$script: ${what:+$what, }round $round of $rounds, $side" >&2
      if ! run_side "$side" "$uri" >>"$results"; then
        echo "$script: ${what:+$what on }$side failed in round $round$after_failure" >&2
        failed=1
      fi
    done
  done
}

# Prints the report: the heading $1, the table the class $2 makes of $results, the command line
# ($command_line) and each run's command, the rest of the arguments.
print_report() {
  local heading=$1 table_main=$2
  shift 2
  echo "### $heading"
  echo
  "$java" "${java_opts[@]}" -cp "$jar" "$table_main" "$results"
  echo
  echo "Command: \`$command_line\`"
  echo
  echo "Each run: \`$(shell_words "$@")\`"
  echo "on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')."
}
