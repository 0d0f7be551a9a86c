.main
.forever
j .forever
