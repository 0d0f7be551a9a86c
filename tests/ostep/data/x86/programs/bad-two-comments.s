.main
mov  $1, %ax   # one # two
halt
