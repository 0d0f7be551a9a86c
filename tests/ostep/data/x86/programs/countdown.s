# Counts %cx down to zero, adding each value to %ax on the way.
# Start it with -a cx=N; %ax ends as N + (N-1) + ... + 1.
.main
.again
add  %cx, %ax
sub  $1, %cx
test $0, %cx
jgt  .again
halt
