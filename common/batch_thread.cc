#include "common/batch_thread.h"

#include <pthread.h>
#include <sched.h>

namespace sightline {

bool MarkThreadAsBatch() {
  static thread_local const bool marked = [] {
    sched_param none{};  // SCHED_BATCH takes priority 0, allowed without privileges
    return pthread_setschedparam(pthread_self(), SCHED_BATCH, &none) == 0;
  }();
  return marked;
}

}  // namespace sightline
