# Ignores SIGINT and SIGTERM (saying so), so that only a kill stops it.
trap 'echo "ignored SIGINT"' INT
trap 'echo "ignored SIGTERM"' TERM
echo "ready"
while :; do
    sleep 0.1
done
