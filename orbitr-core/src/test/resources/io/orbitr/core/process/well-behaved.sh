# Behaves like jd-client: logs to stdout, shuts down cleanly on SIGINT and exits 0.
sleep 1000 &
worker=$!
trap 'kill $worker 2>/dev/null; echo "JD Client shutdown complete."; exit 0' INT
echo "Job declarator client starting... setting up subsystems"
echo "pid $$"
echo "cwd $(pwd)"
echo "ORBITR_TEST=${ORBITR_TEST:-unset}"
echo "warning on stderr" >&2
echo "ready"
wait $worker
