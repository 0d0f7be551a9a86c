/* sched.h — sched_yield. */
#ifndef KS_SCHED_H
#define KS_SCHED_H

int sched_yield(void);

#endif
