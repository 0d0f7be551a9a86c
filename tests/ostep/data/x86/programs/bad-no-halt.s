.main
mov  $1, %ax
add  $1, %ax
