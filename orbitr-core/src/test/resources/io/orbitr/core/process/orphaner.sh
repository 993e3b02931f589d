# Leaves processes behind and exits with code 3: a child, and a grandchild whose parent has already exited.
sleep 1000 &
echo "child $!"
sh -c 'sleep 1000 & echo "grandchild $!"'
echo "leaving"
exit 3
