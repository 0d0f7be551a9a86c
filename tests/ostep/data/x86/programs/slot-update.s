# One increment of the word at 3000 + %dx (threads with the same %dx share it).
.main
mov  3000(%dx), %cx
add  $1, %cx
mov  %cx, 3000(%dx)
halt
