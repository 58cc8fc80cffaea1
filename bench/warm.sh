# Sourced by the bench scripts. warm_until_steady ARGS...: runs `wrk ARGS` (not measured) in rounds until a round is
# no more than 5% faster than the one before it (at least 2 rounds, at most NARA_BENCH_WARM_ROUNDS, default 12), so
# that the measured run starts after the runtime has compiled the hot paths to their final tier, however long that
# takes on this machine. Prints each round's rate on stderr. Before a round it calls warm_round_env (if defined) with
# the round's number and the requests of the rounds before it, so that a script can move each round onto fresh data.
warm_until_steady() {
  local previous=0 rate requests done_requests=0 round out
  for round in $(seq 1 "${NARA_BENCH_WARM_ROUNDS:-12}"); do
    if declare -F warm_round_env >/dev/null; then warm_round_env "$round" "$done_requests" || break; fi
    out=$(wrk "$@")
    rate=$(echo "$out" | awk '/^Requests\/sec/ { printf "%d", $2 }')
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    done_requests=$((done_requests + ${requests:-0}))
    echo "warm-up round $round: ${rate:-0} requests/s" >&2
    [ "$round" -ge 2 ] && [ $((${rate:-0} * 100)) -le $((previous * 105)) ] && break
    previous=${rate:-0}
  done
}
