# Prints a line and exits with the code given as $1.
echo "exiting with $1"
exit "$1"
