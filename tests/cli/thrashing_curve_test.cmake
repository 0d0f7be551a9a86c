# cli.thrashing_curve: userland/tests/thrashing.c on 1 MiB with swap (docs/paging.md, "Thrashing").
# CPU utilisation must rise from one worker to four (they fit, with no major fault), be
# above 0.5 for four workers, and below 0.1 at six (they do not fit); every run must print its "ok" line.
# -DKERNSIM=... -DPROGRAM=... -DOUT=folder
foreach(workers 1 4 6)
  set(stats "${OUT}/thrashing-${workers}.json")
  execute_process(COMMAND "${KERNSIM}" exec --memory 1M --swap 8M --swap-disk ssd --stats-json "${stats}" -- "${PROGRAM}" ${workers}
                  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
  if(NOT status EQUAL 0 OR NOT output STREQUAL "thrashing: ${workers} workers ok\n")
    message(FATAL_ERROR "thrashing ${workers}: exit ${status}, printed [${output}] [${errors}]")
  endif()
  file(READ "${stats}" document)
  string(JSON u${workers} GET "${document}" cpu_utilisation)
  string(JSON major${workers} GET "${document}" major_faults)
endforeach()
message(STATUS "utilisation: 1 worker ${u1}, 4 workers ${u4}, 6 workers ${u6}; major faults ${major1} ${major4} ${major6}")
if(NOT u1 LESS u4)
  message(FATAL_ERROR "four workers should keep the CPU busier than one: ${u4} against ${u1}")
endif()
if(NOT major4 EQUAL 0 OR major6 EQUAL 0)
  message(FATAL_ERROR "four workers should fit (major faults ${major4}) and six should not (${major6})")
endif()
if(NOT u6 LESS 0.1 OR NOT u4 GREATER 0.5)
  message(FATAL_ERROR "six workers should thrash: utilisation ${u6} against ${u4} for four")
endif()
