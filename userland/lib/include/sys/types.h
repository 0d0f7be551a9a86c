/* sys/types.h — the integer types of the system-call interface (all 32 bits on RV32). */
#ifndef KS_SYS_TYPES_H
#define KS_SYS_TYPES_H

#include <stddef.h>

typedef int ssize_t;
typedef int pid_t;
typedef int off_t;
typedef unsigned int mode_t;

#endif
