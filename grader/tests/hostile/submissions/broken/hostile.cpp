// A submission that does not compile: every test must score 0 as "build error".
#include "kernel/sched/extra_policies.h"
namespace ks {
this is not C++;
}
