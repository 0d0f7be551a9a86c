# Peterson's algorithm for threads 0 and 1 (run with -a bx=0,bx=1).
# want[] is two words; want[i] is at 0(%ex,%i,4).
.var want 2
.var victim
.var hits

.main
lea  want, %ex
mov  $1, %dx
sub  %bx, %dx              # %dx = the other thread
mov  $1, 0(%ex,%bx,4)      # want[me] = 1
mov  %bx, victim           # I wait if both want in
.hold
mov  0(%ex,%dx,4), %cx     # does the other want in?
test $1, %cx
jne  .enter
mov  victim, %cx
test %bx, %cx              # and am I still the one waiting?
je   .hold
.enter
mov  hits, %ax
add  $1, %ax
mov  %ax, hits
mov  $0, 0(%ex,%bx,4)      # want[me] = 0
halt
