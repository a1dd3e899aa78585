// MarkThreadAsBatch changes the calling thread's policy only, and only once.
#include "common/batch_thread.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <sched.h>

#include <thread>

namespace sightline {
namespace {

int PolicyOfThisThread() {
  int policy = -1;
  sched_param param{};
  pthread_getschedparam(pthread_self(), &policy, &param);
  return policy;
}

TEST(MarkThreadAsBatch, TheCallingThreadBecomesBatchAndNoOtherDoes) {
  const int before = PolicyOfThisThread();
  bool marked = false;
  bool marked_again = false;
  int policy = -1;
  std::thread worker([&] {
    marked = MarkThreadAsBatch();
    marked_again = MarkThreadAsBatch();
    policy = PolicyOfThisThread();
  });
  worker.join();
  EXPECT_EQ(marked_again, marked);
  if (marked) {
    EXPECT_EQ(policy, SCHED_BATCH);
  } else {
    EXPECT_NE(policy, SCHED_BATCH) << "refused: the thread is left as it was";
  }
  EXPECT_EQ(PolicyOfThisThread(), before);
}

}  // namespace
}  // namespace sightline
