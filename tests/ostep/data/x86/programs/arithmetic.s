# Exercises the rest of the instruction set: mul, neg, lea,
# push/pop of registers, nop, and the dumps.
.var table 4

.main
mov  $3, %ax
mul  $5, %ax               # 15
mov  %ax, %cx
mul  %cx, %ax              # 225
neg  %cx                   # -15
lea  table, %ex
mov  $2, %fx
mov  %ax, 0(%ex,%fx,4)     # table[2] = 225
lea  12(%ex), %dx           # address of table[3]
push %ax
push %cx
pop  %bx                   # -15
pop  %ax                   # 225
sub  %bx, %ax              # 240
add  $-40, %ax             # 200
test %ax, $200
jlte .small
nop
.small
jlt  .done
jgte .done
.done
rdump
mdump 108
halt
