# Every thread adds 1 to the shared word `total`, %bx times, with no lock:
# a load, an increment and a store that an interrupt can split.
.var total

.main
.repeat
mov  total, %ax      # load
add  $1, %ax         # increment
mov  %ax, total      # store
sub  $1, %bx         # one fewer to go
test $0, %bx
jgt  .repeat
halt
