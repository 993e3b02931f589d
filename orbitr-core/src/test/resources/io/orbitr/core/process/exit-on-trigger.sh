# Runs until the file $1 appears, removes it and exits with code $2.
echo "waiting for $1"
while [ ! -e "$1" ]; do
    sleep 0.02
done
rm -f "$1"
echo "triggered"
exit "$2"
