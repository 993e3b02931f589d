# Waits for the file $3, then prints $1 numbered lines on stdout and $2 on stderr, both at once, as fast as it can.
while [ ! -e "$3" ]; do
    sleep 0.01
done
seq -f 'out %.0f' 1 "$1" &
seq -f 'err %.0f' 1 "$2" >&2
wait
