.main
mdump here
halt
