.main
  .indented
halt
