# Starts children, a grandchild, and a child that ignores SIGINT and SIGTERM, then waits for them.
sh -c 'sleep 1000 & echo "grandchild $!"; wait' &
echo "child $!"
sleep 1000 &
echo "child $!"
sh -c 'trap "" INT TERM; sleep 1000 & echo "grandchild $!"; wait' &
echo "child $!"
sleep 0.2
echo "ready"
wait
